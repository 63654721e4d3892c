//! Storage migrations of the telco registry, for the runtime's `Migrations`.

/// Version 1: an active operator's bond is whole.
pub mod v1 {
	use crate::*;
	use core::marker::PhantomData;
	use frame_support::{
		migrations::VersionedMigration,
		traits::{Get, UncheckedOnRuntimeUpgrade},
		weights::Weight,
	};

	/// Suspends every active operator whose bond is below `TelcoBond`, as a slash that leaves
	/// it short now does (under version 0 such an operator stayed active, even with nothing
	/// held). The council reinstates it once it has topped its bond up. `Telco` records and
	/// `PlmnOwner` keep their layout; `ProfileChanges` is new and starts empty.
	pub type MigrateV0ToV1<T> = VersionedMigration<
		0,
		1,
		UncheckedMigrateV0ToV1<T>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;

	/// The migration without the version check; use [`MigrateV0ToV1`].
	pub struct UncheckedMigrateV0ToV1<T>(PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for UncheckedMigrateV0ToV1<T> {
		fn on_runtime_upgrade() -> Weight {
			let bond = T::TelcoBond::get();
			let mut read = 0u64;
			let short: alloc::vec::Vec<T::AccountId> = Telcos::<T>::iter()
				.inspect(|_| read = read.saturating_add(1))
				.filter(|(_, record)| record.status == TelcoStatus::Active && record.bond < bond)
				.map(|(telco, _)| telco)
				.collect();
			for telco in &short {
				Telcos::<T>::mutate_extant(telco, |record| record.status = TelcoStatus::Suspended);
			}
			T::DbWeight::get().reads_writes(read, short.len() as u64)
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(_: alloc::vec::Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
			let bond = T::TelcoBond::get();
			frame_support::ensure!(
				Telcos::<T>::iter_values()
					.all(|record| record.status != TelcoStatus::Active || record.bond >= bond),
				"an active operator's bond is short"
			);
			Ok(())
		}
	}
}
