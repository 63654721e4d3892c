//! The operator's two keys, read from files (a flag would put them in `ps` and shell history),
//! and the per-order secrets derived from the receipt key.
//!
//! - The **transaction key** (sr25519) is the operator's account: it pays for and signs the
//!   extrinsics carrying receipts.
//! - The **receipt key** (Ed25519) is the SM-DP+ receipt key registered in the telco registry: it
//!   signs each receipt. Its secret also keys BLAKE2b to derive, per chain and order, the ICCID
//!   commitment salt, the matching id and the confirmation code. Derived rather than stored, they
//!   survive a lost file, and a repeated ES2+ call after a crash is the same call.

use blake2::{
	digest::{consts::U32, KeyInit, Mac},
	Blake2bMac,
};
use codec::Encode;
use gesim_chain_client::keys::describe_secret_error;
use gesim_esim_protocol::{
	eid_opening::{self, EidOpening, OpeningContext},
	sealed::SealedError,
	MatchingId,
};
use gesim_primitives::OrderId;
use gesim_runtime::AccountId;
use pallet_esim_provisioning::{
	receipt_payload, Receipt, ReceiptKey as ReceiptPublic, ReceiptSignature,
};
use sp_core::{crypto::Ss58Codec, ed25519, sr25519, Pair, H256};
use std::{
	os::unix::fs::PermissionsExt,
	path::{Path, PathBuf},
};

/// Domain of the ICCID commitment salt.
pub const ICCID_SALT_DOMAIN: &[u8] = b"gesim/iccid-salt";
/// Domain of the matching id.
pub const MATCHING_ID_DOMAIN: &[u8] = b"gesim/matching-id";
/// Domain of the confirmation code.
pub const CONFIRMATION_CODE_DOMAIN: &[u8] = b"gesim/confirmation-code";

/// Characters of a derived matching id: RFC 4648 base32, upper case, so it reads back from a
/// printed QR code and stays within `[0-9A-Za-z-]`.
const MATCHING_ID_ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
/// Characters of a derived matching id: 100 bits.
pub const MATCHING_ID_LEN: usize = 20;
/// Digits of a derived confirmation code.
pub const CONFIRMATION_CODE_DIGITS: u32 = 8;

/// Why a key file is unusable. Never carries the secret.
#[derive(Debug, thiserror::Error)]
pub enum KeyError {
	/// The file cannot be read.
	#[error("key file {}: {source}", file.display())]
	Io {
		/// The file.
		file: PathBuf,
		/// The OS error.
		source: std::io::Error,
	},
	/// The file holds no secret seed or SURI the scheme accepts.
	#[error("key file {}: not a {scheme} secret seed (0x + 64 hex digits) or SURI (`//Alice`, a mnemonic): {reason}", file.display())]
	Malformed {
		/// The file.
		file: PathBuf,
		/// `sr25519` or `ed25519`.
		scheme: &'static str,
		/// What the parser said.
		reason: String,
	},
}

/// Reads a secret (seed or SURI) from `file`, warning if others may read it.
fn read_secret(file: &Path) -> Result<String, KeyError> {
	let io = |source| KeyError::Io { file: file.to_owned(), source };
	let text = std::fs::read_to_string(file).map_err(io)?;
	let mode = std::fs::metadata(file).map_err(io)?.permissions().mode();
	if mode & 0o077 != 0 {
		tracing::warn!(file = %file.display(), "key file is readable by group or others: chmod 600 it");
	}
	Ok(text.trim().to_owned())
}

/// The operator's account key (sr25519): signs the extrinsics that carry receipts.
#[derive(Clone)]
pub struct TransactionKey(sr25519::Pair);

impl TransactionKey {
	/// Reads the key from a file holding a secret seed or a SURI.
	pub fn from_file(file: &Path) -> Result<Self, KeyError> {
		let secret = read_secret(file)?;
		Self::from_suri(&secret).map_err(|reason| KeyError::Malformed {
			file: file.to_owned(),
			scheme: "sr25519",
			reason,
		})
	}

