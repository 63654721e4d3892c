//! `submit_receipt`: the operator's gateway reports each step of an order, signed with its
//! SM-DP+ receipt key.

use super::*;
use crate::{Error, Event, GsmaStatus, OpenOrders, Provisioning};
use frame_support::{assert_noop, assert_ok};
use sp_core::Pair;

#[test]
fn an_order_goes_from_request_to_an_enabled_profile() {
	new_test_ext().execute_with(|| {
		let id = request(ENTITLEMENT);

		System::set_block_number(3);
		assert_ok!(submit(id, accepted()));
		assert_eq!(
			last_event(),
			Event::OrderAccepted {
				order: id,
				iccid_commitment: [0xC0; 32],
				smdp_address: b"smdp.example.net".to_vec().try_into().unwrap(),
			}
		);
		let record = order(id);
		assert_eq!((record.status, record.updated_at), (OrderStatus::Accepted, 3));
		assert_eq!(record.iccid_commitment, Some([0xC0; 32]));

		assert_ok!(submit(id, code_released()));
		assert_eq!(last_event(), Event::ActivationCodeReleased { order: id });
		assert_eq!(order(id).sealed_code.unwrap().into_inner(), vec![0x5E; 180]);

		assert_ok!(submit(id, Receipt::Downloaded));
		assert_eq!(last_event(), Event::ProfileDownloaded { order: id });
		assert!(OpenOrders::<Test>::contains_key(TELCO, id), "open until installed");

		assert_ok!(submit(id, installed()));
		assert_eq!(
			last_event(),
			Event::ProfileInstalled {
				order: id,
				entitlement: ENTITLEMENT,
				result_hash: [0xAB; 32]
			}
		);
		assert_eq!(order(id).install_result_hash, Some([0xAB; 32]));
		assert!(!OpenOrders::<Test>::contains_key(TELCO, id));
		let provisioning = Provisioning::<Test>::get(ENTITLEMENT);
		assert_eq!((provisioning.profile, provisioning.served), (Some(id), true));

		assert_ok!(submit(id, Receipt::Enabled));
		assert_eq!(last_event(), Event::ProfileEnabled { order: id });
		assert_eq!(order(id).status, OrderStatus::Enabled);
		assert_consistent();
	});
}

#[test]
fn installation_may_be_reported_without_the_download() {
	new_test_ext().execute_with(|| {
		let id = request(ENTITLEMENT);
		progress(id, [accepted(), code_released(), installed()]);
		assert_eq!(order(id).status, OrderStatus::Installed);
	});
}

#[test]
fn a_deleted_profile_no_longer_serves_the_entitlement() {
	new_test_ext().execute_with(|| {
		let id = installed_order();
		assert_ok!(submit(id, Receipt::Deleted));
		assert_eq!(last_event(), Event::ProfileDeleted { order: id });
		let provisioning = Provisioning::<Test>::get(ENTITLEMENT);
		assert_eq!((provisioning.profile, provisioning.served), (None, true));
		// It can be ordered again, without asking for a new profile explicitly.
		request(ENTITLEMENT);
		assert_consistent();
	});
}

#[test]
fn a_failure_closes_the_order_with_the_gsma_code() {
	new_test_ext().execute_with(|| {
		let id = request(ENTITLEMENT);
		assert_ok!(submit(id, accepted()));
		assert_ok!(submit(id, no_profile_available()));
		let Receipt::Failed { status } = no_profile_available() else { unreachable!() };
		assert_eq!(
			last_event(),
			Event::OrderFailed { order: id, entitlement: ENTITLEMENT, status: status.clone() }
		);
		assert_eq!(order(id).status, OrderStatus::Failed(status));
		assert!(!OpenOrders::<Test>::contains_key(TELCO, id));
		assert_consistent();
	});
}

#[test]
fn a_receipt_for_an_unknown_order_is_refused() {
	new_test_ext().execute_with(|| {
		assert_noop!(submit(42, accepted()), Error::<Test>::UnknownOrder);
	});
}

