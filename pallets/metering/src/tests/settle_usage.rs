use super::mock::*;
use crate::{Error, Event, NextNonce, PendingCount, PendingUsage};
use frame_support::{assert_noop, assert_ok, weights::Weight};
use frame_system::RawOrigin;
use gesim_primitives::UsageSubject;
use gesim_zk::verifier::{CircuitId, UsageClaim};
use rand_chacha::{rand_core::SeedableRng, ChaCha20Rng};
use sp_runtime::DispatchError;

const SUBJECT: UsageSubject = UsageSubject::Entitlement(ENTITLEMENT);

fn settle(
	telco: &AccountId,
	claim: UsageClaim,
) -> frame_support::dispatch::DispatchResultWithPostInfo {
	crate::Pallet::<Test>::settle_usage(RawOrigin::Signed(telco.clone()).into(), claim)
}

/// Usage-64 key registered; `batch` anchored by TELCO for its entitlement under `nonce`; the
/// claim proving it.
fn anchored(batch: &[gesim_zk::UsageRecord], nonce: u64) -> UsageClaim {
	assert_ok!(anchor(&TELCO, SUBJECT, batch, nonce));
	prove(batch, nonce, &TELCO, SUBJECT)
}

fn remaining() -> u64 {
	MockCatalog::entitlement_remaining(ENTITLEMENT)
}

impl MockCatalog {
	fn entitlement_remaining(id: gesim_primitives::EntitlementId) -> u64 {
		world(|w| w.entitlements[&id].remaining_bytes)
	}
}

#[test]
fn a_verified_proof_pays_the_telco_for_exactly_the_quota_it_used() {
	new_test_ext().execute_with(|| {
		register_usage_key();
		let used = 123_456_789;
		let claim = anchored(&records(20, used), 1);

		let post = settle(&TELCO, claim).unwrap();

		// $10 for 1 GB: 123 456 789 bytes are worth $1.234567 (rounded down), 2 % of it margin.
		let amount = PRICE * used as u128 / QUOTA as u128;
		assert_eq!(amount, 1_234_567);
		let margin = amount * MARGIN_BPS / 10_000;
		assert_eq!(world(|w| (w.paid_to_telcos, w.paid_to_treasury)), (amount - margin, margin));
		assert_eq!(world(|w| w.held[&50]), PRICE - amount);
		assert_eq!(remaining(), QUOTA - used);
		assert!(!PendingUsage::<Test>::contains_key(&TELCO, 1));
		assert_eq!(NextNonce::<Test>::get(&TELCO), 2, "nonce 1 is consumed for good");
		assert_eq!(PendingCount::<Test>::get(&TELCO), 0);
		assert_eq!(
			last_event(),
			Event::UsageSettled {
				telco: TELCO,
				nonce: 1,
				subject: SUBJECT,
				claimed_bytes: used,
				settled_bytes: used,
				payout: amount - margin,
				margin,
				held: 0,
			}
		);
		// Charged the weight of the usage-64 circuit for an entitlement.
		assert_eq!(post.actual_weight, Some(Weight::from_parts(1_000, 0)));
	});
}

#[test]
fn usage_beyond_the_quota_is_capped_at_it_and_the_event_says_so() {
	new_test_ext().execute_with(|| {
		register_usage_key();
		assert_ok!(settle(&TELCO, anchored(&records(4, QUOTA - 1_000), 1)));
		let claim = anchored(&records(4, 5_000), 2);

		assert_ok!(settle(&TELCO, claim));

		assert_eq!(remaining(), 0);
		// The last byte releases whatever was still held.
		assert_eq!(world(|w| w.held[&50]), 0);
		assert_eq!(world(|w| w.paid_to_telcos + w.paid_to_treasury), PRICE);
		match last_event() {
			Event::UsageSettled { claimed_bytes: 5_000, settled_bytes: 1_000, .. } => {},
			other => panic!("unexpected {other:?}"),
		}
		// Nothing left to pay: a further proof settles nothing, and still consumes its nonce.
		assert_ok!(settle(&TELCO, anchored(&records(1, 10), 3)));
		assert!(matches!(
			last_event(),
			Event::UsageSettled { settled_bytes: 0, payout: 0, margin: 0, .. }
		));
		assert!(!PendingUsage::<Test>::contains_key(&TELCO, 3));
		assert_noop!(
			settle(&TELCO, prove(&records(1, 10), 3, &TELCO, SUBJECT)),
			Error::<Test>::NonceConsumed
		);
	});
}

