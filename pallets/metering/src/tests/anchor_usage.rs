use super::mock::*;
use crate::{
	Error, Event, KeyId, NextNonce, PendingCount, PendingUsage, UsageClock, UsageCommitment,
	UsagePeriod,
};
use frame_support::{assert_noop, assert_ok};
use frame_system::RawOrigin;
use gesim_primitives::UsageSubject;
use gesim_zk::verifier::CircuitId;
use sp_runtime::DispatchError;

const SUBJECT: UsageSubject = UsageSubject::Entitlement(ENTITLEMENT);

#[test]
fn the_serving_telco_anchors_a_commitment_for_its_entitlement() {
	new_test_ext().execute_with(|| {
		register_usage_key();
		let batch = records(3, 3_000);
		System::set_block_number(7);
		assert_ok!(anchor(&TELCO, SUBJECT, &batch, 42));

		assert_eq!(
			PendingUsage::<Test>::get(&TELCO, 42),
			Some(UsageCommitment {
				subject: SUBJECT,
				key: USAGE_64,
				root: root_of(&batch),
				period: period_of(&batch),
				anchored_at: 7,
				networks: gesim_zk::verifier::fr_to_le_bytes(
					&gesim_zk::verifier::networks_commitment(&[network().to_bcd()]).unwrap()
				),
				clock_before: 0,
			})
		);
		assert_eq!(PendingCount::<Test>::get(&TELCO), 1);
		assert_eq!(
			last_event(),
			Event::UsageAnchored {
				telco: TELCO,
				nonce: 42,
				subject: SUBJECT,
				key: USAGE_64,
				root: root_of(&batch),
				period: period_of(&batch)
			}
		);
	});
}

#[test]
fn a_party_to_a_roaming_agreement_in_force_anchors_roaming_usage() {
	new_test_ext().execute_with(|| {
		register_usage_key();
		let roaming = UsageSubject::Roaming(AGREEMENT);
		assert_ok!(anchor(&OTHER_TELCO, roaming, &charged_to(&records(2, 2_000), roaming), 1));
		world(|w| w.agreement_in_force = false);
		assert_noop!(
			anchor(&TELCO, roaming, &charged_to(&records(2, 2_000), roaming), 1),
			DispatchError::Other("AgreementNotInForce")
		);
	});
}

#[test]
fn only_active_telcos_anchor() {
	new_test_ext().execute_with(|| {
		register_usage_key();
		assert_noop!(
			anchor(&SUBSCRIBER, SUBJECT, &records(1, 10), 1),
			Error::<Test>::NotActiveTelco
		);
	});
}

#[test]
fn a_telco_cannot_anchor_usage_of_an_entitlement_another_telco_serves() {
	new_test_ext().execute_with(|| {
		register_usage_key();
		assert_noop!(
			anchor(&TELCO, UsageSubject::Entitlement(FOREIGN_ENTITLEMENT), &records(1, 10), 1),
			Error::<Test>::NotServingTelco
		);
		assert_noop!(
			anchor(&TELCO, UsageSubject::Entitlement(77), &records(1, 10), 1),
			Error::<Test>::UnknownEntitlement
		);
	});
}

#[test]
fn usage_reaching_the_operator_late_is_anchored_until_the_settlement_deadline() {
	new_test_ext().execute_with(|| {
		register_usage_key();
		System::set_block_number(EXPIRES_AT + SETTLEMENT_GRACE);
		assert_ok!(anchor(&TELCO, SUBJECT, &records(1, 10), 1));
	});
}

#[test]
fn an_entitlement_past_its_settlement_deadline_takes_no_more_usage() {
	new_test_ext().execute_with(|| {
		register_usage_key();
		System::set_block_number(EXPIRES_AT + SETTLEMENT_GRACE + 1);
		assert_noop!(
			anchor(&TELCO, SUBJECT, &records(1, 10), 1),
			Error::<Test>::EntitlementExpired
		);
	});
}