	/// The key of a secret seed or SURI.
	pub fn from_suri(suri: &str) -> Result<Self, String> {
		sr25519::Pair::from_string(suri, None).map(Self).map_err(describe_secret_error)
	}

	/// The operator's account.
	pub fn account(&self) -> AccountId {
		self.0.public().into()
	}

	/// The account in SS58 form (generic prefix 42), as the node's RPC takes it.
	pub fn ss58(&self) -> String {
		self.account().to_ss58check()
	}

	/// The key pair, which signs the operator's extrinsics.
	pub fn pair(&self) -> &sr25519::Pair {
		&self.0
	}
}

/// The SM-DP+ receipt key (Ed25519) the telco registry holds for the operator.
#[derive(Clone)]
pub struct ReceiptKey(ed25519::Pair);

impl ReceiptKey {
	/// Reads the key from a file holding a secret seed or a SURI.
	pub fn from_file(file: &Path) -> Result<Self, KeyError> {
		let secret = read_secret(file)?;
		Self::from_suri(&secret).map_err(|reason| KeyError::Malformed {
			file: file.to_owned(),
			scheme: "ed25519",
			reason,
		})
	}

	/// The key of a secret seed or SURI.
	pub fn from_suri(suri: &str) -> Result<Self, String> {
		ed25519::Pair::from_string(suri, None).map(Self).map_err(describe_secret_error)
	}

	/// The public key, as registered on chain.
	pub fn public(&self) -> ReceiptPublic {
		self.0.public().0
	}

	/// Signs `receipt` for `order` on the chain of `genesis`.
	pub fn sign_receipt(
		&self,
		genesis: &H256,
		order: OrderId,
		receipt: &Receipt,
	) -> ReceiptSignature {
		self.0.sign(&receipt_payload(genesis, order, receipt)).0
	}

	/// Opens the EID opening a subscriber's device sealed to this key for an order.
	pub fn open_eid(
		&self,
		context: OpeningContext<'_>,
		sealed: &[u8],
	) -> Result<EidOpening, SealedError> {
		eid_opening::open(&self.0.seed(), context, sealed)
	}

	/// Keyed BLAKE2b-256 of `(domain, genesis, order)`, SCALE-encoded (the domain is
	/// length-prefixed, so no two inputs collide).
	fn derive(&self, domain: &[u8], genesis: &H256, order: OrderId) -> [u8; 32] {
		let mut mac = <Blake2bMac<U32> as KeyInit>::new_from_slice(&self.0.seed())
			.expect("a 32-byte key is within BLAKE2b's 64; qed");
		mac.update(&(domain, genesis, order).encode());
		mac.finalize().into_bytes().into()
	}

	/// Salt of the ICCID commitment of `order`.
	pub fn iccid_salt(&self, genesis: &H256, order: OrderId) -> [u8; 32] {
		self.derive(ICCID_SALT_DOMAIN, genesis, order)
	}

	/// Matching id of `order`: [`MATCHING_ID_LEN`] upper-case base32 characters.
	pub fn matching_id(&self, genesis: &H256, order: OrderId) -> MatchingId {
		let bytes = self.derive(MATCHING_ID_DOMAIN, genesis, order);
		let bits = u128::from_be_bytes(bytes[..16].try_into().expect("16 of 32 bytes; qed"));
		let id: String = (0..MATCHING_ID_LEN)
			.map(|i| char::from(MATCHING_ID_ALPHABET[((bits >> (123 - 5 * i)) & 0x1F) as usize]))
			.collect();
		MatchingId::parse(&id).expect("base32 upper case is within [0-9A-Za-z-]; qed")
	}

