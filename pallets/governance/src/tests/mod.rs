mod dispatch_as_root;
pub(crate) mod mock;
mod set_parameter;
