pub mod mock;

pub mod aura;
mod council;
mod offences;
mod sessions;
