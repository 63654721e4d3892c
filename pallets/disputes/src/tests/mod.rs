//! One file per call, each with its success paths and every error it can return.

pub(crate) mod mock;

mod file_dispute;
mod migrations;
mod rule;
