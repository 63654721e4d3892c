//! `set_protocol_margin`: the council sets the margin, up to `MaxMarginBps`.

use super::*;
use crate::{Error, Event, ProtocolMarginBps};
use frame_support::{assert_noop, assert_ok};
use sp_runtime::DispatchError;

#[test]
fn council_sets_the_margin() {
	new_test_ext().execute_with(|| {
		assert_ok!(Escrow::set_protocol_margin(RuntimeOrigin::root(), 250));
		assert_eq!(ProtocolMarginBps::<Test>::get(), 250);
		assert_eq!(last_escrow_event(), Some(Event::ProtocolMarginSet { bps: 250 }));

		// The maximum itself is allowed, and so is no margin at all.
		assert_ok!(Escrow::set_protocol_margin(RuntimeOrigin::root(), 2_000));
		assert_eq!(ProtocolMarginBps::<Test>::get(), 2_000);
		assert_ok!(Escrow::set_protocol_margin(RuntimeOrigin::root(), 0));
		assert_eq!(ProtocolMarginBps::<Test>::get(), 0);
	});
}

#[test]
fn margin_above_the_maximum_is_refused() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			Escrow::set_protocol_margin(RuntimeOrigin::root(), 2_001),
			Error::<Test>::MarginTooHigh
		);
	});
}

#[test]
fn only_the_council_sets_the_margin() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			Escrow::set_protocol_margin(RuntimeOrigin::signed(ALICE), 100),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Escrow::set_protocol_margin(RuntimeOrigin::none(), 100),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn the_new_margin_applies_to_the_next_release() {
	new_test_ext().execute_with(|| {
		let id = open(ALICE, 10 * DOLLAR, 20);
		assert_ok!(Escrow::set_protocol_margin(RuntimeOrigin::root(), 1_000));
		let release = <Ledger as EscrowLedger<_, _>>::release(id, DOLLAR).unwrap();
		assert_eq!(release.margin, DOLLAR / 10);
		assert_eq!(release.to_payee, DOLLAR - DOLLAR / 10);
	});
}
