//! Genesis: the netting period is set and the pool account endowed.

use super::*;
use crate::{LastNettingAt, NettingPeriod, DEFAULT_NETTING_PERIOD};

#[test]
fn genesis_sets_the_netting_period_and_endows_the_pool_account() {
	new_test_ext().execute_with(|| {
		assert_eq!(NettingPeriod::<Test>::get(), NETTING_PERIOD);
		assert_eq!(LastNettingAt::<Test>::get(), 0);
		assert_eq!(balance(Roaming::account_id()), MIN_BALANCE);
		assert_conserved();
	});
}

#[test]
fn the_default_genesis_nets_daily() {
	assert_eq!(crate::GenesisConfig::<Test>::default().netting_period, 14_400);
	assert_eq!(DEFAULT_NETTING_PERIOD, 14_400);
}

#[test]
#[should_panic(expected = "genesis netting period is zero")]
fn genesis_refuses_a_zero_netting_period() {
	use sp_runtime::BuildStorage;
	let _ =
		crate::GenesisConfig::<Test> { netting_period: 0, ..Default::default() }.build_storage();
}

#[test]
fn the_configuration_passes_the_integrity_test() {
	use frame_support::traits::Hooks;
	new_test_ext().execute_with(|| <Roaming as Hooks<u64>>::integrity_test());
}
