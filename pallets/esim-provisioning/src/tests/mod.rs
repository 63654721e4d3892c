//! One file per call (and per trait the pallet implements), each with its success path and
//! every error it can return.

pub(crate) mod mock;

mod cancel_order;
mod device_keys;
mod prune_orders;
mod queries;
mod refund_unserved;
mod request_profile;
mod service_deadline;
mod submit_receipt;
mod switch;

use crate::{GsmaStatus, OrderOf, OrderStatus, Orders, Receipt};
use frame_support::assert_ok;
use gesim_primitives::{EntitlementId, OrderId};
use mock::*;

/// SUBSCRIBER orders a profile for `entitlement` on DEVICE_KEY; returns the order.
pub(crate) fn request(entitlement: EntitlementId) -> OrderId {
	let order = crate::NextOrderId::<Test>::get();
	assert_ok!(EsimProvisioning::request_profile(
		RuntimeOrigin::signed(SUBSCRIBER),
		entitlement,
		DEVICE_KEY,
		None,
		false
	));
	order
}

/// The stored order.
pub(crate) fn order(id: OrderId) -> OrderOf<Test> {
	Orders::<Test>::get(id).expect("order exists")
}

pub(crate) fn accepted() -> Receipt {
	Receipt::Accepted {
		iccid_commitment: [0xC0; 32],
		smdp_address: b"smdp.example.net".to_vec().try_into().unwrap(),
	}
}

pub(crate) fn code_released() -> Receipt {
	Receipt::CodeReleased { sealed_code: vec![0x5E; 180].try_into().unwrap() }
}

pub(crate) fn installed() -> Receipt {
	Receipt::Installed { result_hash: [0xAB; 32] }
}

/// `8.2.5` / `3.7`: no profile available for the profile type.
pub(crate) fn no_profile_available() -> Receipt {
	Receipt::Failed {
		status: GsmaStatus {
			subject: b"8.2.5".to_vec().try_into().unwrap(),
			reason: b"3.7".to_vec().try_into().unwrap(),
		},
	}
}

/// TELCO's gateway reports each of `receipts` for `order`.
pub(crate) fn progress(order: OrderId, receipts: impl IntoIterator<Item = Receipt>) {
	for receipt in receipts {
		assert_ok!(submit(order, receipt));
	}
}

/// An order of ENTITLEMENT with its profile installed.
pub(crate) fn installed_order() -> OrderId {
	let id = request(ENTITLEMENT);
	progress(id, [accepted(), code_released(), installed()]);
	assert_eq!(order(id).status, OrderStatus::Installed);
	id
}

/// The pallet's indexes agree with its orders.
pub(crate) fn assert_consistent() {
	crate::Pallet::<Test>::do_check_indexes().expect("indexes agree");
}
