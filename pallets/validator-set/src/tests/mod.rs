pub mod mock;

mod council;
mod offences;
mod sessions;
