//! An EID and its commitment salt, sealed by the subscriber's device to the operator's receipt
//! key: the operator, and nobody else reading the chain, learns which eUICC to bind the profile
//! to, and checks it against the commitment the subscriber's identity holds.
//!
//! The receipt key is Ed25519 (it signs provisioning receipts). The opening is sealed to its
//! X25519 form — the birational map from Edwards to Montgomery form, as libsodium's
//! `crypto_sign_ed25519_pk_to_curve25519` and age's ssh-ed25519 recipients use — with the ECIES
//! of [`crate::sealed`], so the chain keeps one key per operator. Signing and this KEM under one
//! key stay secure together (Thormarker, "On using the same key pair for Ed25519 and an X25519
//! based KEM", IACR ePrint 2021/509).
//!
//! - HKDF info: [`INFO`];
//! - associated data: `genesis_hash ‖ entitlement (u32 LE) ‖ commitment`, so an opening copied
//!   to another chain, entitlement or commitment does not open;
//! - plaintext: the EID's 32 ASCII digits ‖ the 32-byte salt.

use crate::{
	sealed::{open_bytes, seal_bytes, SealedError, OVERHEAD},
	Eid,
};
use ed25519_dalek::{SigningKey, VerifyingKey};
use rand_core::{CryptoRng, RngCore};
use x25519_dalek::{PublicKey, StaticSecret};

/// HKDF info: what the derived key is for, and the version of this format.
pub const INFO: &[u8] = b"gesim/eid-opening/v1";
/// Length of every sealed EID opening: 32 digits, a 32-byte salt and the ECIES overhead.
pub const SEALED_LEN: usize = 64 + OVERHEAD;

/// An EID and the salt of its commitment.
#[derive(Clone, PartialEq, Eq)]
pub struct EidOpening {
	/// The eUICC's EID.
	pub eid: Eid,
	/// The commitment's salt (a field element, little-endian).
	pub salt: [u8; 32],
}

impl core::fmt::Debug for EidOpening {
	// The salt is what keeps the EID private: keep it out of logs.
	fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
		f.debug_struct("EidOpening").field("eid", &self.eid).finish_non_exhaustive()
	}
}

/// What an opening is bound to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OpeningContext<'a> {
	/// The chain's genesis hash.
	pub genesis_hash: &'a [u8; 32],
	/// The entitlement the profile is ordered for.
	pub entitlement: u32,
	/// The EID commitment the subscriber's identity holds.
	pub commitment: &'a [u8; 32],
}

impl OpeningContext<'_> {
	fn associated_data(&self) -> [u8; 68] {
		let mut aad = [0u8; 68];
		aad[..32].copy_from_slice(self.genesis_hash);
		aad[32..36].copy_from_slice(&self.entitlement.to_le_bytes());
		aad[36..].copy_from_slice(self.commitment);
		aad
	}
}

/// Seals `opening` to the operator whose Ed25519 receipt key is `receipt_key`.
pub fn seal<R: RngCore + CryptoRng>(
	receipt_key: &[u8; 32],
	context: OpeningContext<'_>,
	opening: &EidOpening,
	rng: &mut R,
) -> Result<Vec<u8>, SealedError> {
	let recipient =
		VerifyingKey::from_bytes(receipt_key).map_err(|_| SealedError::NotAnEd25519Key)?;
	let recipient = PublicKey::from(recipient.to_montgomery().to_bytes());
	let mut plaintext = [0u8; 64];
	plaintext[..32].copy_from_slice(opening.eid.as_str().as_bytes());
	plaintext[32..].copy_from_slice(&opening.salt);
	seal_bytes(&recipient, INFO, &context.associated_data(), &plaintext, SEALED_LEN, rng)
}

/// Opens a sealed EID opening with the receipt key's secret seed.
pub fn open(
	receipt_seed: &[u8; 32],
	context: OpeningContext<'_>,
	sealed: &[u8],
) -> Result<EidOpening, SealedError> {
	let secret = StaticSecret::from(SigningKey::from_bytes(receipt_seed).to_scalar_bytes());
	let plaintext = open_bytes(&secret, INFO, &context.associated_data(), sealed)?;
	let malformed = |reason: String| SealedError::MalformedEnvelope(reason);
	if plaintext.len() != 64 {
		return Err(malformed(format!("an EID opening is 64 bytes, not {}", plaintext.len())));
	}
	let eid = core::str::from_utf8(&plaintext[..32])
		.map_err(|_| malformed("the EID is not text".into()))
		.and_then(|digits| Eid::parse(digits).map_err(|e| malformed(e.to_string())))?;
	let salt = plaintext[32..].try_into().expect("64 bytes checked above; qed");
	Ok(EidOpening { eid, salt })
}

#[cfg(test)]
mod tests {
	use super::*;
	use rand_chacha::{rand_core::SeedableRng, ChaCha20Rng};

