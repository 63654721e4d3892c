//! Configuration of every pallet in the runtime, one file each.

pub(crate) mod assets;
mod balances;
mod consensus;
mod council;
mod devices;
mod disputes;
pub(crate) mod escrow;
mod esim_provisioning;
mod fee_sponsorship;
mod governance;
mod metering;
mod nfts;
mod plan_catalog;
mod reputation;
mod resale;
mod roaming;
mod sbt_identity;
mod system;
mod telco_registry;
mod transaction_payment;
mod validator_set;

pub use assets::StablecoinAuthority;
pub use council::{CouncilCollective, CouncilMajority, CouncilTwoThirds};
pub use devices::DevicesPalletId;
pub use nfts::ItemDeposit;
pub use plan_catalog::PlanCatalogPalletId;
pub use sbt_identity::IdentityPalletId;
pub use system::RuntimeBlockWeights;
pub use telco_registry::TelcoBond;
pub use transaction_payment::{TreasuryAccount, TreasuryPalletId};
pub use validator_set::OffenceHistory;
