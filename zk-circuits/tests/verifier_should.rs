//! The no_std verifier as the chain uses it: key registration checks, stored keys, SCALE
//! bounds, and refusal of every malformed or hostile byte string (never a panic). Every
//! verification runs through both paths a runtime can take — the verifier compiled into it
//! and the node's host function — and they must give the same answer.

mod common;

use ark_bn254::{Fq2, Fr, G1Affine, G2Affine};
use ark_ff::{One, UniformRand};
use ark_serialize::{CanonicalSerialize, Compress};
use codec::{Decode, Encode, MaxEncodedLen};
use common::{key, prepared, rng};
use gesim_zk::{
	eid::eid_commitment,
	prove_eid,
	verifier::{
		fr_to_le_bytes, validate_vk, CircuitId, EidPublicInputs, Groth16Verifier, InRuntime,
		PreparedKey, PreparedKeyBytes, ProofBytes, PublicInput, UsageClaim, VerifyError,
		VerifyingKey, VerifyingKeyBytes, MAX_PUBLIC_INPUTS, MAX_VK_BYTES,
	},
};

const ACCOUNT: [u8; 32] = [7; 32];

/// `proof` for `inputs` under the stored form of `key`, checked in the runtime's verifier and
/// through the host function: both must answer the same, and as `verify` on the key does.
fn verify(key: &PreparedKey, proof: &[u8], inputs: &[PublicInput]) -> Result<(), VerifyError> {
	let stored = key.to_stored();
	verify_stored(stored.as_bytes(), proof, inputs)
}

/// [`verify`] with a stored key.
fn verify_stored(stored: &[u8], proof: &[u8], inputs: &[PublicInput]) -> Result<(), VerifyError> {
	let in_runtime = InRuntime::verify_stored(stored, proof, inputs);
	let on_host = gesim_zk_host::OnHost::verify_stored(stored, proof, inputs);
	assert_eq!(in_runtime, on_host, "the host function and the runtime's verifier disagree");
	if let Ok(key) = PreparedKey::from_stored(stored) {
		assert_eq!(gesim_zk::verifier::verify(&key, proof, inputs), in_runtime);
	}
	in_runtime
}

fn eid_proof() -> (ProofBytes, [PublicInput; 3]) {
	let (eid, salt) = (Fr::from(11u64), Fr::from(12u64));
	let proof = prove_eid(key(CircuitId::EidPossession), eid, salt, ACCOUNT, &mut rng(3)).unwrap();
	let inputs = EidPublicInputs {
		commitment: fr_to_le_bytes(&eid_commitment(eid, salt)),
		account: ACCOUNT,
	};
	(proof.proof, inputs.to_inputs())
}

fn vk_bytes() -> Vec<u8> {
	key(CircuitId::EidPossession).verifying_key_bytes()
}

fn g1_bytes(p: &G1Affine) -> Vec<u8> {
	let mut out = Vec::new();
	p.serialize_with_mode(&mut out, Compress::No).unwrap();
	out
}

fn g2_bytes(p: &G2Affine) -> Vec<u8> {
	let mut out = Vec::new();
	p.serialize_with_mode(&mut out, Compress::No).unwrap();
	out
}

/// A point on the G2 twist outside the order-r subgroup (the cofactor is huge, so the
/// first x that gives a point almost surely works).
fn g2_outside_subgroup() -> G2Affine {
	(1u64..)
		.filter_map(|x| G2Affine::get_point_from_x_unchecked(Fq2::new(x.into(), One::one()), true))
		.find(|p| p.is_on_curve() && !p.is_in_correct_subgroup_assuming_on_curve())
		.unwrap()
}

#[test]
fn accept_a_valid_proof_with_the_registered_and_the_stored_key() {
	let (proof, inputs) = eid_proof();
	let key = validate_vk(&vk_bytes()).unwrap();
	assert_eq!(verify(&key, &proof.0, &inputs), Ok(()));
	let stored = key.to_stored();
	assert_eq!(verify_stored(stored.as_bytes(), &proof.0, &inputs), Ok(()));
	assert_eq!(
		PreparedKey::from_stored(stored.as_bytes()).unwrap().verifying_key(),
		key.verifying_key()
	);
}