	/// Confirmation code of `order`: [`CONFIRMATION_CODE_DIGITS`] decimal digits.
	pub fn confirmation_code(&self, genesis: &H256, order: OrderId) -> String {
		let bytes = self.derive(CONFIRMATION_CODE_DOMAIN, genesis, order);
		let n = u64::from_be_bytes(bytes[..8].try_into().expect("8 of 32 bytes; qed"));
		let digits = CONFIRMATION_CODE_DIGITS as usize;
		format!("{:0digits$}", n % 10u64.pow(CONFIRMATION_CODE_DIGITS))
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	fn alice() -> ReceiptKey {
		ReceiptKey::from_suri("//Alice").unwrap()
	}

	#[test]
	fn derivations_are_stable_per_chain_and_order_and_differ_otherwise() {
		let key = alice();
		let genesis = H256::repeat_byte(1);
		assert_eq!(key.iccid_salt(&genesis, 7), alice().iccid_salt(&genesis, 7));
		assert_ne!(key.iccid_salt(&genesis, 7), key.iccid_salt(&genesis, 8));
		assert_ne!(key.iccid_salt(&genesis, 7), key.iccid_salt(&H256::repeat_byte(2), 7));
		assert_ne!(
			key.iccid_salt(&genesis, 7),
			ReceiptKey::from_suri("//Bob").unwrap().iccid_salt(&genesis, 7)
		);
		assert_eq!(key.matching_id(&genesis, 7), key.matching_id(&genesis, 7));
		assert_ne!(key.matching_id(&genesis, 7), key.matching_id(&genesis, 8));
		// Domains separate the outputs even for the same order.
		assert_ne!(
			key.derive(ICCID_SALT_DOMAIN, &genesis, 7),
			key.derive(MATCHING_ID_DOMAIN, &genesis, 7)
		);
	}

	#[test]
	fn matching_id_is_upper_case_base32_of_fixed_length() {
		let key = alice();
		for order in 0..200 {
			let id = key.matching_id(&H256::zero(), order);
			assert_eq!(id.as_str().len(), MATCHING_ID_LEN);
			assert!(
				id.as_str()
					.bytes()
					.all(|b| b.is_ascii_uppercase() || (b'2'..=b'7').contains(&b)),
				"{id}"
			);
		}
	}

	#[test]
	fn confirmation_code_is_eight_digits() {
		let key = alice();
		for order in 0..200 {
			let code = key.confirmation_code(&H256::zero(), order);
			assert_eq!(code.len(), 8);
			assert!(code.bytes().all(|b| b.is_ascii_digit()));
		}
	}

	#[test]
	fn receipt_signature_verifies_over_the_pallet_payload() {
		let key = alice();
		let genesis = H256::repeat_byte(9);
		let receipt = Receipt::Downloaded;
		let signature = key.sign_receipt(&genesis, 3, &receipt);
		assert!(ed25519::Pair::verify(
			&ed25519::Signature::from_raw(signature),
			receipt_payload(&genesis, 3, &receipt),
			&ed25519::Public::from_raw(key.public()),
		));
		assert!(!ed25519::Pair::verify(
			&ed25519::Signature::from_raw(signature),
			receipt_payload(&genesis, 4, &receipt),
			&ed25519::Public::from_raw(key.public()),
		));
	}

	#[test]
	fn key_files_take_a_suri_or_a_seed_and_errors_hide_the_secret() {
		let dir = tempfile::tempdir().unwrap();
		let suri = dir.path().join("tx.key");
		std::fs::write(&suri, "//Alice\n").unwrap();
		assert_eq!(
			TransactionKey::from_file(&suri).unwrap().account(),
			sr25519::Pair::from_string("//Alice", None).unwrap().public().into()
		);
		let seed = dir.path().join("receipt.key");
		std::fs::write(&seed, format!("0x{}", "11".repeat(32))).unwrap();
		assert_eq!(
			ReceiptKey::from_file(&seed).unwrap().public(),
			ed25519::Pair::from_seed(&[0x11; 32]).public().0
		);
		let bad = dir.path().join("bad.key");
		std::fs::write(&bad, "not-a-secret-word").unwrap();
		let error = ReceiptKey::from_file(&bad).err().unwrap().to_string();
		assert!(error.contains("bad.key") && !error.contains("not-a-secret-word"), "{error}");
	}
}
