//! Configuration of every pallet in the runtime, one file each.

mod assets;
mod balances;
mod consensus;
mod council;
mod governance;
mod nfts;
mod system;
mod transaction_payment;

pub use council::{CouncilCollective, CouncilMajority, CouncilTwoThirds};
pub use system::RuntimeBlockWeights;
pub use transaction_payment::{TreasuryAccount, TreasuryPalletId};
