//! Exponential decay in integers: a value halves every half-life.

use sp_runtime::{helpers_128bit::multiply_by_rational_with_rounding, Rounding};

/// 2^(−i/8) for i = 0..=8, in billionths.
const EIGHTHS: [u128; 9] = [
	1_000_000_000,
	917_004_043,
	840_896_415,
	771_105_413,
	707_106_781,
	648_419_777,
	594_603_558,
	545_253_866,
	500_000_000,
];
const BILLION: u128 = 1_000_000_000;

/// `value` × 2^(−elapsed / half_life), rounded down. Whole half-lives halve exactly; within
/// one, the factor is interpolated between eighths of a half-life (off by at most 0.2 %).
/// A zero half-life decays nothing.
pub fn decay(value: u128, elapsed: u64, half_life: u64) -> u128 {
	if half_life == 0 || value == 0 {
		return value;
	}
	let halvings = elapsed / half_life;
	if halvings >= 128 {
		return 0;
	}
	let halved = value >> halvings;
	// Where in the half-life, in eighths: `step` whole ones and `rest` / `half_life` of one.
	let eighths = (elapsed % half_life) as u128 * 8;
	let (step, rest) = ((eighths / half_life as u128) as usize, eighths % half_life as u128);
	let (upper, lower) = (EIGHTHS[step], EIGHTHS[step + 1]);
	let factor = upper - (upper - lower) * rest / half_life as u128;
	multiply_by_rational_with_rounding(halved, factor, BILLION, Rounding::Down).unwrap_or(0)
}

#[cfg(test)]
mod tests {
	use super::decay;

	#[test]
	fn whole_half_lives_halve_exactly_and_nothing_decays_without_time() {
		assert_eq!(decay(1_000, 0, 10), 1_000);
		assert_eq!(decay(1_000, 10, 10), 500);
		assert_eq!(decay(1_000, 30, 10), 125);
		assert_eq!(decay(u128::MAX, 10, 10), u128::MAX >> 1);
		assert_eq!(decay(1_000, 10 * 128, 10), 0);
		assert_eq!(decay(1_000, u64::MAX, 1), 0);
		assert_eq!(decay(1_000, 77, 0), 1_000);
	}

	#[test]
	fn within_a_half_life_it_follows_two_to_the_minus_t() {
		let one = 1_000_000_000_000u128;
		for (elapsed, half_life) in [(1u64, 8u64), (4, 8), (3, 7), (500, 1_000), (999, 1_000)] {
			let exact = one as f64 * 2f64.powf(-(elapsed as f64) / half_life as f64);
			let got = decay(one, elapsed, half_life) as f64;
			assert!((got - exact).abs() / exact < 0.002, "{elapsed}/{half_life}: {got} vs {exact}");
		}
		// Never grows, and never goes up with time.
		let mut last = one;
		for elapsed in 0..=40 {
			let now = decay(one, elapsed, 16);
			assert!(now <= last);
			last = now;
		}
	}
}