#[test]
fn only_the_serving_operator_submits() {
	new_test_ext().execute_with(|| {
		let id = request(ENTITLEMENT);
		// OTHER_TELCO, with its own valid key, reports on TELCO's order.
		let (signer, signature) = signed(&gateway_key(OTHER_TELCO), id, &accepted());
		assert_noop!(
			EsimProvisioning::submit_receipt(
				RuntimeOrigin::signed(OTHER_TELCO),
				id,
				accepted(),
				signer,
				signature
			),
			Error::<Test>::NotServingOperator
		);
	});
}

#[test]
fn another_operators_key_is_refused() {
	new_test_ext().execute_with(|| {
		let id = request(ENTITLEMENT);
		let (signer, signature) = signed(&gateway_key(OTHER_TELCO), id, &accepted());
		assert_noop!(
			EsimProvisioning::submit_receipt(
				RuntimeOrigin::signed(TELCO),
				id,
				accepted(),
				signer,
				signature
			),
			Error::<Test>::ReceiptKeyNotValid
		);
	});
}

#[test]
fn a_rotated_out_key_counts_during_its_grace_only() {
	new_test_ext().execute_with(|| {
		let id = request(ENTITLEMENT);
		let (old, new) = (gateway_key(TELCO), gateway_key(1_000));
		// Rotation: both keys are honoured during the grace.
		world(|w| w.receipt_keys.insert(TELCO, vec![new.public().0, old.public().0]));
		let (signer, signature) = signed(&old, id, &accepted());
		assert_ok!(EsimProvisioning::submit_receipt(
			RuntimeOrigin::signed(TELCO),
			id,
			accepted(),
			signer,
			signature
		));

		// Grace over: the old key is refused, the new one works.
		world(|w| w.receipt_keys.insert(TELCO, vec![new.public().0]));
		let (signer, signature) = signed(&old, id, &code_released());
		assert_noop!(
			EsimProvisioning::submit_receipt(
				RuntimeOrigin::signed(TELCO),
				id,
				code_released(),
				signer,
				signature
			),
			Error::<Test>::ReceiptKeyNotValid
		);
		let (signer, signature) = signed(&new, id, &code_released());
		assert_ok!(EsimProvisioning::submit_receipt(
			RuntimeOrigin::signed(TELCO),
			id,
			code_released(),
			signer,
			signature
		));
	});
}

#[test]
fn a_forged_or_replayed_signature_is_refused() {
	new_test_ext().execute_with(|| {
		let first = request(ENTITLEMENT);
		let key = gateway_key(TELCO);
		let submit_signed = |order, receipt: Receipt, (signer, signature): ([u8; 32], [u8; 64])| {
			EsimProvisioning::submit_receipt(
				RuntimeOrigin::signed(TELCO),
				order,
				receipt,
				signer,
				signature,
			)
		};

		// The right key's public half with a signature by someone else.
		let (_, forged) = signed(&gateway_key(666), first, &accepted());
		assert_noop!(
			submit_signed(first, accepted(), (key.public().0, forged)),
			Error::<Test>::InvalidReceiptSignature
		);
		// A genuine signature over other contents.
		let (signer, signature) = signed(&key, first, &code_released());
		assert_noop!(
			submit_signed(first, accepted(), (signer, signature)),
			Error::<Test>::InvalidReceiptSignature
		);
		// A genuine receipt of another order (NEIGHBOUR's, also TELCO's) replayed on this one.
		let neighbour = {
			let id = crate::NextOrderId::<Test>::get();
			assert_ok!(EsimProvisioning::register_device_key(
				RuntimeOrigin::signed(OTHER_SUBSCRIBER),
				DEVICE_KEY
			));
			assert_ok!(EsimProvisioning::request_profile(
				RuntimeOrigin::signed(OTHER_SUBSCRIBER),
				NEIGHBOUR_ENTITLEMENT,
				DEVICE_KEY,
				None,
				false
			));
			id
		};
		let replayed = signed(&key, neighbour, &accepted());
		assert_noop!(
			submit_signed(first, accepted(), replayed),
			Error::<Test>::InvalidReceiptSignature
		);
		// A genuine receipt signed for another chain.
		let genesis = [0x77u8; 32];
		let payload = crate::receipt_payload(&sp_core::H256(genesis), first, &accepted());
		let other_chain = (key.public().0, sp_core::Pair::sign(&key, &payload).0);
		assert_noop!(
			submit_signed(first, accepted(), other_chain),
			Error::<Test>::InvalidReceiptSignature
		);
	});
}

