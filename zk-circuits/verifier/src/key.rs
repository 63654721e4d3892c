//! Verifying keys: the registration format, the validated/prepared form, the stored form.

use crate::VerifyError;
use alloc::vec::Vec;
use ark_bn254::{Bn254, Fq12, G1Affine, G2Affine};
use ark_ec::{
	pairing::{Pairing, PairingOutput},
	AffineRepr,
};
use ark_serialize::{CanonicalDeserialize, CanonicalSerialize, Compress, Validate};
use codec::{Decode, DecodeWithMemTracking, Encode, Input, MaxEncodedLen};
use scale_info::TypeInfo;

/// Most public inputs a registered key may have (GeSIM's circuits use 3 and 4; room is
/// left for operators' own circom circuits).
pub const MAX_PUBLIC_INPUTS: usize = 32;
const G1_BYTES: usize = 64;
const G2_BYTES: usize = 128;
const FIXED_VK_BYTES: usize = G1_BYTES + 3 * G2_BYTES + 8;
/// Largest encoded [`VerifyingKey`].
pub const MAX_VK_BYTES: usize = FIXED_VK_BYTES + (MAX_PUBLIC_INPUTS + 1) * G1_BYTES;
const FQ12_BYTES: usize = 384;
/// Format tag of [`PreparedKeyBytes`]; bumped if the stored layout ever changes.
const STORED_KEY_VERSION: u8 = 1;
/// Largest encoded [`PreparedKeyBytes`].
pub const MAX_PREPARED_KEY_BYTES: usize = 1 + MAX_VK_BYTES + FQ12_BYTES;

/// A Groth16 verifying key on BN254.
///
/// Encoding (= `ark_groth16::VerifyingKey::serialize_uncompressed`):
/// `α (G1) ‖ β (G2) ‖ γ (G2) ‖ δ (G2) ‖ n (u64 LE) ‖ IC[0..n] (G1)`, points as in
/// [`crate::ProofBytes`]; `n` = public inputs + 1.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VerifyingKey {
	/// α in G1.
	pub alpha_g1: G1Affine,
	/// β in G2.
	pub beta_g2: G2Affine,
	/// γ in G2.
	pub gamma_g2: G2Affine,
	/// δ in G2.
	pub delta_g2: G2Affine,
	/// IC: `[γ⁻¹(β·u_i + α·v_i + w_i)]₁` for the constant 1 and each public input.
	pub gamma_abc_g1: Vec<G1Affine>,
}

impl VerifyingKey {
	/// Public inputs this key verifies.
	pub fn public_input_count(&self) -> usize {
		self.gamma_abc_g1.len().saturating_sub(1)
	}

	/// Encodes the key (uncompressed).
	pub fn to_bytes(&self) -> Vec<u8> {
		let mut out = alloc::vec![0u8; FIXED_VK_BYTES + self.gamma_abc_g1.len() * G1_BYTES];
		points::write_g1(&self.alpha_g1, &mut out[..64]);
		points::write_g2(&self.beta_g2, &mut out[64..192]);
		points::write_g2(&self.gamma_g2, &mut out[192..320]);
		points::write_g2(&self.delta_g2, &mut out[320..448]);
		out[448..456].copy_from_slice(&(self.gamma_abc_g1.len() as u64).to_le_bytes());
		for (point, chunk) in
			self.gamma_abc_g1.iter().zip(out[FIXED_VK_BYTES..].chunks_exact_mut(G1_BYTES))
		{
			points::write_g1(point, chunk);
		}
		out
	}

	/// Decodes the layout only (no curve or subgroup checks): for stored, already
	/// validated keys.
	fn decode_unchecked(bytes: &[u8]) -> Result<Self, VerifyError> {
		if bytes.len() < FIXED_VK_BYTES {
			return Err(VerifyError::MalformedKey);
		}
		let mut count = [0u8; 8];
		count.copy_from_slice(&bytes[448..456]);
		let count = u64::from_le_bytes(count);
		if count == 0 {
			return Err(VerifyError::MalformedKey);
		}
		if count > MAX_PUBLIC_INPUTS as u64 + 1 {
			return Err(VerifyError::TooManyPublicInputs {
				count: (count - 1).min(u32::MAX as u64) as u32,
			});
		}
		let ic = &bytes[FIXED_VK_BYTES..];
		if ic.len() != count as usize * G1_BYTES {
			return Err(VerifyError::MalformedKey);
		}
		let g1 = |b: &[u8]| points::read_g1(b).ok_or(VerifyError::MalformedKey);
		let g2 = |b: &[u8]| points::read_g2(b).ok_or(VerifyError::MalformedKey);
		Ok(Self {
			alpha_g1: g1(&bytes[..64])?,
			beta_g2: g2(&bytes[64..192])?,
			gamma_g2: g2(&bytes[192..320])?,
			delta_g2: g2(&bytes[320..448])?,
			gamma_abc_g1: ic.chunks_exact(G1_BYTES).map(g1).collect::<Result<_, _>>()?,
		})
	}

