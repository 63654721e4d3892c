//! The runtime's own migrations: those that move state between pallets, which no pallet can
//! name on its own.

/// Governance version 1: the protocol parameters each pallet stored for itself (and the
/// settlement grace, a raw storage override) move to `governance::Parameters`, where the council
/// sets them all with one call. A value a chain never set stays at the shared default.
pub mod parameters_to_governance {
	use crate::{Escrow, EsimProvisioning, Governance, PlanCatalog, Roaming, Runtime};
	use frame_support::{
		migrations::VersionedMigration, pallet_prelude::*, storage::unhashed, storage_alias,
		traits::UncheckedOnRuntimeUpgrade, StorageHasher, Twox128,
	};
	use gesim_primitives::{BasisPoints, PlanBounds, ProtocolParameter};
	use pallet_governance::Parameters;

	type BlockNumber = crate::BlockNumber;

	#[storage_alias(pallet_name)]
	pub type ProtocolMarginBps = StorageValue<Escrow, BasisPoints>;
	#[storage_alias(pallet_name)]
	pub type ServiceDeadline = StorageValue<EsimProvisioning, BlockNumber>;
	#[storage_alias(pallet_name)]
	pub type Bounds = StorageValue<PlanCatalog, PlanBounds<BlockNumber>>;
	#[storage_alias(pallet_name)]
	pub type NettingPeriod = StorageValue<Roaming, BlockNumber>;
	/// Where `parameter_types!`'s `storage` kept the settlement grace.
	pub const SETTLEMENT_GRACE_KEY: &[u8] = b":SettlementGrace:";

	/// Runs only from governance version 0; see [`MigrateV0ToV1`].
	pub struct Unchecked;

	impl UncheckedOnRuntimeUpgrade for Unchecked {
		fn on_runtime_upgrade() -> Weight {
			let mut moved = 0u64;
			let mut put = |value: Option<ProtocolParameter<BlockNumber>>| {
				if let Some(value) = value.filter(|v| v.check().is_ok()) {
					Parameters::<Runtime>::insert(value.key(), value);
					moved += 1;
				}
			};
			put(ProtocolMarginBps::take().map(ProtocolParameter::ProtocolMargin));
			put(ServiceDeadline::take().map(ProtocolParameter::ServiceDeadline));
			put(Bounds::take().map(ProtocolParameter::PlanBounds));
			put(NettingPeriod::take().map(ProtocolParameter::NettingPeriod));
			let grace = Twox128::hash(SETTLEMENT_GRACE_KEY);
			put(unhashed::take::<BlockNumber>(&grace).map(ProtocolParameter::SettlementGrace));
			<Runtime as frame_system::Config>::DbWeight::get().reads_writes(5, 5 + moved)
		}
	}

	/// Moves the parameters once, from governance version 0 to 1.
	pub type MigrateV0ToV1 = VersionedMigration<
		0,
		1,
		Unchecked,
		Governance,
		<Runtime as frame_system::Config>::DbWeight,
	>;
}
