//! An activation code sealed to a device, as it travels on chain.
//!
//! The scheme is sp-statement-store's ECIES (x25519 ECDH with an ephemeral key, HKDF-SHA256
//! over `shared ‖ ephemeral_pk` without salt, AES-256-GCM, output `ephemeral_pk ‖ nonce ‖
//! ciphertext`), with two changes so a sealed code means one thing only:
//! - the HKDF info is [`INFO`], so keys derived here never equal keys derived for another purpose
//!   from the same ECDH;
//! - the AEAD associated data is `genesis_hash ‖ order_id (u64 LE)`, so a sealed code copied to
//!   another chain or another order does not open.
//!
//! A low-order (non-contributory) shared secret is refused on both sides: it would make the
//! key predictable to anyone.

use crate::{ActivationCode, ActivationCodeError, Iccid, IdError};
use aes_gcm::{
	aead::{Aead, Payload},
	Aes256Gcm, KeyInit, Nonce,
};
use blake2::{digest::consts::U32, Blake2b, Digest};
use rand_core::{CryptoRng, RngCore};
use serde::{Deserialize, Serialize};
use x25519_dalek::{PublicKey, StaticSecret};

/// HKDF info: what the derived key is for, and the version of this format.
pub const INFO: &[u8] = b"gesim/activation-code/v1";
/// Largest sealed activation code the chain stores.
pub const MAX_SEALED_LEN: usize = 512;
/// Domain separator of [`iccid_commitment`].
pub const ICCID_COMMITMENT_DOMAIN: &[u8] = b"gesim/iccid/v1";

const PK_LEN: usize = 32;
const NONCE_LEN: usize = 12;
const TAG_LEN: usize = 16;
/// Bytes a sealed code adds to its plaintext.
pub const OVERHEAD: usize = PK_LEN + NONCE_LEN + TAG_LEN;

/// Why sealing or opening failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SealedError {
	/// The sealed form would exceed what the chain stores.
	#[error("sealed form would be {len} bytes; the chain stores at most {max}")]
	TooLong {
		/// Length the sealed form would have.
		len: usize,
		/// What the chain stores.
		max: usize,
	},
	/// The operator's receipt key is not an Ed25519 public key (not a point of the curve).
	#[error("the receipt key is not an Ed25519 public key")]
	NotAnEd25519Key,
	/// A low-order key made the shared secret predictable.
	#[error(
		"the recipient's key or the ephemeral key is of low order (non-contributory key agreement)"
	)]
	NonContributory,
	/// Shorter than an ephemeral key, a nonce and a tag.
	#[error("sealed data is {len} bytes, shorter than the {OVERHEAD}-byte minimum")]
	Truncated {
		/// Length received.
		len: usize,
	},
	/// Authentication failed: another recipient's key, another chain or order (entitlement),
	/// or altered bytes. AES-GCM cannot tell these apart.
	#[error(
		"sealed data does not open: not sealed to this key for this chain and order, or altered"
	)]
	Unauthentic,
	/// Opened, but the plaintext is not what was expected (an activation envelope, an EID
	/// opening).
	#[error("opened data is malformed: {0}")]
	MalformedEnvelope(String),
	/// The envelope to seal holds an invalid activation code.
	#[error("activation code in the envelope is invalid: {0}")]
	InvalidActivationCode(#[from] ActivationCodeError),
	/// The envelope to seal holds an invalid ICCID.
	#[error("ICCID in the envelope is invalid: {0}")]
	InvalidIccid(#[from] IdError),
	/// AES-GCM refused to encrypt (not expected for inputs this small).
	#[error("AES-GCM encryption failed")]
	Encryption,
}

/// What a device needs to install its profile, sealed to it on chain.
///
/// JSON: `{"activationCode", "iccid", "iccidSalt" (hex), "confirmationCode"?}`.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ActivationEnvelope {
	/// `LPA:1$…`.
	pub activation_code: String,
	/// ICCID digits of the profile.
	pub iccid: String,
	/// Salt of the ICCID commitment stored on chain.
	#[serde(with = "hex_32")]
	pub iccid_salt: [u8; 32],
	/// Code to type on the device, when the order has one.
	#[serde(default, skip_serializing_if = "Option::is_none")]
	pub confirmation_code: Option<String>,
}

