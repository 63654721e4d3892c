pub(crate) mod mock;

mod apply;
mod approve;
mod genesis;
mod reinstate;
mod retire;
mod rotate_receipt_key;
mod slash;
mod suspend;
mod update;
mod withdraw_application;
