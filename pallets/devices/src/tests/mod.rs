pub(crate) mod mock;

mod register_device;
mod retire_device;
mod swaps;