impl ActivationEnvelope {
	/// An envelope from checked parts.
	pub fn new(
		activation_code: &ActivationCode,
		iccid: &Iccid,
		iccid_salt: [u8; 32],
		confirmation_code: Option<String>,
	) -> Self {
		Self {
			activation_code: activation_code.to_string(),
			iccid: iccid.digits().to_owned(),
			iccid_salt,
			confirmation_code,
		}
	}

	/// The parsed activation code.
	pub fn parsed_activation_code(&self) -> Result<ActivationCode, ActivationCodeError> {
		self.activation_code.parse()
	}

	/// The parsed ICCID.
	pub fn parsed_iccid(&self) -> Result<Iccid, IdError> {
		self.iccid.parse()
	}

	/// Whether the ICCID and salt are those the chain committed to.
	pub fn matches_commitment(&self, commitment: &[u8; 32]) -> bool {
		self.parsed_iccid()
			.is_ok_and(|iccid| iccid_commitment(&iccid, &self.iccid_salt) == *commitment)
	}
}

impl core::fmt::Debug for ActivationEnvelope {
	// The activation code and confirmation code are secrets: keep them out of logs.
	fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
		f.debug_struct("ActivationEnvelope")
			.field("iccid", &self.iccid)
			.field("activation_code", &"<redacted>")
			.field("confirmation_code", &self.confirmation_code.as_ref().map(|_| "<redacted>"))
			.finish_non_exhaustive()
	}
}

mod hex_32 {
	use serde::{de, Deserialize, Deserializer, Serializer};

	pub fn serialize<S: Serializer>(bytes: &[u8; 32], s: S) -> Result<S::Ok, S::Error> {
		s.serialize_str(&hex::encode(bytes))
	}

	pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<[u8; 32], D::Error> {
		let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
		let mut out = [0u8; 32];
		hex::decode_to_slice(s.as_bytes(), &mut out).map_err(de::Error::custom)?;
		Ok(out)
	}
}

/// A device's X25519 key, registered on chain by the device's account.
pub struct DeviceKey(StaticSecret);

impl DeviceKey {
	/// A fresh key.
	pub fn generate<R: RngCore + CryptoRng>(rng: &mut R) -> Self {
		Self(StaticSecret::random_from_rng(rng))
	}

	/// A key from its 32 secret bytes (clamped by X25519 when used).
	pub fn from_bytes(secret: [u8; 32]) -> Self {
		Self(StaticSecret::from(secret))
	}

	/// The 32 secret bytes, to store the key.
	pub fn to_bytes(&self) -> [u8; 32] {
		self.0.to_bytes()
	}

	/// The public key to register on chain.
	pub fn public_key(&self) -> [u8; 32] {
		PublicKey::from(&self.0).to_bytes()
	}
}

/// Seals `envelope` to the device key `device_pk`, bound to the chain and the order.
pub fn seal<R: RngCore + CryptoRng>(
	device_pk: &[u8; 32],
	genesis_hash: &[u8; 32],
	order_id: u64,
	envelope: &ActivationEnvelope,
	rng: &mut R,
) -> Result<Vec<u8>, SealedError> {
	envelope.parsed_activation_code()?;
	envelope.parsed_iccid()?;
	let plaintext = serde_json::to_vec(envelope).expect("an envelope always serializes; qed");
	let aad = associated_data(genesis_hash, order_id);
	seal_bytes(&PublicKey::from(*device_pk), INFO, &aad, &plaintext, MAX_SEALED_LEN, rng)
}

/// Opens a sealed activation code with the device's key, for this chain and order.
pub fn open(
	device_secret: &DeviceKey,
	genesis_hash: &[u8; 32],
	order_id: u64,
	sealed: &[u8],
) -> Result<ActivationEnvelope, SealedError> {
	let aad = associated_data(genesis_hash, order_id);
	let plaintext = open_bytes(&device_secret.0, INFO, &aad, sealed)?;
	serde_json::from_slice(&plaintext).map_err(|e| SealedError::MalformedEnvelope(e.to_string()))
}

