//! Stand-ins for other pallets in pallet tests, shared so that mocks do not each grow their own.

pub use crate::parameters::testing::TestParameters;

use crate::TelcoInspect;
use codec::Encode;
use std::{cell::RefCell, collections::BTreeSet};

std::thread_local! {
	static ACTIVE: RefCell<BTreeSet<alloc::vec::Vec<u8>>> = RefCell::default();
}

/// Operators a test switches on and off (per thread, so per test), for any account type.
pub struct TestTelcos;

impl TestTelcos {
	/// No active operator: mocks call it when they build a fresh state.
	pub fn clear() {
		ACTIVE.with(|active| active.borrow_mut().clear());
	}

	/// Makes `telco` active or not for the rest of the test.
	pub fn set_active<AccountId: Encode>(telco: &AccountId, active: bool) {
		ACTIVE.with(|set| {
			let mut set = set.borrow_mut();
			if active {
				set.insert(telco.encode());
			} else {
				set.remove(&telco.encode());
			}
		});
	}
}

impl<AccountId: Encode> TelcoInspect<AccountId> for TestTelcos {
	fn is_active(telco: &AccountId) -> bool {
		ACTIVE.with(|active| active.borrow().contains(&telco.encode()))
	}
}
