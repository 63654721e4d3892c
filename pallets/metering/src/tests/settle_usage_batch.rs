use super::mock::*;
use crate::{Error, Event, KeyId, PendingCount, PendingUsage};
use frame_support::{
	assert_noop, assert_ok, dispatch::DispatchResultWithPostInfo, weights::Weight,
};
use frame_system::RawOrigin;
use gesim_primitives::UsageSubject;
use gesim_zk::verifier::{CircuitId, ProofBytes, UsageClaim};
use sp_runtime::{BoundedVec, DispatchError};

const SUBJECT: UsageSubject = UsageSubject::Entitlement(ENTITLEMENT);
const ROAMING: UsageSubject = UsageSubject::Roaming(AGREEMENT);

fn settle_batch(
	telco: &AccountId,
	key: KeyId,
	claims: Vec<UsageClaim>,
) -> DispatchResultWithPostInfo {
	let claims = BoundedVec::try_from(claims).expect("at most MAX_BATCH claims");
	crate::Pallet::<Test>::settle_usage_batch(RawOrigin::Signed(telco.clone()).into(), key, claims)
}

/// `n` batches of `subject` anchored by TELCO under nonces 1..=n, and the claims proving them.
fn anchored(subject: UsageSubject, n: u64) -> Vec<UsageClaim> {
	(1..=n)
		.map(|nonce| {
			let batch = charged_to(&records(3, 1_000_000 * nonce), subject);
			assert_ok!(anchor(&TELCO, subject, &batch, nonce));
			prove(&batch, nonce, &TELCO, subject)
		})
		.collect()
}

/// This pallet's events since the block started.
fn events() -> Vec<Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|r| if let RuntimeEvent::Metering(e) = r.event { Some(e) } else { None })
		.collect()
}

/// The event refusing TELCO's claim under `nonce`, as events keep it (without the message).
fn refused(nonce: u64, error: impl Into<DispatchError>) -> Event<Test> {
	Event::ClaimRefused { telco: TELCO, nonce, error: error.into().stripped() }
}

/// What the test world and the pallet hold after `settle` runs on three anchored claims.
fn outcome(settle: impl FnOnce(Vec<UsageClaim>)) -> (Vec<Event<Test>>, String) {
	new_test_ext().execute_with(|| {
		register_usage_key();
		let claims = anchored(SUBJECT, 3);
		System::reset_events();
		settle(claims);
		let state = world(|w| {
			format!(
				"{:?} {:?} {} {}",
				w.entitlements[&ENTITLEMENT], w.held, w.paid_to_telcos, w.paid_to_treasury
			)
		});
		(events(), format!("{state} pending {}", PendingCount::<Test>::get(&TELCO)))
	})
}

#[test]
fn a_batch_pays_exactly_what_the_same_claims_settled_one_by_one_pay() {
	let one_by_one = outcome(|claims| {
		for claim in claims {
			assert_ok!(crate::Pallet::<Test>::settle_usage(RawOrigin::Signed(TELCO).into(), claim));
		}
	});
	for on_host in [false, true] {
		let batched = outcome(|claims| {
			if on_host {
				verify_on_host();
			}
			let post = settle_batch(&TELCO, USAGE_64, claims).unwrap();
			// Refunded down to one combined check of three proofs.
			assert_eq!(post.actual_weight, Some(Weight::from_parts(3_003, 0)));
		});
		assert_eq!(batched, one_by_one, "on the host: {on_host}");
	}
	assert_eq!(one_by_one.0.len(), 3);
	assert!(one_by_one
		.0
		.iter()
		.all(|e| matches!(e, Event::UsageSettled { payout, .. } if *payout > 0)));
}

#[test]
fn a_false_proof_is_refused_by_name_and_the_true_ones_are_paid() {
	new_test_ext().execute_with(|| {
		register_usage_key();
		let mut claims = anchored(SUBJECT, 3);
		claims[1].total_bytes += 1;
		System::reset_events();

		let post = settle_batch(&TELCO, USAGE_64, claims.clone()).unwrap();

		// The combined check failed and each proof was checked alone: charged the worst case.
		assert_eq!(post.actual_weight, Some(Weight::from_parts(4_003, 0)));
		let events = events();
		assert_eq!(events.len(), 3);
		assert!(matches!(
			events[0],
			Event::UsageSettled { nonce: 1, settled_bytes: 1_000_000, .. }
		));
		assert_eq!(events[1], refused(2, Error::<Test>::ProofRejected));
		assert!(matches!(
			events[2],
			Event::UsageSettled { nonce: 3, settled_bytes: 3_000_000, .. }
		));
		assert!(PendingUsage::<Test>::contains_key(&TELCO, 2), "the false claim changed nothing");
		assert_eq!(PendingCount::<Test>::get(&TELCO), 1);
		assert_eq!(world(|w| w.entitlements[&ENTITLEMENT].remaining_bytes), QUOTA - 4_000_000);
		// Its true proof still settles it later.
		claims[1].total_bytes -= 1;
		assert_ok!(settle_batch(&TELCO, USAGE_64, vec![claims[1].clone()]));
		assert_eq!(PendingCount::<Test>::get(&TELCO), 0);
	});
}