#[test]
fn a_replayed_proof_is_refused_by_its_consumed_nonce() {
	new_test_ext().execute_with(|| {
		register_usage_key();
		let claim = anchored(&records(5, 5_000), 1);
		assert_ok!(settle(&TELCO, claim.clone()));
		assert_noop!(settle(&TELCO, claim), Error::<Test>::NonceConsumed);
	});
}

#[test]
fn a_re_randomised_proof_is_refused_by_its_consumed_nonce() {
	new_test_ext().execute_with(|| {
		register_usage_key();
		let claim = anchored(&records(5, 5_000), 1);
		let key = circuit_key(CircuitId::Usage64);
		let fresh =
			gesim_zk::rerandomize(key, &claim.proof, &mut ChaCha20Rng::seed_from_u64(99)).unwrap();
		assert_ne!(fresh, claim.proof);
		assert_ok!(settle(&TELCO, claim.clone()));

		assert_noop!(
			settle(&TELCO, UsageClaim { proof: fresh, ..claim }),
			Error::<Test>::NonceConsumed
		);
	});
}

#[test]
fn a_re_randomised_proof_is_still_a_valid_proof() {
	// Why the chain deduplicates on the nonce: new bytes, same statement, accepted.
	new_test_ext().execute_with(|| {
		register_usage_key();
		let claim = anchored(&records(5, 5_000), 1);
		let key = circuit_key(CircuitId::Usage64);
		let fresh =
			gesim_zk::rerandomize(key, &claim.proof, &mut ChaCha20Rng::seed_from_u64(99)).unwrap();
		assert_ok!(settle(&TELCO, UsageClaim { proof: fresh, ..claim }));
	});
}

#[test]
fn a_proof_of_another_total_is_rejected_and_still_pays_its_full_weight() {
	new_test_ext().execute_with(|| {
		register_usage_key();
		let claim = anchored(&records(5, 5_000), 1);
		let inflated = UsageClaim { total_bytes: claim.total_bytes + 1, ..claim };

		let error = settle(&TELCO, inflated.clone()).unwrap_err();
		assert_eq!(error.error, Error::<Test>::ProofRejected.into());
		// No weight refund: the sender pays for the verification it asked for.
		assert_eq!(error.post_info.actual_weight, None);
		assert_noop!(settle(&TELCO, inflated), Error::<Test>::ProofRejected);
		assert_eq!(remaining(), QUOTA);
	});
}

#[test]
fn a_proof_bound_to_another_telco_is_rejected() {
	new_test_ext().execute_with(|| {
		register_usage_key();
		let batch = records(5, 5_000);
		let theirs = anchored(&batch, 1);
		// OTHER_TELCO commits to the same root under the same nonce for its own entitlement,
		// then submits TELCO's proof: the binding differs.
		let own = UsageSubject::Entitlement(FOREIGN_ENTITLEMENT);
		assert_ok!(anchor(&OTHER_TELCO, own, &batch, 1));
		assert_noop!(settle(&OTHER_TELCO, theirs), Error::<Test>::ProofRejected);
	});
}

#[test]
fn a_proof_bound_to_another_subject_or_chain_is_rejected() {
	new_test_ext().execute_with(|| {
		register_usage_key();
		let batch = records(5, 5_000);
		assert_ok!(anchor(&TELCO, SUBJECT, &batch, 1));
		let roaming = UsageSubject::Roaming(ENTITLEMENT);
		let for_roaming = prove(&charged_to(&batch, roaming), 1, &TELCO, roaming);
		assert_noop!(settle(&TELCO, for_roaming), Error::<Test>::ProofRejected);
		let elsewhere = prove_on(&batch, 1, &TELCO, SUBJECT, [0x42; 32]);
		assert_noop!(settle(&TELCO, elsewhere), Error::<Test>::ProofRejected);
	});
}

#[test]
fn a_proof_of_other_records_than_the_anchored_ones_is_rejected() {
	new_test_ext().execute_with(|| {
		register_usage_key();
		assert_ok!(anchor(&TELCO, SUBJECT, &records(5, 5_000), 1));
		let other = prove(&records(5, 9_000), 1, &TELCO, SUBJECT);
		assert_noop!(settle(&TELCO, other), Error::<Test>::ProofRejected);
	});
}