	/// Decodes and fully checks a key: every point on the curve and in its subgroup, and
	/// α, β, γ, δ not the identity (an identity γ or δ lets anyone forge proofs).
	pub fn from_bytes(bytes: &[u8]) -> Result<Self, VerifyError> {
		let vk = Self::decode_unchecked(bytes)?;
		let fault = |f| match f {
			points::Fault::NotOnCurve => VerifyError::KeyPointNotOnCurve,
			points::Fault::NotInSubgroup => VerifyError::KeyPointNotInSubgroup,
		};
		points::check_g1(&vk.alpha_g1).map_err(fault)?;
		for g2 in [&vk.beta_g2, &vk.gamma_g2, &vk.delta_g2] {
			points::check_g2(g2).map_err(fault)?;
		}
		for ic in &vk.gamma_abc_g1 {
			points::check_g1(ic).map_err(fault)?;
		}
		if vk.alpha_g1.is_zero()
			|| vk.beta_g2.is_zero()
			|| vk.gamma_g2.is_zero()
			|| vk.delta_g2.is_zero()
		{
			return Err(VerifyError::DegenerateKey);
		}
		Ok(vk)
	}
}

/// A key ready to verify: e(α, β) computed and −γ, −δ prepared for the Miller loop.
#[derive(Clone, Debug)]
pub struct PreparedKey {
	vk: VerifyingKey,
	alpha_beta: PairingOutput<Bn254>,
	gamma_neg: <Bn254 as Pairing>::G2Prepared,
	delta_neg: <Bn254 as Pairing>::G2Prepared,
}

/// Registration step: decode, check every point, precompute e(α, β). Run once when the
/// council registers a key; store [`PreparedKey::to_stored`].
pub fn validate_vk(bytes: &[u8]) -> Result<PreparedKey, VerifyError> {
	let vk = VerifyingKey::from_bytes(bytes)?;
	let alpha_beta = Bn254::pairing(vk.alpha_g1, vk.beta_g2);
	Ok(PreparedKey::assemble(vk, alpha_beta))
}

impl PreparedKey {
	fn assemble(vk: VerifyingKey, alpha_beta: PairingOutput<Bn254>) -> Self {
		let gamma_neg = (-vk.gamma_g2).into();
		let delta_neg = (-vk.delta_g2).into();
		Self { vk, alpha_beta, gamma_neg, delta_neg }
	}

	/// The underlying key.
	pub fn verifying_key(&self) -> &VerifyingKey {
		&self.vk
	}

	/// Public inputs this key verifies.
	pub fn public_input_count(&self) -> usize {
		self.vk.public_input_count()
	}

	/// e(α, β).
	pub(crate) fn alpha_beta(&self) -> &PairingOutput<Bn254> {
		&self.alpha_beta
	}

	/// −γ and −δ, prepared.
	pub(crate) fn neg_gamma_delta(
		&self,
	) -> (&<Bn254 as Pairing>::G2Prepared, &<Bn254 as Pairing>::G2Prepared) {
		(&self.gamma_neg, &self.delta_neg)
	}

	/// Storage form: `version (1) ‖ VerifyingKey bytes ‖ e(α, β) (Fq12, 384 bytes
	/// uncompressed, arkworks order)`.
	pub fn to_stored(&self) -> PreparedKeyBytes {
		let mut out = Vec::with_capacity(MAX_PREPARED_KEY_BYTES);
		out.push(STORED_KEY_VERSION);
		out.extend_from_slice(&self.vk.to_bytes());
		let start = out.len();
		out.resize(start + FQ12_BYTES, 0);
		// Writing a field element into a buffer of exactly its size cannot fail.
		let _ = self.alpha_beta.0.serialize_with_mode(&mut out[start..], Compress::No);
		PreparedKeyBytes(out)
	}

	/// Decodes a stored key without re-running the registration checks (they ran once in
	/// [`validate_vk`]); malformed bytes are still an error, never a panic.
	pub fn from_stored(bytes: &[u8]) -> Result<Self, VerifyError> {
		let (version, rest) = bytes.split_first().ok_or(VerifyError::MalformedKey)?;
		if *version != STORED_KEY_VERSION || rest.len() < FQ12_BYTES {
			return Err(VerifyError::MalformedKey);
		}
		let (vk_bytes, ab_bytes) = rest.split_at(rest.len() - FQ12_BYTES);
		let vk = VerifyingKey::decode_unchecked(vk_bytes)?;
		let alpha_beta = Fq12::deserialize_with_mode(ab_bytes, Compress::No, Validate::No)
			.map_err(|_| VerifyError::MalformedKey)?;
		Ok(Self::assemble(vk, PairingOutput(alpha_beta)))
	}
}

