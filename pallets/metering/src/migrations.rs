//! Storage migrations, as a live chain runs them on a runtime upgrade.

/// Version 1: usage proofs bind every record to its subject, period and networks.
///
/// The superseded usage circuits' keys are retired, and commitments still waiting for their
/// proofs are dropped: they were anchored under those keys, without the networks and the
/// clock a commitment now keeps, and could only be discarded. Their nonces stay consumed
/// (each is below its operator's next nonce); operators anchor the batches again under the
/// new circuits. Usage clocks of subjects that exist before the upgrade start at 0 (their
/// start of validity was never recorded): periods anchored before it do not hold the new ones
/// back.
pub mod v1 {
	use crate::*;
	use frame_support::{
		migrations::VersionedMigration, pallet_prelude::*, traits::UncheckedOnRuntimeUpgrade,
	};
	use gesim_zk_verifier::CircuitId;
	use sp_runtime::Saturating;

	/// Runs only from version 0; see [`MigrateV0ToV1`].
	pub struct UncheckedMigrateV0ToV1<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for UncheckedMigrateV0ToV1<T> {
		fn on_runtime_upgrade() -> Weight {
			// Bounded: at most MaxPendingCommitments per operator.
			let dropped = PendingUsage::<T>::clear(u32::MAX, None).unique as u64;
			let counts = PendingCount::<T>::clear(u32::MAX, None).unique as u64;
			let mut reads = 0u64;
			let mut writes = dropped.saturating_add(counts);
			for circuit in CircuitId::ALL.into_iter().filter(|c| c.is_superseded()) {
				let keys: alloc::vec::Vec<_> = VerifyingKeys::<T>::iter_prefix(circuit).collect();
				for (version, mut key) in keys {
					reads.saturating_inc();
					if !key.retired {
						key.retired = true;
						VerifyingKeys::<T>::insert(circuit, version, key);
						writes.saturating_inc();
					}
				}
			}
			T::DbWeight::get().reads_writes(reads.saturating_add(dropped + counts), writes)
		}
	}

	/// [`UncheckedMigrateV0ToV1`], run once: from storage version 0 to 1.
	pub type MigrateV0ToV1<T> = VersionedMigration<
		0,
		1,
		UncheckedMigrateV0ToV1<T>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;
}

/// Version 2: waiting commitments are counted per operator and subject
/// ([`crate::PendingOfSubject`]), counted here from the commitments waiting at the upgrade.
pub mod v2 {
	use crate::*;
	use frame_support::{
		migrations::VersionedMigration, pallet_prelude::*, traits::UncheckedOnRuntimeUpgrade,
	};

	/// Runs only from version 1; see [`MigrateV1ToV2`].
	pub struct UncheckedMigrateV1ToV2<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for UncheckedMigrateV1ToV2<T> {
		fn on_runtime_upgrade() -> Weight {
			// Bounded: at most MaxPendingCommitments per operator.
			let mut reads = 0u64;
			for (telco, _, commitment) in PendingUsage::<T>::iter() {
				reads = reads.saturating_add(1);
				PendingOfSubject::<T>::mutate(&telco, commitment.subject, |count| {
					*count = count.saturating_add(1)
				});
			}
			T::DbWeight::get().reads_writes(reads.saturating_mul(2), reads)
		}
	}

	/// [`UncheckedMigrateV1ToV2`], run once: from storage version 1 to 2.
	pub type MigrateV1ToV2<T> = VersionedMigration<
		1,
		2,
		UncheckedMigrateV1ToV2<T>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;
}
