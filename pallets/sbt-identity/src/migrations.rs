//! Storage migrations, as a live chain runs them on a runtime upgrade.

/// Version 1: each EID commitment bound to a live identity is indexed by its holder
/// ([`crate::EidHolders`]), so that one commitment is held by one live identity at a time.
pub mod v1 {
	use crate::*;
	use frame_support::{
		migrations::VersionedMigration, pallet_prelude::*, traits::UncheckedOnRuntimeUpgrade,
	};
	use sp_runtime::Saturating;

	/// Runs only from version 0; see [`MigrateV0ToV1`].
	pub struct UncheckedMigrateV0ToV1<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for UncheckedMigrateV0ToV1<T> {
		fn on_runtime_upgrade() -> Weight {
			let (mut reads, mut writes) = (0u64, 0u64);
			for (subscriber, identity) in Identities::<T>::iter() {
				reads.saturating_inc();
				if !identity.is_live() {
					continue;
				}
				for commitment in identity.eid_commitments {
					reads.saturating_inc();
					// Before proofs, two identities could bind one commitment: the first keeps
					// it in the index, and the other can no longer be joined by a third.
					if !EidHolders::<T>::contains_key(commitment) {
						writes.saturating_inc();
						EidHolders::<T>::insert(commitment, &subscriber);
					}
				}
			}
			T::DbWeight::get().reads_writes(reads, writes)
		}
	}

	/// Moves sbt-identity storage from version 0 to 1.
	pub type MigrateV0ToV1<T> = VersionedMigration<
		0,
		1,
		UncheckedMigrateV0ToV1<T>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;
}
