//! The binding hash: ties a usage proof to one telco, one agreement and one chain, so a
//! proof cannot be replayed for another operator, subscription or network.
//!
//! `binding = Poseidon5(telco_hi, telco_lo, agreement_id, genesis_hi, genesis_lo)` where a
//! 32-byte value is split into two big-endian 128-bit halves (`hi` = bytes 0..16,
//! `lo` = bytes 16..32). Halves are < 2^128 < r, so the split is injective: no reduction
//! modulo r, no aliasing. t = 6 is used for nothing else in GeSIM, which separates this
//! hash from the tree nodes (t = 5, t = 9) and the EID commitment (t = 3).

use crate::{field::fr_from_be_slice, fr_to_le_bytes, poseidon};
use ark_bn254::Fr;

/// A 32-byte value (account id, genesis hash) as two field elements `[hi, lo]`.
pub fn bytes32_limbs(bytes: &[u8; 32]) -> [Fr; 2] {
	let half = |b: &[u8]| {
		let mut le = [0u8; 32];
		for (dst, src) in le.iter_mut().zip(b.iter().rev()) {
			*dst = *src;
		}
		// 16 bytes are always < r.
		crate::fr_from_le_bytes(&le).unwrap_or_default()
	};
	[half(&bytes[..16]), half(&bytes[16..])]
}

/// The usage binding hash for `telco` (AccountId32 bytes), `agreement_id` (the
/// subscription or roaming agreement being invoiced) and `genesis_hash` (the chain).
pub fn usage_binding(telco: &[u8; 32], agreement_id: u128, genesis_hash: &[u8; 32]) -> Fr {
	let [telco_hi, telco_lo] = bytes32_limbs(telco);
	let [genesis_hi, genesis_lo] = bytes32_limbs(genesis_hash);
	// u128 is < r: the agreement id enters as itself.
	let agreement = fr_from_be_slice(&agreement_id.to_be_bytes()).unwrap_or_default();
	poseidon::hash5([telco_hi, telco_lo, agreement, genesis_hi, genesis_lo])
}

/// [`usage_binding`] as the 32 little-endian bytes used as a public input.
pub fn usage_binding_bytes(
	telco: &[u8; 32],
	agreement_id: u128,
	genesis_hash: &[u8; 32],
) -> [u8; 32] {
	fr_to_le_bytes(&usage_binding(telco, agreement_id, genesis_hash))
}

/// Most networks (PLMNs) a networks commitment covers: an operator registers at most this many.
pub const MAX_NETWORKS: usize = 16;

/// The commitment to the networks usage may have been served on: each PLMN as its TS 24.008
/// BCD value (`Plmn::to_bcd`, e.g. 208-01 is `0x02F810`), in the order
/// given, the list filled up to [`MAX_NETWORKS`] with its first entry:
/// `Poseidon2(Poseidon8(p₀ … p₇), Poseidon8(p₈ … p₁₅))`. `None` for an empty list or one
/// longer than [`MAX_NETWORKS`]. Filling with a real network (never 0) keeps a record with
/// no valid serving network from matching a slot.
pub fn networks_commitment(plmns: &[u32]) -> Option<Fr> {
	let slots = networks_slots(plmns)?.map(Fr::from);
	let mut halves = slots.chunks_exact(8).map(|half| {
		let mut eight = [Fr::from(0u64); 8];
		eight.copy_from_slice(half);
		poseidon::hash8(eight)
	});
	Some(poseidon::hash2([halves.next()?, halves.next()?]))
}

/// The networks list [`networks_commitment`] covers, filled to [`MAX_NETWORKS`] entries.
pub fn networks_slots(plmns: &[u32]) -> Option<[u32; MAX_NETWORKS]> {
	let first = *plmns.first()?;
	if plmns.len() > MAX_NETWORKS {
		return None;
	}
	let mut slots = [first; MAX_NETWORKS];
	slots[..plmns.len()].copy_from_slice(plmns);
	Some(slots)
}