#[test]
fn use_the_arkworks_layout_for_keys() {
	let bytes = vk_bytes();
	let vk = VerifyingKey::from_bytes(&bytes).unwrap();
	assert_eq!(vk.to_bytes(), bytes);
	assert_eq!(vk.public_input_count(), 3);
	assert_eq!(bytes.len(), 64 + 3 * 128 + 8 + 4 * 64);
}

#[test]
fn bound_scale_types() {
	let vk = VerifyingKeyBytes::new(vk_bytes()).unwrap();
	assert_eq!(VerifyingKeyBytes::decode(&mut &vk.encode()[..]).unwrap(), vk);
	assert_eq!(VerifyingKeyBytes::max_encoded_len(), 5 + MAX_VK_BYTES);
	let too_long = vec![0u8; MAX_VK_BYTES + 1].encode();
	assert!(VerifyingKeyBytes::decode(&mut &too_long[..]).is_err());
	assert!(VerifyingKeyBytes::new(vec![0; MAX_VK_BYTES + 1]).is_none());
	let stored = prepared(CircuitId::Usage64).to_stored();
	assert_eq!(PreparedKeyBytes::decode(&mut &stored.encode()[..]).unwrap(), stored);
	let (proof, _) = eid_proof();
	assert_eq!(proof.encode(), proof.0.to_vec(), "fixed-size proof has no length prefix");
	let claim = UsageClaim { total_bytes: 5, nonce: 6, proof: proof.clone() };
	assert_eq!(claim.encode().len(), 8 + 8 + 256);
	assert_eq!(UsageClaim::decode(&mut &claim.encode()[..]).unwrap(), claim);
}

mod reject {
	use super::*;

	#[test]
	fn malformed_key() {
		let bytes = vk_bytes();
		assert_eq!(validate_vk(&bytes[..bytes.len() - 1]).unwrap_err(), VerifyError::MalformedKey);
		assert_eq!(
			validate_vk(&[bytes.clone(), vec![0]].concat()).unwrap_err(),
			VerifyError::MalformedKey
		);
		assert_eq!(validate_vk(&[]).unwrap_err(), VerifyError::MalformedKey);
		let mut zero_ic = bytes.clone();
		zero_ic[448..456].copy_from_slice(&0u64.to_le_bytes());
		assert_eq!(validate_vk(&zero_ic[..456]).unwrap_err(), VerifyError::MalformedKey);
		let mut coordinate_over_p = bytes.clone();
		coordinate_over_p[..32].fill(0xff);
		coordinate_over_p[31] = 0x3f; // keep the flag bits clear: the value itself is >= p
		assert_eq!(validate_vk(&coordinate_over_p).unwrap_err(), VerifyError::MalformedKey);
	}

	#[test]
	fn too_many_public_inputs() {
		let vk = VerifyingKey::from_bytes(&vk_bytes()).unwrap();
		let mut big = vk.clone();
		big.gamma_abc_g1 = vec![vk.gamma_abc_g1[0]; MAX_PUBLIC_INPUTS + 2];
		assert_eq!(
			validate_vk(&big.to_bytes()).unwrap_err(),
			VerifyError::TooManyPublicInputs { count: MAX_PUBLIC_INPUTS as u32 + 1 }
		);
	}

	#[test]
	fn key_point_off_the_curve() {
		let mut bytes = vk_bytes();
		bytes[32] ^= 1; // y of α
		assert_eq!(validate_vk(&bytes).unwrap_err(), VerifyError::KeyPointNotOnCurve);
	}

	#[test]
	fn key_point_outside_the_subgroup() {
		let mut bytes = vk_bytes();
		bytes[64..192].copy_from_slice(&g2_bytes(&g2_outside_subgroup())); // β
		assert_eq!(validate_vk(&bytes).unwrap_err(), VerifyError::KeyPointNotInSubgroup);
	}

	#[test]
	fn degenerate_key() {
		// δ = identity would make e(C, −δ) = 1: anyone could then forge.
		let mut bytes = vk_bytes();
		bytes[320..448].copy_from_slice(&g2_bytes(&G2Affine::identity()));
		assert_eq!(validate_vk(&bytes).unwrap_err(), VerifyError::DegenerateKey);
		let mut bytes = vk_bytes();
		bytes[..64].copy_from_slice(&g1_bytes(&G1Affine::identity()));
		assert_eq!(validate_vk(&bytes).unwrap_err(), VerifyError::DegenerateKey);
	}

