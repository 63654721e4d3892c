//! EID values: the 32-digit eUICC identifier and its commitment salt as field elements.

use crate::error::{Result, ZkError};
use ark_bn254::Fr;
use ark_ff::PrimeField;
use gesim_zk_verifier::{fr_from_le_bytes, fr_to_le_bytes, poseidon};

/// An EID (GSMA SGP.29: 32 decimal digits) as the integer it spells; < 10^32 < r.
pub fn parse_eid(eid: &str) -> Result<Fr> {
	if eid.len() != 32 || !eid.bytes().all(|b| b.is_ascii_digit()) {
		return Err(ZkError::Argument {
			what: "--eid",
			reason: format!("`{eid}` is not 32 decimal digits"),
		});
	}
	Ok(Fr::from_be_bytes_mod_order(&decimal_to_be(eid)))
}

/// A salt: `0x` + up to 64 hex digits (big-endian) or decimal; must be < r.
pub fn parse_salt(salt: &str) -> Result<Fr> {
	let bad = |reason: &str| ZkError::Argument { what: "--salt", reason: reason.into() };
	let be = if let Some(hex_digits) = salt.strip_prefix("0x") {
		if hex_digits.is_empty() || hex_digits.len() > 64 {
			return Err(bad("hex salt must have 1 to 64 digits"));
		}
		let padded = format!("{hex_digits:0>64}");
		hex::decode(padded).map_err(|_| bad("salt is not hex"))?
	} else {
		if salt.is_empty() || !salt.bytes().all(|b| b.is_ascii_digit()) || salt.len() > 77 {
			return Err(bad("salt must be decimal or 0x-hex"));
		}
		decimal_to_be(salt)
	};
	let mut le = [0u8; 32];
	for (d, s) in le.iter_mut().zip(be.iter().rev()) {
		*d = *s;
	}
	fr_from_le_bytes(&le).ok_or_else(|| bad("salt is not below the field modulus"))
}

/// The commitment `Poseidon2(eid, salt)` kept on the SBT.
pub fn eid_commitment(eid: Fr, salt: Fr) -> Fr {
	poseidon::hash2([eid, salt])
}

/// The commitment to `eid` under `salt` (32 little-endian bytes, below the field modulus), as
/// the chain stores it: 32 little-endian bytes.
pub fn eid_commitment_bytes(eid: &str, salt: &[u8; 32]) -> Result<[u8; 32]> {
	let salt = fr_from_le_bytes(salt).ok_or_else(|| ZkError::Argument {
		what: "salt",
		reason: "the salt is not below the field modulus".into(),
	})?;
	Ok(fr_to_le_bytes(&eid_commitment(parse_eid(eid)?, salt)))
}

/// Decimal digits (≤ 77) to 32 big-endian bytes.
fn decimal_to_be(digits: &str) -> Vec<u8> {
	let mut out = vec![0u8; 32];
	for d in digits.bytes() {
		let mut carry = (d - b'0') as u16;
		for byte in out.iter_mut().rev() {
			let v = *byte as u16 * 10 + carry;
			*byte = v as u8;
			carry = v >> 8;
		}
	}
	out
}
