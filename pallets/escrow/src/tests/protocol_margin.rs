//! The protocol margin is the council's parameter in force at each release.

use super::*;
use gesim_primitives::ProtocolParameter;

#[test]
fn the_margin_in_force_applies_to_the_next_release() {
	new_test_ext().execute_with(|| {
		let id = open(ALICE, 10 * DOLLAR, 20);
		let release = <Ledger as EscrowLedger<_, _>>::release(id, DOLLAR).unwrap();
		assert_eq!(release.margin, DOLLAR / 20);

		TestParameters::put(ProtocolParameter::<u64>::ProtocolMargin(1_000));
		let release = <Ledger as EscrowLedger<_, _>>::release(id, DOLLAR).unwrap();
		assert_eq!(release.margin, DOLLAR / 10);
		assert_eq!(release.to_payee, DOLLAR - DOLLAR / 10);
		assert_conserved();
	});
}