	#[test]
	fn malformed_stored_key() {
		let stored = prepared(CircuitId::EidPossession).to_stored().into_inner();
		let mut wrong_version = stored.clone();
		wrong_version[0] = 2;
		for bad in [&wrong_version[..], &stored[..stored.len() - 1], &stored[..10], &[][..]] {
			assert_eq!(PreparedKey::from_stored(bad).unwrap_err(), VerifyError::MalformedKey);
		}
	}

	#[test]
	fn proof_point_outside_the_subgroup() {
		let (mut proof, inputs) = eid_proof();
		proof.0[64..192].copy_from_slice(&g2_bytes(&g2_outside_subgroup()));
		assert_eq!(
			verify(&prepared(CircuitId::EidPossession), &proof.0, &inputs),
			Err(VerifyError::ProofPointNotInSubgroup)
		);
	}

	#[test]
	fn proof_point_off_the_curve() {
		let (proof, inputs) = eid_proof();
		let key = prepared(CircuitId::EidPossession);
		for at in [0usize, 64, 192] {
			let mut bad = proof.clone();
			bad.0[at] ^= 1;
			assert_eq!(
				verify(&key, &bad.0, &inputs),
				Err(VerifyError::ProofPointNotOnCurve),
				"byte {at}"
			);
		}
	}

	#[test]
	fn wrong_other_or_non_canonical_inputs_and_a_broken_stored_key() {
		let (proof, inputs) = eid_proof();
		let key = prepared(CircuitId::EidPossession);
		assert_eq!(
			verify(&key, &proof.0, &inputs[..2]),
			Err(VerifyError::WrongInputCount { expected: 3, got: 2 })
		);
		let mut over_r = inputs;
		over_r[1] = [0xff; 32];
		assert_eq!(
			verify(&key, &proof.0, &over_r),
			Err(VerifyError::NonCanonicalInput { index: 1 })
		);
		let mut other = inputs;
		other[0][0] ^= 1;
		assert_eq!(verify(&key, &proof.0, &other), Err(VerifyError::InvalidProof));
		let stored = key.to_stored().into_inner();
		assert_eq!(
			verify_stored(&stored[..stored.len() - 1], &proof.0, &inputs),
			Err(VerifyError::MalformedKey)
		);
	}

	#[test]
	fn random_bytes_never_panic() {
		let key = prepared(CircuitId::EidPossession);
		let (_, inputs) = eid_proof();
		let mut r = rng(5);
		for len in [0, 1, 64, 255, 256, 257, 1000] {
			let junk: Vec<u8> = (0..len).map(|_| u8::rand(&mut r)).collect();
			assert!(verify(&key, &junk, &inputs).is_err());
			assert!(validate_vk(&junk).is_err());
			assert!(PreparedKey::from_stored(&junk).is_err());
		}
	}

	#[test]
	fn a_forged_proof_of_random_points() {
		let key = prepared(CircuitId::EidPossession);
		let (_, inputs) = eid_proof();
		let mut r = rng(6);
		let forged = gesim_zk::verifier::Proof {
			a: G1Affine::rand(&mut r),
			b: G2Affine::rand(&mut r),
			c: G1Affine::rand(&mut r),
		};
		assert_eq!(verify(&key, &forged.to_bytes().0, &inputs), Err(VerifyError::InvalidProof));
	}
}

/// Batches: each proof's verdict in a batch is the one it gets alone, on both paths.
mod batch {
	use super::*;
	use gesim_zk::verifier::{Proof, Verdicts};
	use gesim_zk_host::OnHost;

	const SEED: [u8; 32] = [0x5e; 32];

	/// `items` as one batch in the runtime's verifier and through the host function: both must
	/// answer the same, and give each proof the verdict it gets alone.
	fn verify_batch(key: &PreparedKey, items: &[(Vec<u8>, Vec<PublicInput>)]) -> Verdicts {
		let stored = key.to_stored();
		let refs: Vec<(&[u8], &[PublicInput])> =
			items.iter().map(|(proof, inputs)| (&proof[..], &inputs[..])).collect();
		let in_runtime = InRuntime::verify_batch_stored(stored.as_bytes(), &refs, &SEED).unwrap();
		let on_host = OnHost::verify_batch_stored(stored.as_bytes(), &refs, &SEED).unwrap();
		assert_eq!(in_runtime, on_host, "the host function and the runtime's verifier disagree");
		let alone: Verdicts =
			items.iter().map(|(proof, inputs)| verify(key, proof, inputs)).collect();
		assert_eq!(in_runtime, alone, "a verdict in the batch differs from the proof's own");
		in_runtime
	}

