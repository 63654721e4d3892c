//! Binding EID commitments on the development preset: real EID-possession proofs under the dev
//! chain's `eid` key, checked by metering's key registry through the identity pallet.

mod common;

use common::{
	ext_from_preset,
	usage::{subscriber, telco, verify_subscriber},
};
use frame_support::{assert_noop, assert_ok};
use gesim_primitives::{EidPossessionProof, IdentityInspect};
use gesim_runtime::{AccountId, Metering, RuntimeOrigin, SbtIdentity};
use gesim_zk::{
	eid::{eid_commitment, parse_eid},
	verifier::{fr_to_le_bytes, CircuitId, Fr},
	CircuitKey, SetupRandomness,
};
use pallet_sbt_identity::Error;
use rand_chacha::{rand_core::SeedableRng, ChaCha20Rng};
use sp_core::H256;
use sp_keyring::Sr25519Keyring;

const EID: &str = "89049032000001000000123456789012";

/// The commitment to [`EID`] under `salt`.
fn commitment(salt: u64) -> [u8; 32] {
	fr_to_le_bytes(&eid_commitment(parse_eid(EID).unwrap(), Fr::from(salt)))
}

/// A real proof, under the dev chain's `eid` key (dev seed 1), that `account` knows [`EID`]
/// and `salt`.
fn prove(account: &AccountId, salt: u64) -> EidPossessionProof {
	let key = CircuitKey::generate(CircuitId::EidPossession, SetupRandomness::DevSeed(1)).unwrap();
	let proof = gesim_zk::prove_eid(
		&key,
		parse_eid(EID).unwrap(),
		Fr::from(salt),
		*account.as_ref(),
		&mut ChaCha20Rng::seed_from_u64(salt),
	)
	.unwrap();
	EidPossessionProof { key_version: 1, proof: proof.proof.0 }
}

fn bind(
	who: &AccountId,
	commitment: [u8; 32],
	proof: EidPossessionProof,
) -> sp_runtime::DispatchResult {
	SbtIdentity::bind_eid_commitment(RuntimeOrigin::signed(who.clone()), commitment, proof)
}

fn charlie() -> AccountId {
	Sr25519Keyring::Charlie.to_account_id()
}

#[test]
fn a_subscriber_binds_its_eid_with_a_real_proof_and_nobody_else_can() {
	ext_from_preset("development").execute_with(|| {
		verify_subscriber();
		assert_ok!(SbtIdentity::issue(
			RuntimeOrigin::signed(telco()),
			charlie(),
			H256::repeat_byte(3),
			H256::repeat_byte(4)
		));
		let bob = subscriber();

		// A proof Bob made, submitted by Charlie: bound to Bob's account, worthless to Charlie.
		assert_noop!(
			bind(&charlie(), commitment(7), prove(&bob, 7)),
			Error::<gesim_runtime::Runtime>::EidProofRejected
		);
		// Bob's proof for another salt does not open this commitment.
		assert_noop!(
			bind(&bob, commitment(7), prove(&bob, 8)),
			Error::<gesim_runtime::Runtime>::EidProofRejected
		);

		assert_ok!(bind(&bob, commitment(7), prove(&bob, 7)));
		assert!(SbtIdentity::holds_eid_commitment(&bob, &commitment(7)));

		// Charlie knows the same EID and salt (a second-hand device): still one holder.
		assert_noop!(
			bind(&charlie(), commitment(7), prove(&charlie(), 7)),
			Error::<gesim_runtime::Runtime>::EidHeldByAnother
		);
		// Under a salt of his own, the same eUICC is a different commitment.
		assert_ok!(bind(&charlie(), commitment(9), prove(&charlie(), 9)));
	});
}

#[test]
fn a_retired_eid_key_binds_nothing() {
	ext_from_preset("development").execute_with(|| {
		verify_subscriber();
		let key = pallet_metering::KeyId { circuit: CircuitId::EidPossession, version: 1 };
		// The whole council, as a closed motion dispatches it.
		let council = pallet_collective::RawOrigin::<
			AccountId,
			gesim_runtime::configs::CouncilCollective,
		>::Members(3, 3);
		assert_ok!(Metering::retire_key(council.into(), key));
		let bob = subscriber();
		assert_noop!(
			bind(&bob, commitment(7), prove(&bob, 7)),
			Error::<gesim_runtime::Runtime>::NoEidKey
		);
	});
}