#[test]
fn a_receipt_applies_once() {
	new_test_ext().execute_with(|| {
		let id = request(ENTITLEMENT);
		for receipt in
			[accepted(), code_released(), Receipt::Downloaded, installed(), Receipt::Enabled]
		{
			assert_ok!(submit(id, receipt.clone()));
			assert_noop!(submit(id, receipt), Error::<Test>::DuplicateReceipt);
		}
		assert_ok!(submit(id, Receipt::Deleted));
		assert_noop!(submit(id, Receipt::Deleted), Error::<Test>::DuplicateReceipt);

		let failed = request(ENTITLEMENT);
		assert_ok!(submit(failed, no_profile_available()));
		let other_code = Receipt::Failed {
			status: GsmaStatus {
				subject: b"8.1.1".to_vec().try_into().unwrap(),
				reason: b"3.8".to_vec().try_into().unwrap(),
			},
		};
		assert_noop!(submit(failed, other_code), Error::<Test>::DuplicateReceipt);
	});
}

#[test]
fn a_receipt_out_of_order_is_refused() {
	new_test_ext().execute_with(|| {
		let id = request(ENTITLEMENT);
		for early in
			[code_released(), Receipt::Downloaded, installed(), Receipt::Enabled, Receipt::Deleted]
		{
			assert_noop!(submit(id, early), Error::<Test>::ReceiptOutOfOrder);
		}
		progress(id, [accepted(), code_released()]);
		assert_noop!(submit(id, accepted()), Error::<Test>::ReceiptOutOfOrder);
		assert_noop!(submit(id, Receipt::Enabled), Error::<Test>::ReceiptOutOfOrder);
		progress(id, [installed()]);
		assert_noop!(submit(id, Receipt::Downloaded), Error::<Test>::ReceiptOutOfOrder);
		// An installed profile does not fail: it is on the eUICC.
		assert_noop!(submit(id, no_profile_available()), Error::<Test>::ReceiptOutOfOrder);
	});
}

#[test]
fn a_closed_order_takes_no_receipt() {
	new_test_ext().execute_with(|| {
		let failed = request(ENTITLEMENT);
		assert_ok!(submit(failed, no_profile_available()));
		assert_noop!(submit(failed, accepted()), Error::<Test>::OrderClosed);

		let cancelled = request(ENTITLEMENT);
		assert_ok!(EsimProvisioning::cancel_order(RuntimeOrigin::signed(SUBSCRIBER), cancelled));
		assert_noop!(submit(cancelled, accepted()), Error::<Test>::OrderClosed);

		let deleted = request(ENTITLEMENT);
		progress(deleted, [accepted(), code_released(), installed(), Receipt::Deleted]);
		assert_noop!(submit(deleted, Receipt::Enabled), Error::<Test>::OrderClosed);
	});
}

#[test]
fn malformed_contents_are_refused() {
	new_test_ext().execute_with(|| {
		let id = request(ENTITLEMENT);
		let empty_address =
			Receipt::Accepted { iccid_commitment: [1; 32], smdp_address: Default::default() };
		assert_noop!(submit(id, empty_address), Error::<Test>::EmptySmdpAddress);
		for (subject, reason) in
			[(&b"8.2.5"[..], &b""[..]), (b"8..2", b"3.7"), (b"8.2.x", b"3.7"), (b".8", b"1")]
		{
			let status = GsmaStatus {
				subject: subject.to_vec().try_into().unwrap(),
				reason: reason.to_vec().try_into().unwrap(),
			};
			assert_noop!(
				submit(id, Receipt::Failed { status }),
				Error::<Test>::MalformedStatusCode
			);
		}
		assert_ok!(submit(id, accepted()));
		let short = Receipt::CodeReleased { sealed_code: vec![1; 59].try_into().unwrap() };
		assert_noop!(submit(id, short), Error::<Test>::MalformedSealedCode);
	});
}