	/// Valid EID-possession proofs, each of another EID and account.
	fn valid(n: u8) -> Vec<(Vec<u8>, Vec<PublicInput>)> {
		(0..n)
			.map(|i| {
				let (eid, salt, account) = (Fr::from(20 + i as u64), Fr::from(30u64), [40 + i; 32]);
				let key = key(CircuitId::EidPossession);
				let proof = prove_eid(key, eid, salt, account, &mut rng(i as u64)).unwrap();
				let inputs = EidPublicInputs {
					commitment: fr_to_le_bytes(&eid_commitment(eid, salt)),
					account,
				};
				(proof.proof.0.to_vec(), inputs.to_inputs().to_vec())
			})
			.collect()
	}

	#[test]
	fn accept_valid_proofs_together() {
		let key = prepared(CircuitId::EidPossession);
		assert_eq!(verify_batch(&key, &valid(5)), vec![Ok(()); 5]);
		assert_eq!(verify_batch(&key, &[]), vec![]);
	}

	#[test]
	fn name_every_false_proof_and_accept_the_others() {
		let key = prepared(CircuitId::EidPossession);
		let good = valid(4);
		let (proof, inputs) = good[0].clone();
		let mut other_inputs = inputs.clone();
		other_inputs[0][0] ^= 1;
		let mut off_curve = proof.clone();
		off_curve[192] ^= 1;
		let mut outside_subgroup = proof.clone();
		outside_subgroup[64..192].copy_from_slice(&g2_bytes(&g2_outside_subgroup()));
		let mut over_r = inputs.clone();
		over_r[2] = [0xff; 32];
		let swapped = (good[1].0.clone(), good[2].1.clone());
		let bad = [
			((proof.clone(), other_inputs), VerifyError::InvalidProof),
			(swapped, VerifyError::InvalidProof),
			((off_curve, inputs.clone()), VerifyError::ProofPointNotOnCurve),
			((outside_subgroup, inputs.clone()), VerifyError::ProofPointNotInSubgroup),
			((proof[..255].to_vec(), inputs.clone()), VerifyError::MalformedProof),
			((proof.clone(), over_r), VerifyError::NonCanonicalInput { index: 2 }),
			(
				(proof.clone(), inputs[..2].to_vec()),
				VerifyError::WrongInputCount { expected: 3, got: 2 },
			),
		];
		for (item, error) in bad {
			for at in [0, 2, 4] {
				let mut items = good.clone();
				items.insert(at, item.clone());
				let mut expected = vec![Ok(()); 5];
				expected[at] = Err(error);
				assert_eq!(verify_batch(&key, &items), expected, "{error:?} at {at}");
			}
		}
		let all_bad = vec![(good[0].0.clone(), good[1].1.clone()); 3];
		assert_eq!(verify_batch(&key, &all_bad), vec![Err(VerifyError::InvalidProof); 3]);
	}

	#[test]
	fn never_let_two_false_proofs_cancel_out() {
		// C₁ + D and C₂ − D: the errors cancel in a plain product of the two equations, so a
		// batch check without random coefficients would accept both.
		let key = prepared(CircuitId::EidPossession);
		let mut items = valid(3);
		let d = G1Affine::rand(&mut rng(9));
		for (index, shift) in [(0, d), (1, -d)] {
			let mut proof = Proof::from_bytes(&items[index].0).unwrap();
			proof.c = (proof.c + shift).into();
			items[index].0 = proof.to_bytes().0.to_vec();
		}
		assert_eq!(
			verify_batch(&key, &items),
			vec![Err(VerifyError::InvalidProof), Err(VerifyError::InvalidProof), Ok(())]
		);
	}

	#[test]
	fn refuse_a_broken_stored_key_whole() {
		let stored = prepared(CircuitId::EidPossession).to_stored().into_inner();
		let items = valid(1);
		let refs = [(&items[0].0[..], &items[0].1[..])];
		let broken = &stored[..stored.len() - 1];
		assert_eq!(
			InRuntime::verify_batch_stored(broken, &refs, &SEED),
			Err(VerifyError::MalformedKey)
		);
		assert_eq!(
			OnHost::verify_batch_stored(broken, &refs, &SEED),
			Err(VerifyError::MalformedKey)
		);
	}
}
