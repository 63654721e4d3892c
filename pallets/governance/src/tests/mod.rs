pub(crate) mod mock;
mod dispatch_as_root;
