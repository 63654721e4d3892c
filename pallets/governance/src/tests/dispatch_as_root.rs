//! `dispatch_as_root`: only a two-thirds council motion reaches root.

use super::mock::*;
use crate::Event as GovernanceEvent;
use codec::Encode;
use frame_support::{assert_noop, assert_ok, dispatch::GetDispatchInfo};
use sp_runtime::{traits::BlakeTwo256, traits::Hash, DispatchError};

/// A root-only call with a visible effect: set OUTSIDER's balance to 77.
fn force_set_outsider() -> RuntimeCall {
	RuntimeCall::Balances(pallet_balances::Call::force_set_balance { who: OUTSIDER, new_free: 77 })
}

fn wrap(call: RuntimeCall) -> RuntimeCall {
	RuntimeCall::Governance(crate::Call::dispatch_as_root { call: Box::new(call) })
}

#[test]
fn motion_of_two_thirds_dispatches_as_root() {
	new_test_ext().execute_with(|| {
		let inner = force_set_outsider();
		let inner_hash = BlakeTwo256::hash_of(&inner);
		run_motion(wrap(inner), 2, &[ALICE, BOB]);

		assert_eq!(Balances::free_balance(OUTSIDER), 77);
		System::assert_has_event(
			GovernanceEvent::RootCallDispatched { call_hash: inner_hash, result: Ok(()) }.into(),
		);
	});
}

#[test]
fn motion_below_two_thirds_is_refused() {
	new_test_ext().execute_with(|| {
		// Threshold 1: the proposal executes at once with one member's origin (1 of 3).
		let call = wrap(force_set_outsider());
		let length = call.encoded_size() as u32;
		assert_ok!(Council::propose(RuntimeOrigin::signed(ALICE), 1, Box::new(call), length));

		assert_eq!(Balances::free_balance(OUTSIDER), 1_000);
		let executed = System::events().into_iter().find_map(|r| match r.event {
			RuntimeEvent::Council(pallet_collective::Event::Executed { result, .. }) => {
				Some(result)
			},
			_ => None,
		});
		assert_eq!(executed, Some(Err(DispatchError::BadOrigin)));
	});
}

#[test]
fn signed_origin_is_refused() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			Governance::dispatch_as_root(
				RuntimeOrigin::signed(ALICE),
				Box::new(force_set_outsider())
			),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Governance::dispatch_as_root(RuntimeOrigin::root(), Box::new(force_set_outsider())),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn failing_inner_call_is_reported_and_the_motion_still_closes() {
	new_test_ext().execute_with(|| {
		// Root cannot transfer from an account with nothing in it.
		let inner = RuntimeCall::Balances(pallet_balances::Call::force_transfer {
			source: 42,
			dest: OUTSIDER,
			value: 10,
		});
		let inner_hash = BlakeTwo256::hash_of(&inner);
		run_motion(wrap(inner), 2, &[ALICE, BOB, CHARLIE]);

		assert_eq!(Balances::free_balance(OUTSIDER), 1_000);
		let reported = System::events().into_iter().find_map(|r| match r.event {
			RuntimeEvent::Governance(GovernanceEvent::RootCallDispatched { call_hash, result })
				if call_hash == inner_hash =>
			{
				Some(result)
			},
			_ => None,
		});
		assert!(matches!(reported, Some(Err(_))), "inner failure must be reported: {reported:?}");
	});
}

#[test]
fn weight_includes_the_inner_call_and_no_fee_is_charged() {
	new_test_ext().execute_with(|| {
		let inner = force_set_outsider();
		let inner_weight = inner.get_dispatch_info().call_weight;
		let outer = wrap(inner).get_dispatch_info();
		assert!(outer.call_weight.all_gte(inner_weight));
		assert!(outer.call_weight.ref_time() > inner_weight.ref_time());

		let origin: RuntimeOrigin =
			pallet_collective::RawOrigin::<AccountId, CouncilCollective>::Members(2, 3).into();
		let post = Governance::dispatch_as_root(origin, Box::new(force_set_outsider())).unwrap();
		assert_eq!(post.pays_fee, frame_support::dispatch::Pays::No);
	});
}
