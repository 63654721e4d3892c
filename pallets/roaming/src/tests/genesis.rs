//! Genesis: the pool account is endowed.

use super::*;
use crate::LastNettingAt;

#[test]
fn genesis_endows_the_pool_account() {
	new_test_ext().execute_with(|| {
		assert_eq!(LastNettingAt::<Test>::get(), 0);
		assert_eq!(balance(Roaming::account_id()), MIN_BALANCE);
		assert_conserved();
	});
}

#[test]
fn the_configuration_passes_the_integrity_test() {
	use frame_support::traits::Hooks;
	new_test_ext().execute_with(|| <Roaming as Hooks<u64>>::integrity_test());
}
