//! Import of snarkjs Groth16 JSON (`verification_key.json`, `proof.json`,
//! `public.json`) for circom circuits on BN254 (`"curve": "bn128"`).
//!
//! snarkjs JSON writes coordinates as decimal strings in projective form with z = 1, and a
//! G2 coordinate as `[c0, c1]` (real part first, as arkworks). The imaginary-first swap
//! only appears in snarkjs' Solidity/EIP-197 exports, handled by [`crate::eip197`].

use crate::{fr_to_le_bytes, Proof, ProofBytes, PublicInput, VerifyError, VerifyingKey};
use ark_bn254::{Fq, Fq2, Fr, G1Affine, G2Affine};
use ark_ff::{BigInt, One, PrimeField, Zero};
use serde_json::Value;

/// Why a snarkjs file was refused; `field` names the JSON path involved.
#[derive(Debug, thiserror::Error)]
pub enum SnarkjsError {
	/// Not JSON at all.
	#[error("not valid JSON: {0}")]
	Json(#[from] serde_json::Error),
	/// A required field is missing or has the wrong shape.
	#[error("field `{field}` is missing or not in snarkjs' format")]
	Shape {
		/// JSON path.
		field: String,
	},
	/// Not a Groth16 file.
	#[error("protocol `{0}` is not supported (only groth16)")]
	Protocol(String),
	/// Not BN254.
	#[error("curve `{0}` is not supported (only bn128 = BN254)")]
	Curve(String),
	/// A number that is not a canonical field element.
	#[error("`{field}` is not a canonical field element")]
	Field {
		/// JSON path.
		field: String,
	},
	/// The decoded key or proof failed GeSIM's checks.
	#[error("{0}")]
	Rejected(#[from] VerifyError),
}

/// Parses a decimal string into 256 bits; `None` on overflow or a non-digit.
fn decimal_u256(text: &str) -> Option<BigInt<4>> {
	if text.is_empty() || text.len() > 78 {
		return None;
	}
	let mut limbs = [0u64; 4];
	for ch in text.bytes() {
		let digit = (ch as char).to_digit(10)? as u128;
		let mut carry = digit;
		for limb in limbs.iter_mut() {
			let wide = (*limb as u128) * 10 + carry;
			*limb = wide as u64;
			carry = wide >> 64;
		}
		if carry != 0 {
			return None;
		}
	}
	Some(BigInt::new(limbs))
}

fn text<'a>(value: &'a Value, field: &str) -> Result<&'a str, SnarkjsError> {
	value.as_str().ok_or_else(|| SnarkjsError::Shape { field: field.into() })
}

fn fq(value: &Value, field: &str) -> Result<Fq, SnarkjsError> {
	decimal_u256(text(value, field)?)
		.and_then(Fq::from_bigint)
		.ok_or_else(|| SnarkjsError::Field { field: field.into() })
}

fn array<'a>(value: &'a Value, len: usize, field: &str) -> Result<&'a [Value], SnarkjsError> {
	match value.as_array() {
		Some(items) if items.len() == len => Ok(items),
		_ => Err(SnarkjsError::Shape { field: field.into() }),
	}
}

fn g1(value: &Value, field: &str) -> Result<G1Affine, SnarkjsError> {
	let p = array(value, 3, field)?;
	let (x, y, z) = (fq(&p[0], field)?, fq(&p[1], field)?, fq(&p[2], field)?);
	if z.is_zero() {
		return Ok(G1Affine::identity());
	}
	if !z.is_one() {
		return Err(SnarkjsError::Shape { field: format!("{field} (z must be 1)") });
	}
	Ok(G1Affine::new_unchecked(x, y))
}

fn fq2(value: &Value, field: &str) -> Result<Fq2, SnarkjsError> {
	let c = array(value, 2, field)?;
	Ok(Fq2::new(fq(&c[0], field)?, fq(&c[1], field)?))
}