	const SEED: [u8; 32] = [0x42; 32];
	const GENESIS: [u8; 32] = [0x11; 32];
	const COMMITMENT: [u8; 32] = [0xC0; 32];

	fn receipt_key() -> [u8; 32] {
		SigningKey::from_bytes(&SEED).verifying_key().to_bytes()
	}

	fn context() -> OpeningContext<'static> {
		OpeningContext { genesis_hash: &GENESIS, entitlement: 7, commitment: &COMMITMENT }
	}

	fn opening() -> EidOpening {
		EidOpening {
			eid: Eid::parse("89049032000001000000000000000017").unwrap(),
			salt: [0x5A; 32],
		}
	}

	fn sealed() -> Vec<u8> {
		seal(&receipt_key(), context(), &opening(), &mut ChaCha20Rng::seed_from_u64(1)).unwrap()
	}

	#[test]
	fn opens_with_the_receipt_key_for_the_same_chain_entitlement_and_commitment() {
		let sealed = sealed();
		assert_eq!(sealed.len(), SEALED_LEN);
		assert_eq!(open(&SEED, context(), &sealed).unwrap(), opening());
	}

	#[test]
	fn the_x25519_forms_of_the_key_pair_agree() {
		// What the device seals to is the public half of what the gateway opens with.
		let from_secret =
			PublicKey::from(&StaticSecret::from(SigningKey::from_bytes(&SEED).to_scalar_bytes()));
		let from_public =
			VerifyingKey::from_bytes(&receipt_key()).unwrap().to_montgomery().to_bytes();
		assert_eq!(from_secret.to_bytes(), from_public);
	}

	#[test]
	fn refuses_another_key_chain_entitlement_or_commitment() {
		let sealed = sealed();
		assert_eq!(open(&[0x43; 32], context(), &sealed), Err(SealedError::Unauthentic));
		let other_chain = OpeningContext { genesis_hash: &[0x12; 32], ..context() };
		assert_eq!(open(&SEED, other_chain, &sealed), Err(SealedError::Unauthentic));
		let other_entitlement = OpeningContext { entitlement: 8, ..context() };
		assert_eq!(open(&SEED, other_entitlement, &sealed), Err(SealedError::Unauthentic));
		let other_commitment = OpeningContext { commitment: &[0xC1; 32], ..context() };
		assert_eq!(open(&SEED, other_commitment, &sealed), Err(SealedError::Unauthentic));
	}

	#[test]
	fn refuses_altered_or_short_bytes() {
		let sealed = sealed();
		for at in [0, 40, 70, SEALED_LEN - 1] {
			let mut altered = sealed.clone();
			altered[at] ^= 0x80;
			assert_eq!(
				open(&SEED, context(), &altered),
				Err(SealedError::Unauthentic),
				"byte {at}"
			);
		}
		assert_eq!(
			open(&SEED, context(), &sealed[..OVERHEAD - 1]),
			Err(SealedError::Truncated { len: OVERHEAD - 1 })
		);
	}

	#[test]
	fn refuses_a_receipt_key_that_is_no_curve_point_or_of_low_order() {
		// y = 2 is not the y-coordinate of any point on the curve.
		let mut not_a_point = [0u8; 32];
		not_a_point[0] = 2;
		let mut rng = ChaCha20Rng::seed_from_u64(1);
		assert_eq!(
			seal(&not_a_point, context(), &opening(), &mut rng),
			Err(SealedError::NotAnEd25519Key)
		);
		// The identity point (y = 1) has order 1: its X25519 form shares no secret.
		let mut identity = [0u8; 32];
		identity[0] = 1;
		assert_eq!(
			seal(&identity, context(), &opening(), &mut rng),
			Err(SealedError::NonContributory)
		);
	}

	#[test]
	fn refuses_an_opening_that_is_not_an_eid_and_salt() {
		// Sealed correctly by someone, but not in this format: the gateway must not guess.
		let recipient = PublicKey::from(
			VerifyingKey::from_bytes(&receipt_key()).unwrap().to_montgomery().to_bytes(),
		);
		let mut rng = ChaCha20Rng::seed_from_u64(1);
		let short = seal_bytes(
			&recipient,
			INFO,
			&context().associated_data(),
			&[b'8'; 40],
			SEALED_LEN,
			&mut rng,
		)
		.unwrap();
		assert!(matches!(open(&SEED, context(), &short), Err(SealedError::MalformedEnvelope(_))));
		let letters = seal_bytes(
			&recipient,
			INFO,
			&context().associated_data(),
			&[b'A'; 64],
			SEALED_LEN,
			&mut rng,
		)
		.unwrap();
		assert!(matches!(open(&SEED, context(), &letters), Err(SealedError::MalformedEnvelope(_))));
	}
}