#[test]
fn settling_needs_a_commitment_of_ones_own() {
	new_test_ext().execute_with(|| {
		register_usage_key();
		let claim = anchored(&records(5, 5_000), 1);
		assert_noop!(settle(&OTHER_TELCO, claim.clone()), Error::<Test>::UnknownCommitment);
		assert_noop!(
			settle(&TELCO, UsageClaim { nonce: 2, ..claim }),
			Error::<Test>::UnknownCommitment
		);
	});
}

#[test]
fn a_key_retired_after_the_anchor_verifies_nothing() {
	new_test_ext().execute_with(|| {
		register_usage_key();
		let claim = anchored(&records(5, 5_000), 1);
		assert_ok!(crate::Pallet::<Test>::retire_key(RawOrigin::Root.into(), USAGE_64));
		assert_noop!(settle(&TELCO, claim), Error::<Test>::KeyRetired);
	});
}

#[test]
fn usage_anchored_before_the_expiry_is_paid_when_proved_within_the_grace() {
	new_test_ext().execute_with(|| {
		register_usage_key();
		let claim = anchored(&records(5, 5_000), 1);
		System::set_block_number(EXPIRES_AT + 1);
		// Escrow still holds the price: the settlement grace has not run out.
		assert_ok!(settle(&TELCO, claim));
		assert_eq!(remaining(), QUOTA - 5_000);
		assert_eq!(world(|w| w.paid_to_telcos + w.paid_to_treasury), PRICE * 5_000 / QUOTA as u128);
	});
}

#[test]
fn nothing_is_paid_once_the_grace_has_run_out() {
	new_test_ext().execute_with(|| {
		register_usage_key();
		let claim = anchored(&records(5, 5_000), 1);
		// The deadline has passed, even if the refund has not run yet.
		System::set_block_number(EXPIRES_AT + SETTLEMENT_GRACE + 1);
		assert_noop!(settle(&TELCO, claim.clone()), Error::<Test>::EntitlementExpired);
		// The escrow refunded the subscriber and closed the intent.
		world(|w| w.held.remove(&50));
		assert_noop!(settle(&TELCO, claim), Error::<Test>::EntitlementExpired);
	});
}

#[test]
fn a_frozen_entitlement_pays_nothing() {
	new_test_ext().execute_with(|| {
		register_usage_key();
		let claim = anchored(&records(5, 5_000), 1);
		world(|w| w.frozen.push(50));
		assert_noop!(settle(&TELCO, claim), DispatchError::Other("Frozen"));
	});
}

#[test]
fn a_suspended_telco_is_not_paid() {
	new_test_ext().execute_with(|| {
		register_usage_key();
		let claim = anchored(&records(5, 5_000), 1);
		ActiveTelcos::set(vec![OTHER_TELCO]);
		assert_noop!(settle(&TELCO, claim), Error::<Test>::NotActiveTelco);
	});
}

#[test]
fn proof_bytes_that_are_no_proof_are_refused_by_name() {
	new_test_ext().execute_with(|| {
		register_usage_key();
		let claim = anchored(&records(5, 5_000), 1);
		let mut garbage = claim.clone();
		garbage.proof.0 = [0xff; 256];
		assert_noop!(settle(&TELCO, garbage), Error::<Test>::ProofMalformed);
		let mut off_curve = claim;
		off_curve.proof.0[0] = off_curve.proof.0[0].wrapping_add(1);
		assert_noop!(settle(&TELCO, off_curve), Error::<Test>::ProofPointOffCurve);
	});
}

#[test]
fn proved_roaming_usage_is_booked_as_a_payable_to_the_visited_telco() {
	new_test_ext().execute_with(|| {
		register_usage_key();
		let subject = UsageSubject::Roaming(AGREEMENT);
		let batch = charged_to(&records(8, 3_500_000), subject);
		assert_ok!(anchor(&OTHER_TELCO, subject, &batch, 1));
		let claim = prove(&batch, 1, &OTHER_TELCO, subject);

		let post = settle(&OTHER_TELCO, claim).unwrap();

		assert_eq!(
			world(|w| w.bookings.clone()),
			vec![(AGREEMENT, OTHER_TELCO, 3_500_000, 7_000_000)]
		);
		assert_eq!(world(|w| w.paid_to_telcos), 0);
		assert_eq!(
			last_event(),
			Event::UsageSettled {
				telco: OTHER_TELCO,
				nonce: 1,
				subject,
				claimed_bytes: 3_500_000,
				settled_bytes: 3_500_000,
				payout: 7_000_000,
				margin: 0,
				held: 0,
			}
		);
		assert_eq!(post.actual_weight, Some(Weight::from_parts(2_000, 0)));
	});
}

