use super::mock::*;
use crate::{Error, Event, KeyId, RegisteredKey, VerifyingKeys};
use frame_support::{assert_noop, assert_ok};
use frame_system::RawOrigin;
use gesim_zk::verifier::{validate_vk, CircuitId, VerifyingKey, VerifyingKeyBytes};
use sp_runtime::DispatchError;

fn register(key: KeyId, vk: VerifyingKeyBytes) -> sp_runtime::DispatchResult {
	crate::Pallet::<Test>::register_key(RawOrigin::Root.into(), key, vk)
}

/// The usage-64 key with one of its encoded bytes changed by `edit`.
fn edited_key(edit: impl FnOnce(&mut Vec<u8>)) -> VerifyingKeyBytes {
	let mut bytes = circuit_key(CircuitId::Usage64).verifying_key_bytes();
	edit(&mut bytes);
	VerifyingKeyBytes::new(bytes).unwrap()
}

#[test]
fn the_council_registers_a_validated_key_in_its_prepared_form() {
	new_test_ext().execute_with(|| {
		assert_ok!(register(USAGE_64, vk_bytes(CircuitId::Usage64)));

		let stored = VerifyingKeys::<Test>::get(CircuitId::Usage64, 1).unwrap();
		let expected = validate_vk(&circuit_key(CircuitId::Usage64).verifying_key_bytes())
			.unwrap()
			.to_stored();
		assert_eq!(stored, RegisteredKey { key: expected, retired: false });
		assert_eq!(last_event(), Event::KeyRegistered { key: USAGE_64 });
	});
}

#[test]
fn versions_of_one_circuit_live_side_by_side() {
	new_test_ext().execute_with(|| {
		register_usage_key();
		let v2 = KeyId { version: 2, ..USAGE_64 };
		assert_ok!(register(v2, vk_bytes(CircuitId::Usage64)));
		assert!(VerifyingKeys::<Test>::contains_key(CircuitId::Usage64, 1));
		assert!(VerifyingKeys::<Test>::contains_key(CircuitId::Usage64, 2));
	});
}

#[test]
fn only_the_council_registers_keys() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			crate::Pallet::<Test>::register_key(
				RawOrigin::Signed(TELCO).into(),
				USAGE_64,
				vk_bytes(CircuitId::Usage64)
			),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn a_registered_version_is_never_replaced() {
	new_test_ext().execute_with(|| {
		register_usage_key();
		assert_noop!(
			register(USAGE_64, vk_bytes(CircuitId::Usage64)),
			Error::<Test>::KeyAlreadyRegistered
		);
	});
}

#[test]
fn truncated_key_bytes_are_malformed() {
	new_test_ext().execute_with(|| {
		let vk = edited_key(|bytes| bytes.truncate(bytes.len() - 1));
		assert_noop!(register(USAGE_64, vk), Error::<Test>::KeyMalformed);
	});
}

#[test]
fn a_key_point_off_the_curve_is_refused() {
	new_test_ext().execute_with(|| {
		// α's x coordinate, one more: still a field element, no longer on the curve.
		let vk = edited_key(|bytes| bytes[0] = bytes[0].wrapping_add(1));
		assert_noop!(register(USAGE_64, vk), Error::<Test>::KeyPointOffCurve);
	});
}

#[test]
fn a_key_with_an_identity_point_is_degenerate() {
	new_test_ext().execute_with(|| {
		let mut vk =
			VerifyingKey::from_bytes(&circuit_key(CircuitId::Usage64).verifying_key_bytes())
				.unwrap();
		vk.delta_g2 = Default::default();
		let vk = VerifyingKeyBytes::new(vk.to_bytes()).unwrap();
		assert_noop!(register(USAGE_64, vk), Error::<Test>::KeyDegenerate);
	});
}

#[test]
fn a_key_for_another_number_of_inputs_does_not_fit_the_circuit() {
	new_test_ext().execute_with(|| {
		// The EID circuit's key takes three public inputs, a usage key four.
		assert_noop!(
			register(USAGE_64, vk_bytes(CircuitId::EidPossession)),
			Error::<Test>::KeyShapeMismatch
		);
	});
}
