//! Genesis: the escrow account is endowed.

use super::*;
use gesim_primitives::stablecoin::MIN_BALANCE;

#[test]
fn genesis_endows_the_escrow_account() {
	new_test_ext().execute_with(|| {
		assert_eq!(balance(Escrow::account_id()), MIN_BALANCE);
		assert_conserved();
	});
}