#[test]
fn every_claim_that_cannot_settle_is_refused_by_name_and_changes_nothing() {
	new_test_ext().execute_with(|| {
		register_usage_key();
		let other_version = KeyId { version: 2, ..USAGE_64 };
		assert_ok!(crate::Pallet::<Test>::register_key(
			RawOrigin::Root.into(),
			other_version,
			vk_bytes(CircuitId::Usage64)
		));
		let claims = anchored(SUBJECT, 3);
		assert_ok!(crate::Pallet::<Test>::settle_usage(
			RawOrigin::Signed(TELCO).into(),
			claims[0].clone()
		));
		let batch = records(2, 9_000);
		assert_ok!(anchor_with(
			&TELCO,
			SUBJECT,
			other_version,
			root_of(&batch),
			period_of(&batch),
			4
		));
		let under_other_key = prove(&batch, 4, &TELCO, SUBJECT);
		let mut off_curve = claims[2].clone();
		off_curve.proof.0[0] ^= 1;
		let unknown = UsageClaim { nonce: 7, ..claims[1].clone() };
		System::reset_events();

		assert_ok!(settle_batch(
			&TELCO,
			USAGE_64,
			vec![
				off_curve,
				claims[0].clone(),
				under_other_key,
				unknown,
				claims[1].clone(),
				claims[1].clone(),
			]
		));

		let events = events();
		assert_eq!(
			events[..5],
			[
				refused(1, Error::<Test>::NonceConsumed),
				refused(4, Error::<Test>::CommitmentUnderOtherKey),
				refused(7, Error::<Test>::UnknownCommitment),
				refused(2, Error::<Test>::DuplicateClaim),
				refused(3, Error::<Test>::ProofPointOffCurve),
			]
		);
		// The one true claim among them is paid; the others' commitments still wait.
		assert!(matches!(events[5], Event::UsageSettled { nonce: 2, .. }));
		assert_eq!(events.len(), 6);
		assert!(PendingUsage::<Test>::contains_key(&TELCO, 3));
		assert!(PendingUsage::<Test>::contains_key(&TELCO, 4));
	});
}

#[test]
fn a_claim_whose_payment_fails_is_rolled_back_alone() {
	new_test_ext().execute_with(|| {
		register_usage_key();
		let mut claims = anchored(SUBJECT, 1);
		let roaming = charged_to(&records(2, 5_000), ROAMING);
		assert_ok!(anchor(&TELCO, ROAMING, &roaming, 2));
		claims.push(prove(&roaming, 2, &TELCO, ROAMING));
		// A dispute froze the entitlement's escrow after the quota is taken.
		world(|w| w.frozen.push(50));
		System::reset_events();

		assert_ok!(settle_batch(&TELCO, USAGE_64, claims));

		// The mock escrow's `Other("Frozen")`: an event keeps no such text.
		assert_eq!(events()[0], refused(1, DispatchError::Other("")));
		assert!(matches!(events()[1], Event::UsageSettled { nonce: 2, subject: ROAMING, .. }));
		assert_eq!(
			world(|w| w.entitlements[&ENTITLEMENT].remaining_bytes),
			QUOTA,
			"quota given back"
		);
		assert_eq!(world(|w| w.held[&50]), PRICE);
		assert!(PendingUsage::<Test>::contains_key(&TELCO, 1));
		assert_eq!(world(|w| w.bookings.len()), 1);
	});
}

#[test]
fn a_batch_is_refused_whole_only_for_what_concerns_all_its_claims() {
	new_test_ext().execute_with(|| {
		register_usage_key();
		let claims = anchored(SUBJECT, 1);
		assert_noop!(settle_batch(&TELCO, USAGE_64, vec![]), Error::<Test>::EmptyBatch);
		let unknown = KeyId { version: 9, ..USAGE_64 };
		assert_noop!(settle_batch(&TELCO, unknown, claims.clone()), Error::<Test>::UnknownKey);
		let eid = KeyId { circuit: CircuitId::EidPossession, version: 1 };
		assert_noop!(settle_batch(&TELCO, eid, claims.clone()), Error::<Test>::NotAUsageCircuit);
		ActiveTelcos::set(vec![OTHER_TELCO]);
		assert_noop!(settle_batch(&TELCO, USAGE_64, claims.clone()), Error::<Test>::NotActiveTelco);
		ActiveTelcos::set(vec![TELCO, OTHER_TELCO]);
		assert_ok!(crate::Pallet::<Test>::retire_key(RawOrigin::Root.into(), USAGE_64));
		assert_noop!(settle_batch(&TELCO, USAGE_64, claims), Error::<Test>::KeyRetired);
	});
}

#[test]
fn a_batch_is_charged_its_worst_case_before_it_runs() {
	use frame_support::dispatch::GetDispatchInfo;
	let claim = UsageClaim { total_bytes: 0, nonce: 0, proof: ProofBytes([0; 256]) };
	let claims = BoundedVec::try_from(vec![claim; 4]).unwrap();
	let call = crate::Call::<Test>::settle_usage_batch { key: USAGE_64, claims };
	assert_eq!(call.get_dispatch_info().call_weight, Weight::from_parts(4_004, 0));
}

#[test]
fn the_measured_batch_weights_cover_roaming_claims_too() {
	// The batch benchmarks settle entitlements only: paying one must cost at least what booking
	// a roaming claim does, or a batch of roaming claims would be undercharged.
	use crate::{weights::SubstrateWeight, WeightInfo};
	for c in 0..=2 {
		let entitlement = SubstrateWeight::<Test>::settle_entitlement_usage(c);
		assert!(
			entitlement.all_gte(SubstrateWeight::<Test>::settle_roaming_usage(c)),
			"circuit {c}"
		);
	}
}
