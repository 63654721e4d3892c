mod anchor_usage;
mod discard_usage;
mod eid_possession;
mod fixtures;
mod mock;
mod register_key;
mod retire_key;
mod settle_usage;
