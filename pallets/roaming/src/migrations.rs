//! Storage migrations of the roaming pallet, for chains that stored an older version.

use crate::*;
use frame_system::pallet_prelude::BlockNumberFor;

/// Version 0: agreements without a credit limit, and no record of when one was terminated.
pub mod v0 {
	use super::*;
	use codec::{Decode, Encode};
	use frame_support::{storage_alias, Twox64Concat};
	use gesim_primitives::{AgreementId, StablecoinAmount};

	/// Terms as version 0 stored them: no credit limit.
	#[derive(Clone, PartialEq, Eq, Encode, Decode, Debug)]
	pub struct RoamingTerms<BlockNumber> {
		/// Wholesale charge per megabyte.
		pub rate_per_mb: StablecoinAmount,
		/// The share of the charge the visited operator invoices, in basis points.
		pub revenue_share_bps: BasisPoints,
		/// Blocks between two settlements.
		pub settlement_period: BlockNumber,
		/// First block in which usage may be invoiced.
		pub valid_from: BlockNumber,
		/// Last block in which usage may be invoiced.
		pub valid_until: BlockNumber,
	}

	/// Status as version 0 stored it: no blocks.
	#[derive(Clone, Copy, PartialEq, Eq, Encode, Decode, Debug)]
	pub enum AgreementStatus {
		/// Signed by the proposer.
		Proposed,
		/// Signed by both.
		InForce,
		/// Ended by a party.
		Terminated,
	}

	/// An agreement as version 0 stored it.
	#[derive(Clone, PartialEq, Eq, Encode, Decode, Debug)]
	pub struct RoamingAgreement<AccountId, BlockNumber> {
		/// The operator that proposed it.
		pub proposer: AccountId,
		/// The operator that accepts it.
		pub counterparty: AccountId,
		/// What both agreed on.
		pub terms: RoamingTerms<BlockNumber>,
		/// Where it is in its life.
		pub status: AgreementStatus,
		/// Owed by the counterparty to the proposer.
		pub payable_to_proposer: StablecoinAmount,
		/// Owed by the proposer to the counterparty.
		pub payable_to_counterparty: StablecoinAmount,
		/// When its payables were last settled; for a proposal, when it was proposed.
		pub last_settled_at: BlockNumber,
	}

	/// An agreement of version 0 as this runtime stored it.
	pub type AgreementOf<T> = RoamingAgreement<
		<T as frame_system::Config>::AccountId,
		frame_system::pallet_prelude::BlockNumberFor<T>,
	>;

	/// The agreements as version 0 stored them.
	#[storage_alias]
	pub type Agreements<T: Config> =
		CountedStorageMap<Pallet<T>, Twox64Concat, AgreementId, AgreementOf<T>>;
}

/// Version 0 → 1: deposits become collateral, agreements get a credit limit, a proposal window
/// and a settlement grace.
///
/// - Every agreement gets the credit limit [`NO_CREDIT_LIMIT`]: neither party signed one, and
///   any lower figure would refuse usage they agreed to. Every booking must still fit in the
///   home operator's deposit, which is what protects the visited operator.
/// - A proposal keeps the block it was proposed in (version 0 kept it as its last settlement),
///   so its proposal window runs from then.
/// - Version 0 did not record when an agreement was terminated. One that was counts as
///   terminated in the block before the upgrade: version 0 refused usage anchored after a
///   termination, so every commitment pending under it was anchored before and settles within
///   the grace after the upgrade, and nothing anchored from the upgrade on does.
/// - [`AgreementsOf`] is counted again, over signed agreements only; [`ProposalsOf`] and
///   [`BookedPayables`] are built from the agreements.
/// - Every operator carrying a debt counts as short since the upgrade: its `ShortfallDeadline`
///   starts then.
///
/// Deposits below their obligations stay as they are: their operators can neither withdraw
/// nor be booked against until they deposit more, and what they owe is netted as before.
pub mod v1 {
	use super::*;
	use alloc::collections::btree_map::BTreeMap;
	use frame_support::{
		migrations::VersionedMigration,
		traits::{Get, UncheckedOnRuntimeUpgrade},
		weights::Weight,
	};
	use gesim_primitives::StablecoinAmount;
	use sp_runtime::traits::{One, Saturating};

	/// The migration, run only on a chain at storage version 0; it sets version 1.
	pub type MigrateV0ToV1<T> = VersionedMigration<
		0,
		1,
		UncheckedMigrateV0ToV1<T>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;

	/// The migration without the version check; use [`MigrateV0ToV1`].
	pub struct UncheckedMigrateV0ToV1<T>(core::marker::PhantomData<T>);