fn g2(value: &Value, field: &str) -> Result<G2Affine, SnarkjsError> {
	let p = array(value, 3, field)?;
	let (x, y, z) = (fq2(&p[0], field)?, fq2(&p[1], field)?, fq2(&p[2], field)?);
	if z.is_zero() {
		return Ok(G2Affine::identity());
	}
	if !z.is_one() {
		return Err(SnarkjsError::Shape { field: format!("{field} (z must be 1)") });
	}
	Ok(G2Affine::new_unchecked(x, y))
}

fn check_header(json: &Value) -> Result<(), SnarkjsError> {
	let protocol = text(&json["protocol"], "protocol")?;
	if protocol != "groth16" {
		return Err(SnarkjsError::Protocol(protocol.into()));
	}
	let curve = text(&json["curve"], "curve")?;
	if curve != "bn128" && curve != "bn254" {
		return Err(SnarkjsError::Curve(curve.into()));
	}
	Ok(())
}

/// `verification_key.json` → GeSIM [`VerifyingKey`] bytes, fully validated.
pub fn import_vk(json: &str) -> Result<Vec<u8>, SnarkjsError> {
	let json: Value = serde_json::from_str(json)?;
	check_header(&json)?;
	let ic = json["IC"]
		.as_array()
		.ok_or_else(|| SnarkjsError::Shape { field: "IC".into() })?;
	let vk = VerifyingKey {
		alpha_g1: g1(&json["vk_alpha_1"], "vk_alpha_1")?,
		beta_g2: g2(&json["vk_beta_2"], "vk_beta_2")?,
		gamma_g2: g2(&json["vk_gamma_2"], "vk_gamma_2")?,
		delta_g2: g2(&json["vk_delta_2"], "vk_delta_2")?,
		gamma_abc_g1: ic
			.iter()
			.enumerate()
			.map(|(i, p)| g1(p, &format!("IC[{i}]")))
			.collect::<Result<_, _>>()?,
	};
	if let Some(n) = json["nPublic"].as_u64() {
		if n as usize != vk.public_input_count() {
			return Err(SnarkjsError::Shape { field: "nPublic (disagrees with IC)".into() });
		}
	}
	let bytes = vk.to_bytes();
	VerifyingKey::from_bytes(&bytes)?;
	Ok(bytes)
}

/// `proof.json` → GeSIM [`ProofBytes`], points checked.
pub fn import_proof(json: &str) -> Result<ProofBytes, SnarkjsError> {
	let json: Value = serde_json::from_str(json)?;
	check_header(&json)?;
	let proof = Proof {
		a: g1(&json["pi_a"], "pi_a")?,
		b: g2(&json["pi_b"], "pi_b")?,
		c: g1(&json["pi_c"], "pi_c")?,
	};
	let bytes = proof.to_bytes();
	Proof::from_bytes(&bytes.0)?;
	Ok(bytes)
}

/// `public.json` (array of decimal strings) → public inputs; values >= r are refused.
pub fn import_public(json: &str) -> Result<Vec<PublicInput>, SnarkjsError> {
	let json: Value = serde_json::from_str(json)?;
	let items = json.as_array().ok_or_else(|| SnarkjsError::Shape { field: "public".into() })?;
	items
		.iter()
		.enumerate()
		.map(|(i, v)| {
			let field = format!("public[{i}]");
			decimal_u256(text(v, &field)?)
				.and_then(Fr::from_bigint)
				.map(|x| fr_to_le_bytes(&x))
				.ok_or(SnarkjsError::Field { field })
		})
		.collect()
}

#[cfg(test)]
mod tests {
	use super::decimal_u256;

	#[test]
	fn decimal_parsing_refuses_overflow_and_junk() {
		assert_eq!(decimal_u256("0").unwrap().0, [0, 0, 0, 0]);
		assert_eq!(decimal_u256("18446744073709551616").unwrap().0, [0, 1, 0, 0]);
		let max = "115792089237316195423570985008687907853269984665640564039457584007913129639935";
		assert_eq!(decimal_u256(max).unwrap().0, [u64::MAX; 4]);
		assert!(decimal_u256(
			"115792089237316195423570985008687907853269984665640564039457584007913129639936"
		)
		.is_none());
		assert!(decimal_u256("12a").is_none());
		assert!(decimal_u256("").is_none());
		assert!(decimal_u256("-1").is_none());
	}
}