/// ECIES as described above: `ephemeral_pk ‖ nonce ‖ AES-256-GCM(plaintext, aad)` with the key
/// from HKDF-SHA256(`shared ‖ ephemeral_pk`, `info`); refused if longer than `max_len`.
pub(crate) fn seal_bytes<R: RngCore + CryptoRng>(
	recipient: &PublicKey,
	info: &[u8],
	aad: &[u8],
	plaintext: &[u8],
	max_len: usize,
	rng: &mut R,
) -> Result<Vec<u8>, SealedError> {
	let len = plaintext.len() + OVERHEAD;
	if len > max_len {
		return Err(SealedError::TooLong { len, max: max_len });
	}
	let ephemeral_sk = StaticSecret::random_from_rng(&mut *rng);
	let ephemeral_pk = PublicKey::from(&ephemeral_sk);
	let shared = ephemeral_sk.diffie_hellman(recipient);
	if !shared.was_contributory() {
		return Err(SealedError::NonContributory);
	}
	let mut nonce = [0u8; NONCE_LEN];
	rng.fill_bytes(&mut nonce);
	let ciphertext = cipher(shared.as_bytes(), ephemeral_pk.as_bytes(), info)
		.encrypt(Nonce::from_slice(&nonce), Payload { msg: plaintext, aad })
		.map_err(|_| SealedError::Encryption)?;

	let mut out = Vec::with_capacity(len);
	out.extend_from_slice(ephemeral_pk.as_bytes());
	out.extend_from_slice(&nonce);
	out.extend_from_slice(&ciphertext);
	Ok(out)
}

/// Opens what [`seal_bytes`] sealed to `secret`'s public key with the same `info` and `aad`.
pub(crate) fn open_bytes(
	secret: &StaticSecret,
	info: &[u8],
	aad: &[u8],
	sealed: &[u8],
) -> Result<Vec<u8>, SealedError> {
	if sealed.len() < OVERHEAD {
		return Err(SealedError::Truncated { len: sealed.len() });
	}
	let (ephemeral_pk, rest) = sealed.split_at(PK_LEN);
	let (nonce, ciphertext) = rest.split_at(NONCE_LEN);
	let ephemeral_pk: [u8; PK_LEN] = ephemeral_pk.try_into().expect("split at PK_LEN; qed");
	let shared = secret.diffie_hellman(&PublicKey::from(ephemeral_pk));
	if !shared.was_contributory() {
		return Err(SealedError::NonContributory);
	}
	cipher(shared.as_bytes(), &ephemeral_pk, info)
		.decrypt(Nonce::from_slice(nonce), Payload { msg: ciphertext, aad })
		.map_err(|_| SealedError::Unauthentic)
}

/// Commitment to a profile's ICCID stored on chain:
/// `BLAKE2b-256("gesim/iccid/v1" ‖ salt ‖ ICCID digits)`.
///
/// An ICCID has too little entropy (issuer prefix, sequential serials) for a plain hash: the
/// salt, known only to the operator and the device, keeps it from being brute-forced.
pub fn iccid_commitment(iccid: &Iccid, salt: &[u8; 32]) -> [u8; 32] {
	let mut hasher = Blake2b::<U32>::new();
	hasher.update(ICCID_COMMITMENT_DOMAIN);
	hasher.update(salt);
	hasher.update(iccid.digits().as_bytes());
	hasher.finalize().into()
}

fn cipher(shared: &[u8; 32], ephemeral_pk: &[u8; 32], info: &[u8]) -> Aes256Gcm {
	let mut ikm = [0u8; 64];
	ikm[..32].copy_from_slice(shared);
	ikm[32..].copy_from_slice(ephemeral_pk);
	let mut key = [0u8; 32];
	hkdf::Hkdf::<sha2::Sha256>::new(None, &ikm)
		.expand(info, &mut key)
		.expect("32 bytes is a valid HKDF-SHA256 output length; qed");
	Aes256Gcm::new(&key.into())
}

