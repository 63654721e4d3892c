//! The protocol margin: a council parameter, taken from every release.

use crate::*;
use gesim_primitives::StablecoinAmount;

/// The margin on a release of `amount` at `bps` basis points: `⌊amount × bps / 10 000⌋`.
///
/// Rounded down, so a fraction of a unit always goes to the operator, never to the treasury.
/// Splitting `amount = q × 10 000 + r` keeps every product in range for any `amount` when
/// `bps ≤ 10 000`; `None` only if a larger `bps` overflows.
pub fn margin_of(amount: StablecoinAmount, bps: BasisPoints) -> Option<StablecoinAmount> {
	let (denominator, bps) = (BPS_DENOMINATOR as StablecoinAmount, bps as StablecoinAmount);
	let (q, r) = (amount / denominator, amount % denominator);
	q.checked_mul(bps)?.checked_add(r.checked_mul(bps)? / denominator)
}
