use super::mock::*;
use crate::{Error, Event, KeyId, VerifyingKeys};
use frame_support::{assert_noop, assert_ok};
use frame_system::RawOrigin;
use gesim_zk::verifier::CircuitId;
use sp_runtime::DispatchError;

fn retire(key: KeyId) -> sp_runtime::DispatchResult {
	crate::Pallet::<Test>::retire_key(RawOrigin::Root.into(), key)
}

#[test]
fn a_retired_key_is_kept_but_marked() {
	new_test_ext().execute_with(|| {
		register_usage_key();
		assert_ok!(retire(USAGE_64));
		assert!(VerifyingKeys::<Test>::get(CircuitId::Usage64, 1).unwrap().retired);
		assert_eq!(last_event(), Event::KeyRetired { key: USAGE_64 });
	});
}

#[test]
fn retiring_twice_or_an_unknown_key_is_refused() {
	new_test_ext().execute_with(|| {
		assert_noop!(retire(USAGE_64), Error::<Test>::UnknownKey);
		register_usage_key();
		assert_ok!(retire(USAGE_64));
		assert_noop!(retire(USAGE_64), Error::<Test>::KeyRetired);
	});
}

#[test]
fn only_the_council_retires_keys() {
	new_test_ext().execute_with(|| {
		register_usage_key();
		assert_noop!(
			crate::Pallet::<Test>::retire_key(RawOrigin::Signed(TELCO).into(), USAGE_64),
			DispatchError::BadOrigin
		);
	});
}