/// Declares a byte-vector newtype whose SCALE decoding refuses more than `$max` bytes, so a
/// call argument or storage value can never be larger than its `MaxEncodedLen`.
macro_rules! bounded_bytes {
	($(#[$doc:meta])* $name:ident, $max:expr) => {
		$(#[$doc])*
		#[derive(Clone, Debug, PartialEq, Eq, Encode, TypeInfo)]
		pub struct $name(Vec<u8>);

		impl $name {
			/// Most bytes this type holds.
			pub const MAX_LEN: usize = $max;

			/// Wraps `bytes`, `None` if longer than [`Self::MAX_LEN`].
			pub fn new(bytes: Vec<u8>) -> Option<Self> {
				(bytes.len() <= Self::MAX_LEN).then_some(Self(bytes))
			}

			/// The bytes.
			pub fn as_bytes(&self) -> &[u8] {
				&self.0
			}

			/// The bytes, owned.
			pub fn into_inner(self) -> Vec<u8> {
				self.0
			}
		}

		impl Decode for $name {
			fn decode<I: Input>(input: &mut I) -> Result<Self, codec::Error> {
				let len = codec::Compact::<u32>::decode(input)?.0 as usize;
				if len > Self::MAX_LEN {
					return Err("byte vector longer than its bound".into());
				}
				let mut bytes = alloc::vec![0u8; len];
				input.read(&mut bytes)?;
				Ok(Self(bytes))
			}
		}

		impl DecodeWithMemTracking for $name {}

		impl MaxEncodedLen for $name {
			fn max_encoded_len() -> usize {
				codec::Compact::<u32>::max_encoded_len() + Self::MAX_LEN
			}
		}
	};
}

bounded_bytes!(
	/// A verifying key as submitted for registration ([`VerifyingKey`] encoding).
	VerifyingKeyBytes,
	MAX_VK_BYTES
);
bounded_bytes!(
	/// A validated key as kept in storage ([`PreparedKey::to_stored`]).
	PreparedKeyBytes,
	MAX_PREPARED_KEY_BYTES
);

/// Point encoding and checks shared by keys and proofs.
pub(crate) mod points {
	use super::*;

	/// Why a decoded point was refused.
	pub(crate) enum Fault {
		NotOnCurve,
		NotInSubgroup,
	}

	/// Decodes an uncompressed G1 point without curve checks; `None` on bad length,
	/// coordinates >= p or bad flags.
	pub(crate) fn read_g1(bytes: &[u8]) -> Option<G1Affine> {
		(bytes.len() == G1_BYTES).then_some(())?;
		G1Affine::deserialize_with_mode(bytes, Compress::No, Validate::No).ok()
	}

	/// Decodes an uncompressed G2 point without curve checks.
	pub(crate) fn read_g2(bytes: &[u8]) -> Option<G2Affine> {
		(bytes.len() == G2_BYTES).then_some(())?;
		G2Affine::deserialize_with_mode(bytes, Compress::No, Validate::No).ok()
	}

	/// Writes an uncompressed G1 point into exactly 64 bytes.
	pub(crate) fn write_g1(point: &G1Affine, out: &mut [u8]) {
		let _ = point.serialize_with_mode(out, Compress::No);
	}

	/// Writes an uncompressed G2 point into exactly 128 bytes.
	pub(crate) fn write_g2(point: &G2Affine, out: &mut [u8]) {
		let _ = point.serialize_with_mode(out, Compress::No);
	}

	/// On the curve (G1's cofactor is 1, so that is also subgroup membership).
	pub(crate) fn check_g1(point: &G1Affine) -> Result<(), Fault> {
		if !point.is_on_curve() {
			return Err(Fault::NotOnCurve);
		}
		if !point.is_in_correct_subgroup_assuming_on_curve() {
			return Err(Fault::NotInSubgroup);
		}
		Ok(())
	}

	/// On the twist and in the order-r subgroup.
	pub(crate) fn check_g2(point: &G2Affine) -> Result<(), Fault> {
		if !point.is_on_curve() {
			return Err(Fault::NotOnCurve);
		}
		if !point.is_in_correct_subgroup_assuming_on_curve() {
			return Err(Fault::NotInSubgroup);
		}
		Ok(())
	}
}
