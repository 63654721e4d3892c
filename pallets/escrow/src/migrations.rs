//! Storage migrations, as a live chain runs them on a runtime upgrade.

/// Version 1: every intent keeps the settlement grace it was opened with, and the expiry queue
/// is kept in pages under new storage names (`ExpiryQueue`, `ExpiryPages`).
pub mod v1 {
	use crate::*;
	use frame_support::{
		migrations::VersionedMigration, pallet_prelude::*, storage_alias,
		traits::UncheckedOnRuntimeUpgrade,
	};
	use frame_system::pallet_prelude::BlockNumberFor;
	use gesim_primitives::{IntentId, ProtocolParameters, StablecoinAmount};
	use sp_runtime::Saturating;

	/// An intent as version 0 stored it: no settlement grace, queued in a one-page bucket.
	#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug, TypeInfo, MaxEncodedLen)]
	pub struct IntentV0<AccountId, BlockNumber> {
		pub payer: AccountId,
		pub payee: AccountId,
		pub paid: StablecoinAmount,
		pub held: StablecoinAmount,
		pub released: StablecoinAmount,
		pub margin: StablecoinAmount,
		pub refunded: StablecoinAmount,
		pub expires_at: BlockNumber,
		pub status: IntentStatus,
		pub queued_in: Option<BlockNumber>,
	}

	/// Version 0's expiry queue: one bounded list per block.
	#[storage_alias]
	pub type Expiring<T: Config> = StorageMap<
		Pallet<T>,
		Twox64Concat,
		BlockNumberFor<T>,
		BoundedVec<IntentId, <T as Config>::MaxIntentsPerPage>,
		ValueQuery,
	>;

	/// Runs only from version 0; see [`MigrateV0ToV1`].
	pub struct UncheckedMigrateV0ToV1<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for UncheckedMigrateV0ToV1<T> {
		fn on_runtime_upgrade() -> Weight {
			// Intents opened before the upgrade keep the grace in force when they were opened,
			// which is the one in force now: the runtime read it afresh until this version.
			let grace = T::Parameters::settlement_grace();
			let mut reads = 0u64;
			let mut writes = 0u64;
			// Each old bucket becomes page 0 of its block; its bound is the same.
			let buckets: alloc::vec::Vec<_> = Expiring::<T>::drain().collect();
			for (bucket, listed) in buckets {
				reads.saturating_inc();
				writes = writes.saturating_add(3);
				ExpiryQueue::<T>::insert(bucket, 0, listed);
				ExpiryPages::<T>::insert(bucket, QueuePages { first: 0, next: 1 });
			}
			Intents::<T>::translate::<IntentV0<T::AccountId, BlockNumberFor<T>>, _>(|_, old| {
				reads.saturating_inc();
				writes.saturating_inc();
				Some(Intent {
					payer: old.payer,
					payee: old.payee,
					paid: old.paid,
					held: old.held,
					released: old.released,
					margin: old.margin,
					refunded: old.refunded,
					expires_at: old.expires_at,
					settlement_grace: grace,
					status: old.status,
					queued_in: old.queued_in.map(|bucket| QueueSlot { bucket, page: 0 }),
				})
			});
			T::DbWeight::get().reads_writes(reads.saturating_add(1), writes)
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(_: alloc::vec::Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
			Pallet::<T>::do_check_invariants().map_err(Into::into)
		}
	}

	/// Moves escrow storage from version 0 to 1.
	pub type MigrateV0ToV1<T> = VersionedMigration<
		0,
		1,
		UncheckedMigrateV0ToV1<T>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;
}