#[test]
fn the_key_must_be_a_live_usage_key() {
	new_test_ext().execute_with(|| {
		let root = root_of(&records(1, 10));
		assert_noop!(
			anchor_with(&TELCO, SUBJECT, USAGE_64, root, PERIOD, 1),
			Error::<Test>::UnknownKey
		);
		let eid = KeyId { circuit: CircuitId::EidPossession, version: 1 };
		assert_noop!(
			anchor_with(&TELCO, SUBJECT, eid, root, PERIOD, 1),
			Error::<Test>::NotAUsageCircuit
		);
		// The superseded circuit's proofs bind nothing but the sum: never anchored again.
		let legacy = KeyId { circuit: CircuitId::UsageSum64, version: 1 };
		assert_noop!(
			anchor_with(&TELCO, SUBJECT, legacy, root, PERIOD, 1),
			Error::<Test>::CircuitSuperseded
		);
		register_usage_key();
		assert_ok!(crate::Pallet::<Test>::retire_key(RawOrigin::Root.into(), USAGE_64));
		assert_noop!(
			anchor_with(&TELCO, SUBJECT, USAGE_64, root, PERIOD, 1),
			Error::<Test>::KeyRetired
		);
	});
}

#[test]
fn a_root_outside_the_field_is_refused() {
	new_test_ext().execute_with(|| {
		register_usage_key();
		// 2^256 − 1 ≥ r: as a public input it would alias root − r.
		assert_noop!(
			anchor_with(&TELCO, SUBJECT, USAGE_64, [0xff; 32], PERIOD, 1),
			Error::<Test>::NonCanonicalRoot
		);
	});
}

#[test]
fn a_period_ending_before_it_starts_is_refused() {
	new_test_ext().execute_with(|| {
		register_usage_key();
		let backwards = UsagePeriod { start: PERIOD.end, end: PERIOD.start };
		let root = root_of(&records(1, 10));
		assert_noop!(
			anchor_with(&TELCO, SUBJECT, USAGE_64, root, backwards, 1),
			Error::<Test>::InvalidPeriod
		);
	});
}

#[test]
fn nonces_only_go_up_and_carry_one_commitment_each() {
	new_test_ext().execute_with(|| {
		register_usage_key();
		assert_ok!(anchor(&TELCO, SUBJECT, &records(1, 10), 5));
		assert_eq!(NextNonce::<Test>::get(&TELCO), 6);
		assert_noop!(anchor(&TELCO, SUBJECT, &records(2, 20), 5), Error::<Test>::NonceInUse);
		assert_noop!(anchor(&TELCO, SUBJECT, &records(2, 20), 4), Error::<Test>::NonceConsumed);
		// Gaps are fine; nonces are per telco, so another operator may use the same numbers.
		assert_ok!(anchor(&TELCO, SUBJECT, &records(2, 20), 9));
		assert_noop!(anchor(&TELCO, SUBJECT, &records(2, 20), 7), Error::<Test>::NonceConsumed);
		assert_ok!(anchor(
			&OTHER_TELCO,
			UsageSubject::Entitlement(FOREIGN_ENTITLEMENT),
			&records(1, 10),
			5
		));
	});
}

#[test]
fn the_largest_nonce_would_leave_none_after_it() {
	new_test_ext().execute_with(|| {
		register_usage_key();
		assert_noop!(
			anchor(&TELCO, SUBJECT, &records(1, 10), u64::MAX),
			Error::<Test>::NonceExhausted
		);
		assert_ok!(anchor(&TELCO, SUBJECT, &records(1, 10), u64::MAX - 1));
	});
}

#[test]
fn waiting_commitments_are_bounded_per_telco() {
	new_test_ext().execute_with(|| {
		register_usage_key();
		for nonce in 0..MAX_PENDING as u64 {
			assert_ok!(anchor(&TELCO, SUBJECT, &records(1, 10), nonce));
		}
		assert_noop!(
			anchor(&TELCO, SUBJECT, &records(1, 10), 99),
			Error::<Test>::TooManyPendingCommitments
		);
	});
}