fn associated_data(genesis_hash: &[u8; 32], order_id: u64) -> [u8; 40] {
	let mut aad = [0u8; 40];
	aad[..32].copy_from_slice(genesis_hash);
	aad[32..].copy_from_slice(&order_id.to_le_bytes());
	aad
}

#[cfg(test)]
mod tests {
	use super::*;
	use rand_chacha::{rand_core::SeedableRng, ChaCha20Rng};

	const GENESIS: [u8; 32] = [0x11; 32];
	const ORDER: u64 = 42;

	fn rng() -> ChaCha20Rng {
		ChaCha20Rng::seed_from_u64(7)
	}

	fn envelope() -> ActivationEnvelope {
		ActivationEnvelope::new(
			&ActivationCode::new("localhost:8444", "GESIM-42-A1B2", None, true).unwrap(),
			&Iccid::parse("8944500102198304826").unwrap(),
			[7; 32],
			Some("5309".into()),
		)
	}

	fn sealed_for(device: &DeviceKey) -> Vec<u8> {
		seal(&device.public_key(), &GENESIS, ORDER, &envelope(), &mut rng()).unwrap()
	}

	#[test]
	fn opens_with_the_device_key_for_the_same_chain_and_order() {
		let device = DeviceKey::generate(&mut rng());
		let sealed = sealed_for(&device);
		assert_eq!(sealed.len(), serde_json::to_vec(&envelope()).unwrap().len() + OVERHEAD);
		let opened = open(&device, &GENESIS, ORDER, &sealed).unwrap();
		assert_eq!(opened, envelope());
		assert_eq!(opened.parsed_activation_code().unwrap().matching_id, "GESIM-42-A1B2");
	}

	#[test]
	fn envelope_json_field_names() {
		let json = serde_json::to_value(envelope()).unwrap();
		assert_eq!(
			json,
			serde_json::json!({
				"activationCode": "LPA:1$localhost:8444$GESIM-42-A1B2$$1",
				"iccid": "8944500102198304826",
				"iccidSalt": "0707070707070707070707070707070707070707070707070707070707070707",
				"confirmationCode": "5309"
			})
		);
		let mut without_cc = envelope();
		without_cc.confirmation_code = None;
		assert!(serde_json::to_value(without_cc).unwrap().get("confirmationCode").is_none());
	}

	#[test]
	fn refuses_another_device_key() {
		let device = DeviceKey::generate(&mut rng());
		let other = DeviceKey::from_bytes([9; 32]);
		assert_eq!(
			open(&other, &GENESIS, ORDER, &sealed_for(&device)),
			Err(SealedError::Unauthentic)
		);
	}

	#[test]
	fn refuses_another_chain() {
		let device = DeviceKey::generate(&mut rng());
		assert_eq!(
			open(&device, &[0x12; 32], ORDER, &sealed_for(&device)),
			Err(SealedError::Unauthentic)
		);
	}

	#[test]
	fn refuses_another_order() {
		let device = DeviceKey::generate(&mut rng());
		assert_eq!(
			open(&device, &GENESIS, ORDER + 1, &sealed_for(&device)),
			Err(SealedError::Unauthentic)
		);
	}

	#[test]
	fn refuses_truncated_bytes() {
		let device = DeviceKey::generate(&mut rng());
		let sealed = sealed_for(&device);
		for len in [0, PK_LEN, OVERHEAD - 1] {
			assert_eq!(
				open(&device, &GENESIS, ORDER, &sealed[..len]),
				Err(SealedError::Truncated { len })
			);
		}
		// Long enough to parse, too short to authenticate.
		assert_eq!(
			open(&device, &GENESIS, ORDER, &sealed[..sealed.len() - 1]),
			Err(SealedError::Unauthentic)
		);
	}

	#[test]
	fn refuses_any_altered_byte() {
		let device = DeviceKey::generate(&mut rng());
		let sealed = sealed_for(&device);
		// A byte in the ephemeral key, the nonce, the ciphertext and the tag.
		for at in [0, PK_LEN + 1, PK_LEN + NONCE_LEN + 3, sealed.len() - 1] {
			let mut altered = sealed.clone();
			altered[at] ^= 0x01;
			assert_eq!(
				open(&device, &GENESIS, ORDER, &altered),
				Err(SealedError::Unauthentic),
				"byte {at}"
			);
		}
	}

