//! Storage migrations, as a live chain runs them on a runtime upgrade.

/// Version 1: the entitlement collection mints its items without deposits. Items minted before keep the
/// deposit they were minted with; it goes back to the catalog when they are burnt.
pub mod v1 {
	use crate::*;
	use frame_support::{
		migrations::VersionedMigration, pallet_prelude::*, traits::UncheckedOnRuntimeUpgrade,
	};

	/// Runs only from version 0; see [`MigrateV0ToV1`].
	pub struct UncheckedMigrateV0ToV1<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for UncheckedMigrateV0ToV1<T> {
		fn on_runtime_upgrade() -> Weight {
			let mut weight = T::DbWeight::get().reads(1);
			if let Some(collection) = EntitlementCollection::<T>::get() {
				if let Err(error) = T::ItemDeposits::waive_item_deposits(&collection) {
					log::error!(target: "runtime::plan-catalog", "item deposits stay on: {error:?}");
				}
				weight.saturating_accrue(T::DbWeight::get().reads_writes(2, 1));
			}
			weight
		}
	}

	/// Moves plan-catalog storage from version 0 to 1.
	pub type MigrateV0ToV1<T> = VersionedMigration<
		0,
		1,
		UncheckedMigrateV0ToV1<T>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;
}