/// The same records anchored twice would be paid twice: an operator's periods of one
/// subject never overlap. A discard gives the latest period back, and only the latest.
#[test]
fn a_period_overlapping_one_anchored_before_is_refused() {
	new_test_ext().execute_with(|| {
		register_usage_key();
		let batch = records(3, 3_000);
		assert_ok!(anchor(&TELCO, SUBJECT, &batch, 1));
		assert_eq!(UsageClock::<Test>::get(&TELCO, SUBJECT), period_of(&batch).end + 1);
		assert_noop!(anchor(&TELCO, SUBJECT, &batch, 2), Error::<Test>::PeriodOverlaps);
		let overlapping = UsagePeriod { start: period_of(&batch).end, ..period_of(&batch) };
		assert_noop!(
			anchor_with(&TELCO, SUBJECT, USAGE_64, root_of(&batch), overlapping, 2),
			Error::<Test>::PeriodOverlaps
		);
		// Settled, the period stays spent.
		let claim = prove(&batch, 1, &TELCO, SUBJECT);
		assert_ok!(crate::Pallet::<Test>::settle_usage(RawOrigin::Signed(TELCO).into(), claim));
		assert_noop!(anchor(&TELCO, SUBJECT, &batch, 2), Error::<Test>::PeriodOverlaps);

		// Discarding the latest anchor gives its period back; an earlier one's stays spent.
		let (second, third) = (records(2, 20), records(2, 20));
		assert_ok!(anchor(&TELCO, SUBJECT, &second, 2));
		assert_ok!(anchor(&TELCO, SUBJECT, &third, 3));
		assert_ok!(crate::Pallet::<Test>::discard_usage(RawOrigin::Signed(TELCO).into(), 2));
		assert_noop!(anchor(&TELCO, SUBJECT, &second, 4), Error::<Test>::PeriodOverlaps);
		assert_ok!(crate::Pallet::<Test>::discard_usage(RawOrigin::Signed(TELCO).into(), 3));
		assert_eq!(UsageClock::<Test>::get(&TELCO, SUBJECT), period_of(&second).end + 1);
		assert_ok!(anchor(&TELCO, SUBJECT, &third, 4));

		// Another operator's clock of the same roaming agreement is its own.
		let roaming = UsageSubject::Roaming(AGREEMENT);
		let visit = charged_to(&records(1, 10), roaming);
		assert_ok!(anchor(&TELCO, roaming, &visit, 5));
		assert_ok!(anchor(&OTHER_TELCO, roaming, &visit, 1));
	});
}

/// Sessions from before the entitlement was bought (or the agreement came into force) are
/// nobody's to bill: the catalog and roaming start the clock there.
#[test]
fn a_period_starting_before_the_subjects_validity_is_refused() {
	new_test_ext().execute_with(|| {
		register_usage_key();
		let before = records(2, 2_000);
		let after = records(2, 2_000);
		Now::set(period_of(&after).start);
		<crate::Pallet<Test> as gesim_primitives::OnUsageStart<_>>::started(&TELCO, SUBJECT);
		assert_eq!(UsageClock::<Test>::get(&TELCO, SUBJECT), period_of(&after).start);
		Now::set(NOW_SECS);
		assert_noop!(anchor(&TELCO, SUBJECT, &before, 1), Error::<Test>::PeriodOverlaps);
		assert_ok!(anchor(&TELCO, SUBJECT, &after, 1));

		// Started again (never in practice: ids are not reused), the clock does not go back.
		Now::set(PERIOD.start);
		<crate::Pallet<Test> as gesim_primitives::OnUsageStart<_>>::started(&TELCO, SUBJECT);
		assert_eq!(UsageClock::<Test>::get(&TELCO, SUBJECT), period_of(&after).end + 1);
	});
}

#[test]
fn a_period_ending_in_the_future_or_too_long_is_refused() {
	new_test_ext().execute_with(|| {
		register_usage_key();
		let batch = records(2, 20);
		Now::set(period_of(&batch).end - 1);
		assert_noop!(anchor(&TELCO, SUBJECT, &batch, 1), Error::<Test>::PeriodInFuture);
		Now::set(period_of(&batch).end);
		assert_ok!(anchor(&TELCO, SUBJECT, &batch, 1));

		Now::set(NOW_SECS + (1 << 33));
		let start = NOW_SECS;
		let root = root_of(&records(1, 10));
		assert_noop!(
			anchor_with(
				&TELCO,
				SUBJECT,
				USAGE_64,
				root,
				UsagePeriod { start, end: start + (1 << 32) },
				2
			),
			Error::<Test>::PeriodTooLong
		);
		assert_ok!(anchor_with(
			&TELCO,
			SUBJECT,
			USAGE_64,
			root,
			UsagePeriod { start, end: start + (1 << 32) - 1 },
			2
		));
	});
}

/// Three blocks after the expiry block, with six-second slots, the entitlement's validity
/// ended at least two slots (12 s) before now: no period may reach past that.
#[test]
fn a_period_past_the_entitlements_validity_is_refused() {
	new_test_ext().execute_with(|| {
		register_usage_key();
		System::set_block_number(EXPIRES_AT + 3);
		let root = root_of(&records(1, 10));
		let ending = |end| UsagePeriod { start: end - 100, end };
		assert_noop!(
			anchor_with(&TELCO, SUBJECT, USAGE_64, root, ending(NOW_SECS - 11), 1),
			Error::<Test>::PeriodOutsideValidity
		);
		assert_ok!(anchor_with(&TELCO, SUBJECT, USAGE_64, root, ending(NOW_SECS - 12), 1));
	});
}
