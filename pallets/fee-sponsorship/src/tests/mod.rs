mod charging;
mod end_sponsorship;
mod fund_pot;
pub mod mock;
mod set_terms;
mod weigh_sponsorship;
mod withdraw_pot;