	#[test]
	fn refuses_low_order_keys() {
		let device = DeviceKey::generate(&mut rng());
		assert_eq!(
			seal(&[0; 32], &GENESIS, ORDER, &envelope(), &mut rng()),
			Err(SealedError::NonContributory)
		);
		let mut sealed = sealed_for(&device);
		sealed[..PK_LEN].copy_from_slice(&[0; 32]);
		assert_eq!(open(&device, &GENESIS, ORDER, &sealed), Err(SealedError::NonContributory));
	}

	#[test]
	fn refuses_to_seal_past_the_chain_bound() {
		let device = DeviceKey::generate(&mut rng());
		let mut big = envelope();
		big.confirmation_code = Some("9".repeat(MAX_SEALED_LEN));
		assert!(matches!(
			seal(&device.public_key(), &GENESIS, ORDER, &big, &mut rng()),
			Err(SealedError::TooLong { len, max: MAX_SEALED_LEN }) if len > MAX_SEALED_LEN
		));
		// The longest activation code still fits.
		let mut longest = envelope();
		let mid = "A".repeat(ActivationCode::MAX_LEN - "1$localhost:8444$$$1".len());
		longest.activation_code =
			ActivationCode::new("localhost:8444", mid, None, true).unwrap().to_string();
		let sealed = seal(&device.public_key(), &GENESIS, ORDER, &longest, &mut rng()).unwrap();
		assert!(sealed.len() <= MAX_SEALED_LEN);
	}

	#[test]
	fn refuses_to_seal_an_invalid_envelope() {
		let device = DeviceKey::generate(&mut rng());
		let mut bad_code = envelope();
		bad_code.activation_code = "LPA:2$h$A".into();
		assert!(matches!(
			seal(&device.public_key(), &GENESIS, ORDER, &bad_code, &mut rng()),
			Err(SealedError::InvalidActivationCode(_))
		));
		let mut bad_iccid = envelope();
		bad_iccid.iccid = "123".into();
		assert!(matches!(
			seal(&device.public_key(), &GENESIS, ORDER, &bad_iccid, &mut rng()),
			Err(SealedError::InvalidIccid(_))
		));
	}

	#[test]
	fn refuses_a_malformed_plaintext() {
		// Seal raw bytes with the same construction to reach the envelope parser.
		let device = DeviceKey::generate(&mut rng());
		let aad = associated_data(&GENESIS, ORDER);
		let recipient = PublicKey::from(device.public_key());
		let sealed =
			seal_bytes(&recipient, INFO, &aad, b"{\"iccid\":1}", MAX_SEALED_LEN, &mut rng())
				.unwrap();
		assert!(matches!(
			open(&device, &GENESIS, ORDER, &sealed),
			Err(SealedError::MalformedEnvelope(_))
		));
	}

	#[test]
	fn iccid_commitment_vector_and_padding_independence() {
		// Computed independently: blake2b(b"gesim/iccid/v1" + bytes([7]*32) +
		// b"8944500102198304826", digest_size=32).
		let iccid = Iccid::parse("8944500102198304826").unwrap();
		assert_eq!(
			hex::encode(iccid_commitment(&iccid, &[7; 32])),
			"f756f2e5d9f076c708cabab94585f109f61e3f24ee164934f02aaf44baf2eebd"
		);
		let padded = Iccid::parse("8944500102198304826F").unwrap();
		assert_eq!(iccid_commitment(&padded, &[7; 32]), iccid_commitment(&iccid, &[7; 32]));
		assert_ne!(iccid_commitment(&iccid, &[8; 32]), iccid_commitment(&iccid, &[7; 32]));
		let commitment = iccid_commitment(&iccid, &[7; 32]);
		assert!(envelope().matches_commitment(&commitment));
		assert!(!envelope().matches_commitment(&[0; 32]));
	}

	#[test]
	fn device_key_round_trips_its_bytes() {
		let key = DeviceKey::generate(&mut rng());
		let again = DeviceKey::from_bytes(key.to_bytes());
		assert_eq!(key.public_key(), again.public_key());
	}
}