#[test]
fn roaming_usage_is_not_booked_once_the_agreement_ended() {
	new_test_ext().execute_with(|| {
		register_usage_key();
		let subject = UsageSubject::Roaming(AGREEMENT);
		let batch = charged_to(&records(2, 1_000), subject);
		assert_ok!(anchor(&TELCO, subject, &batch, 1));
		let claim = prove(&batch, 1, &TELCO, subject);
		world(|w| w.agreement_in_force = false);
		assert_noop!(settle(&TELCO, claim), DispatchError::Other("AgreementNotInForce"));
	});
}

/// An operator serving both an entitlement and a roaming agreement bills the agreement's
/// sessions to the subscriber: the proof of those records is bound to the agreement (its
/// subject input and binding), so it does not settle the entitlement's commitment.
#[test]
fn records_of_another_subject_do_not_settle() {
	new_test_ext().execute_with(|| {
		register_usage_key();
		let roaming = UsageSubject::Roaming(AGREEMENT);
		let theirs = charged_to(&records(4, 400_000), roaming);
		assert_ok!(anchor(&TELCO, SUBJECT, &theirs, 1));
		let claim = prove(&theirs, 1, &TELCO, roaming);
		assert_noop!(settle(&TELCO, claim), Error::<Test>::ProofRejected);
	});
}

/// Sessions served on a network the operator does not run: proved as if it ran it, the proof
/// commits to other networks than the ones it registered, so it does not settle.
#[test]
fn records_served_on_another_network_do_not_settle() {
	new_test_ext().execute_with(|| {
		register_usage_key();
		let elsewhere: Vec<_> = records(4, 400_000)
			.into_iter()
			.map(|r| gesim_zk::UsageRecord {
				serving_network: gesim_zk::Plmn::parse("208", "99").unwrap(),
				..r
			})
			.collect();
		assert_ok!(anchor(&TELCO, SUBJECT, &elsewhere, 1));
		assert_noop!(
			settle(&TELCO, prove(&elsewhere, 1, &TELCO, SUBJECT)),
			Error::<Test>::ProofRejected
		);
	});
}

/// The period is a public input: a proof of the records for their own period does not
/// settle a commitment anchored for a wider one (which would let the operator claim the
/// rest of the period later under another batch).
#[test]
fn a_proof_for_another_period_does_not_settle() {
	new_test_ext().execute_with(|| {
		register_usage_key();
		let batch = records(4, 400_000);
		let wider = crate::UsagePeriod { end: period_of(&batch).end + 60, ..period_of(&batch) };
		assert_ok!(anchor_with(&TELCO, SUBJECT, USAGE_64, root_of(&batch), wider, 1));
		assert_noop!(
			settle(&TELCO, prove(&batch, 1, &TELCO, SUBJECT)),
			Error::<Test>::ProofRejected
		);
	});
}

#[test]
fn through_the_host_function_a_proof_pays_and_a_forged_one_is_refused_alike() {
	new_test_ext().execute_with(|| {
		verify_on_host();
		register_usage_key();
		let used = 123_456_789;
		let claim = anchored(&records(20, used), 1);
		let inflated = UsageClaim { total_bytes: claim.total_bytes + 1, ..claim.clone() };
		assert_noop!(settle(&TELCO, inflated), Error::<Test>::ProofRejected);
		let mut off_curve = claim.clone();
		off_curve.proof.0[0] ^= 1;
		assert_noop!(settle(&TELCO, off_curve), Error::<Test>::ProofPointOffCurve);

		assert_ok!(settle(&TELCO, claim));
		let amount = PRICE * used as u128 / QUOTA as u128;
		assert_eq!(world(|w| w.paid_to_telcos + w.paid_to_treasury), amount);
		assert_eq!(remaining(), QUOTA - used);
	});
}
