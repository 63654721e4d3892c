//! Genesis: the margin is set and the escrow account endowed.

use super::*;
use crate::ProtocolMarginBps;
use gesim_primitives::stablecoin::MIN_BALANCE;

#[test]
fn genesis_sets_the_margin_and_endows_the_escrow_account() {
	new_test_ext().execute_with(|| {
		assert_eq!(ProtocolMarginBps::<Test>::get(), 500);
		assert_eq!(balance(Escrow::account_id()), MIN_BALANCE);
		assert_conserved();
	});
}

#[test]
#[should_panic(expected = "genesis protocol margin is above MaxMarginBps")]
fn genesis_refuses_a_margin_above_the_maximum() {
	use sp_runtime::BuildStorage;
	let _ = crate::GenesisConfig::<Test> { protocol_margin_bps: 2_001, ..Default::default() }
		.build_storage();
}
