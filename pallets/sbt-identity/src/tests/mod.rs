pub(crate) mod mock;

mod bind_eid_commitment;
mod genesis;
mod issue;
mod revoke;
mod unbind_eid_commitment;