	/// `old` as version 1 stores it, upgraded in block `now`.
	fn upgraded<T: Config>(old: v0::AgreementOf<T>, now: BlockNumberFor<T>) -> AgreementOf<T> {
		let v0::RoamingTerms {
			rate_per_mb,
			revenue_share_bps,
			settlement_period,
			valid_from,
			valid_until,
		} = old.terms;
		let status = match old.status {
			v0::AgreementStatus::Proposed => AgreementStatus::Proposed { at: old.last_settled_at },
			v0::AgreementStatus::InForce => AgreementStatus::InForce,
			v0::AgreementStatus::Terminated => {
				AgreementStatus::Terminated { at: now.saturating_sub(One::one()) }
			},
		};
		RoamingAgreement {
			proposer: old.proposer,
			counterparty: old.counterparty,
			terms: RoamingTerms {
				rate_per_mb,
				revenue_share_bps,
				credit_limit: NO_CREDIT_LIMIT,
				settlement_period,
				valid_from,
				valid_until,
			},
			status,
			payable_to_proposer: old.payable_to_proposer,
			payable_to_counterparty: old.payable_to_counterparty,
			last_settled_at: old.last_settled_at,
		}
	}

	impl<T: Config> UncheckedOnRuntimeUpgrade for UncheckedMigrateV0ToV1<T> {
		fn on_runtime_upgrade() -> Weight {
			let now = frame_system::Pallet::<T>::block_number();
			let mut agreements = 0u64;
			Agreements::<T>::translate_values::<v0::AgreementOf<T>, _>(|old| {
				agreements.saturating_inc();
				Some(upgraded::<T>(old, now))
			});

			let mut signed = BTreeMap::<T::AccountId, u32>::new();
			let mut proposals = BTreeMap::<T::AccountId, u32>::new();
			let mut booked = BTreeMap::<T::AccountId, StablecoinAmount>::new();
			for record in Agreements::<T>::iter_values() {
				if !record.is_signed() {
					proposals.entry(record.proposer).or_default().saturating_inc();
					continue;
				}
				for party in [&record.proposer, &record.counterparty] {
					signed.entry(party.clone()).or_default().saturating_inc();
				}
				for (payer, amount) in [
					(&record.counterparty, record.payable_to_proposer),
					(&record.proposer, record.payable_to_counterparty),
				] {
					if amount > 0 {
						// At most `Outstanding`, which is at most `MAX_OUTSTANDING`.
						let owed = booked.entry(payer.clone()).or_default();
						*owed = owed.saturating_add(amount);
					}
				}
			}
			let cleared = AgreementsOf::<T>::clear(u32::MAX, None).unique as u64;
			let counts = (signed.len() + proposals.len() + booked.len()) as u64;
			for (operator, count) in signed {
				AgreementsOf::<T>::insert(operator, count);
			}
			for (operator, count) in proposals {
				ProposalsOf::<T>::insert(operator, count);
			}
			for (operator, amount) in booked {
				BookedPayables::<T>::insert(operator, amount);
			}

			let (mut positions, mut debtors) = (0u64, 0u64);
			for (operator, position) in Carried::<T>::iter() {
				positions.saturating_inc();
				if position < 0 {
					ShortfallSince::<T>::insert(operator, now);
					debtors.saturating_inc();
				}
			}

			let reads =
				agreements.saturating_mul(2).saturating_add(cleared).saturating_add(positions);
			let writes = agreements
				.saturating_add(cleared)
				.saturating_add(counts)
				.saturating_add(debtors);
			T::DbWeight::get().reads_writes(reads, writes)
		}

		/// The agreements and what is payable under them, to compare after the upgrade.
		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<alloc::vec::Vec<u8>, sp_runtime::TryRuntimeError> {
			use codec::Encode;
			let payables = v0::Agreements::<T>::iter_values().try_fold(0u128, |sum, record| {
				sum.checked_add(record.payable_to_proposer)?
					.checked_add(record.payable_to_counterparty)
			});
			Ok((v0::Agreements::<T>::count(), payables.ok_or("the payables overflow")?).encode())
		}

		/// The same agreements and payables, and every invariant holds.
		#[cfg(feature = "try-runtime")]
		fn post_upgrade(state: alloc::vec::Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
			use codec::Decode;
			let (count, payables) = <(u32, StablecoinAmount)>::decode(&mut &state[..])
				.map_err(|_| "the pre-upgrade state does not decode")?;
			frame_support::ensure!(Agreements::<T>::count() == count, "agreements were lost");
			let booked = BookedPayables::<T>::iter_values()
				.try_fold(0u128, |sum, amount| sum.checked_add(amount))
				.ok_or("the booked payables overflow")?;
			frame_support::ensure!(booked == payables, "payables were lost");
			Pallet::<T>::do_check_invariants()
		}
	}
}
