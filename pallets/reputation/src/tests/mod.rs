//! One file per call, each with its success path and every error it can return.

pub(crate) mod mock;

mod flag_abuse;
mod rate;
