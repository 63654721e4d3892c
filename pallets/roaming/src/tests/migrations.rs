//! `migrations::v1::MigrateV0ToV1`: a chain at storage version 0 upgraded to version 1.

use super::*;
use crate::{
	migrations::{v0, v1::MigrateV0ToV1},
	AgreementStatus, AgreementsOf, BookedPayables, Carried, Error, NextAgreementId, Outstanding,
	Position, ProposalsOf, ShortfallSince, NO_CREDIT_LIMIT,
};
use frame_support::{
	assert_noop, assert_ok,
	traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion},
};
use sp_runtime::StateVersion;
use std::collections::BTreeMap;

/// An agreement as version 0 stored it, on the mock's wholesale terms.
fn v0_agreement(
	proposer: AccountId,
	counterparty: AccountId,
	status: v0::AgreementStatus,
	payables: (StablecoinAmount, StablecoinAmount),
	last_settled_at: u64,
) -> v0::AgreementOf<Test> {
	v0::RoamingAgreement {
		proposer,
		counterparty,
		terms: v0::RoamingTerms {
			rate_per_mb: 10_000,
			revenue_share_bps: 10_000,
			settlement_period: 5,
			valid_from: 1,
			valid_until: 1_000,
		},
		status,
		payable_to_proposer: payables.0,
		payable_to_counterparty: payables.1,
		last_settled_at,
	}
}

/// Version 0 storage: ALPHA's proposal to CHARLIE (block 3); ALPHA and BRAVO in force, BRAVO
/// owing 2 dollars and ALPHA half of one; CHARLIE and BRAVO terminated, BRAVO owing 1 dollar;
/// BRAVO carrying a debt of 1 dollar to ALPHA, with 5 dollars deposited. Version 0 counted
/// every stored agreement for both parties.
fn version_0_chain() {
	StorageVersion::new(0).put::<Roaming>();
	use v0::AgreementStatus::*;
	v0::Agreements::<Test>::insert(0, v0_agreement(ALPHA, CHARLIE, Proposed, (0, 0), 3));
	v0::Agreements::<Test>::insert(
		1,
		v0_agreement(ALPHA, BRAVO, InForce, (2 * DOLLAR, DOLLAR / 2), 10),
	);
	v0::Agreements::<Test>::insert(2, v0_agreement(CHARLIE, BRAVO, Terminated, (DOLLAR, 0), 10));
	NextAgreementId::<Test>::put(3);
	for (operator, count) in [(ALPHA, 2), (BRAVO, 2), (CHARLIE, 2)] {
		AgreementsOf::<Test>::insert(operator, count);
	}
	Carried::<Test>::insert(BRAVO, -(DOLLAR as Position));
	Carried::<Test>::insert(ALPHA, DOLLAR as Position);
	Outstanding::<Test>::put(4 * DOLLAR + DOLLAR / 2);
	deposit(BRAVO, 5 * DOLLAR);
	System::set_block_number(50);
}

#[test]
fn agreements_get_no_credit_limit_and_the_blocks_they_were_proposed_or_terminated_in() {
	new_test_ext().execute_with(|| {
		version_0_chain();
		MigrateV0ToV1::<Test>::on_runtime_upgrade();
		assert_eq!(Roaming::on_chain_storage_version(), StorageVersion::new(1));

		assert_eq!(Agreements::<Test>::count(), 3);
		let proposal = agreement(0);
		assert_eq!(proposal.status, AgreementStatus::Proposed { at: 3 });
		assert_eq!(proposal.terms.credit_limit, NO_CREDIT_LIMIT);
		assert_eq!(proposal.terms.valid_until, 1_000);
		let in_force = agreement(1);
		assert_eq!(in_force.status, AgreementStatus::InForce);
		assert_eq!(
			(
				in_force.payable_to_proposer,
				in_force.payable_to_counterparty,
				in_force.last_settled_at
			),
			(2 * DOLLAR, DOLLAR / 2, 10)
		);
		// Its termination block was not kept: the block before the upgrade.
		assert_eq!(agreement(2).status, AgreementStatus::Terminated { at: 49 });
		assert_conserved();
	});
}

#[test]
fn counts_totals_and_shortfalls_are_built_from_the_agreements() {
	new_test_ext().execute_with(|| {
		version_0_chain();
		MigrateV0ToV1::<Test>::on_runtime_upgrade();

		let signed: BTreeMap<_, _> = AgreementsOf::<Test>::iter().collect();
		assert_eq!(signed, BTreeMap::from([(ALPHA, 1), (BRAVO, 2), (CHARLIE, 1)]));
		assert_eq!(ProposalsOf::<Test>::iter().collect::<Vec<_>>(), vec![(ALPHA, 1)]);
		assert_eq!(BookedPayables::<Test>::get(BRAVO), 3 * DOLLAR);
		assert_eq!(BookedPayables::<Test>::get(ALPHA), DOLLAR / 2);
		assert!(!BookedPayables::<Test>::contains_key(CHARLIE));
		assert_eq!(ShortfallSince::<Test>::iter().collect::<Vec<_>>(), vec![(BRAVO, 50)]);
		assert_conserved();
	});
}

#[test]
fn usage_anchored_before_the_upgrade_under_a_terminated_agreement_settles_in_the_grace() {
	new_test_ext().execute_with(|| {
		version_0_chain();
		MigrateV0ToV1::<Test>::on_runtime_upgrade();
		// BRAVO's obligations: 1 carried and 3 booked, of 5 deposited.
		assert_eq!(book_anchored(2, CHARLIE, 100 * MB, 49), Ok(DOLLAR));
		assert_noop!(book_anchored(2, CHARLIE, MB, 50), Error::<Test>::AgreementTerminated);
		assert_noop!(book_anchored(1, ALPHA, MB, 50), Error::<Test>::InsufficientCollateral);
		run_to_block(49 + SETTLEMENT_GRACE + 10);
		assert!(!Agreements::<Test>::contains_key(2));
		assert_conserved();
	});
}

#[test]
fn the_migration_runs_once() {
	new_test_ext().execute_with(|| {
		version_0_chain();
		MigrateV0ToV1::<Test>::on_runtime_upgrade();
		assert_ok!(Roaming::do_check_invariants());
		let root = sp_io::storage::root(StateVersion::V1);
		MigrateV0ToV1::<Test>::on_runtime_upgrade();
		assert_eq!(sp_io::storage::root(StateVersion::V1), root);
	});
}

#[cfg(feature = "try-runtime")]
#[test]
fn the_migration_passes_its_own_checks() {
	new_test_ext().execute_with(|| {
		version_0_chain();
		assert_ok!(MigrateV0ToV1::<Test>::try_on_runtime_upgrade(true));
	});
}
