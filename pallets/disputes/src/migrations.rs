//! Storage migrations, as a live chain runs them on a runtime upgrade.

/// Version 1: roaming bookings can be disputed, so a dispute names its claimant, its respondent
/// and what it froze instead of an entitlement's holder, operator and intent.
pub mod v1 {
	use crate::*;
	use frame_support::{
		migrations::VersionedMigration, pallet_prelude::*, traits::UncheckedOnRuntimeUpgrade,
	};
	use frame_system::pallet_prelude::BlockNumberFor;
	use gesim_primitives::{EntitlementId, IntentId, StablecoinAmount};
	use sp_core::H256;

	/// The version 0 records.
	pub mod v0 {
		use super::*;

		/// A version 0 dispute: always of an entitlement or a held settlement.
		#[derive(Encode, Decode, MaxEncodedLen, TypeInfo)]
		pub struct Dispute<AccountId, BlockNumber> {
			pub filer: AccountId,
			pub subject: DisputeSubject<AccountId>,
			pub entitlement: EntitlementId,
			pub holder: AccountId,
			pub telco: AccountId,
			pub intent: IntentId,
			pub frozen: bool,
			pub evidence: H256,
			pub deposit: StablecoinAmount,
			pub filed_at: BlockNumber,
		}

		#[frame_support::storage_alias]
		pub type OpenDisputes<T: Config> = StorageMap<
			Pallet<T>,
			Twox64Concat,
			DisputeId,
			Dispute<<T as frame_system::Config>::AccountId, BlockNumberFor<T>>,
		>;
	}

	/// Runs only from version 0; see [`MigrateV0ToV1`].
	pub struct UncheckedMigrateV0ToV1<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for UncheckedMigrateV0ToV1<T> {
		fn on_runtime_upgrade() -> Weight {
			let mut translated = 0u64;
			OpenDisputes::<T>::translate::<v0::Dispute<T::AccountId, BlockNumberFor<T>>, _>(
				|_, old| {
					translated += 1;
					Some(Dispute {
						filer: old.filer,
						subject: old.subject,
						entitlement: Some(old.entitlement),
						claimant: old.holder,
						respondent: old.telco,
						frozen: old.frozen.then_some(Frozen::Intent(old.intent)),
						evidence: old.evidence,
						deposit: old.deposit,
						filed_at: old.filed_at,
					})
				},
			);
			T::DbWeight::get().reads_writes(translated, translated)
		}

		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<alloc::vec::Vec<u8>, sp_runtime::TryRuntimeError> {
			Ok((v0::OpenDisputes::<T>::iter_keys().count() as u64).encode())
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(state: alloc::vec::Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
			let before = u64::decode(&mut &state[..]).map_err(|_| "the pre-upgrade count")?;
			ensure!(
				OpenDisputes::<T>::iter_values().count() as u64 == before,
				"a dispute was lost in the migration"
			);
			Ok(())
		}
	}

	/// Moves disputes storage from version 0 to 1.
	pub type MigrateV0ToV1<T> = VersionedMigration<
		0,
		1,
		UncheckedMigrateV0ToV1<T>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;
}
