pub(crate) mod mock;

mod apply;
mod approve;
mod approve_profile_change;
mod genesis;
mod migration_v1;
mod reinstate;
mod reject;
mod reject_profile_change;
mod retire;
mod rotate_receipt_key;
mod slash;
mod suspend;
mod top_up_bond;
mod update;
mod withdraw_application;
