//! Protocol parameters: the values the council changes by motion, all through one typed call
//! (`governance.set_parameter`), and the trait the pallets read them through where they use
//! them. No pallet keeps a copy: a change applies from the next block on.

use crate::{BasisPoints, Bytes, StablecoinAmount, BPS_DENOMINATOR};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use sp_runtime::traits::Zero;

/// Blocks in a day at six-second blocks; the defaults and limits below are written in days.
pub const DAY: u32 = 14_400;

/// The most the protocol margin may be: 10 % of a release.
pub const MAX_PROTOCOL_MARGIN: BasisPoints = 1_000;

/// The longest any period parameter may be (deadlines, windows, netting): 90 days.
pub const MAX_PERIOD: u32 = 90 * DAY;

/// A block number as the parameters need it (the runtime's `u32`, mocks' `u64`).
pub trait Blocks: Copy + Default + Zero + PartialOrd + From<u32> {}
impl<B: Copy + Default + Zero + PartialOrd + From<u32>> Blocks for B {}

/// The lowest price and the longest validity a plan may be listed and sold with.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
	serde::Serialize,
	serde::Deserialize,
)]
#[serde(rename_all = "camelCase")]
pub struct PlanBounds<BlockNumber> {
	/// Lowest price, in the stablecoin's smallest unit.
	pub min_price: StablecoinAmount,
	/// Longest validity, in blocks.
	pub max_validity: BlockNumber,
}

impl<BlockNumber: From<u32>> Default for PlanBounds<BlockNumber> {
	/// Ten cents, and 366 days.
	fn default() -> Self {
		Self { min_price: 100_000, max_validity: (366 * DAY).into() }
	}
}

/// What a resale listing may offer: at least a minimum chunk of quota, at no more per byte than
/// a share of its plan's own price per byte. Both stop the arbitrage of buying a large plan
/// cheaply and selling it on in dear small pieces.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
	serde::Serialize,
	serde::Deserialize,
)]
#[serde(rename_all = "camelCase")]
pub struct ResaleBounds {
	/// Smallest quota a listing may offer, in bytes.
	pub min_chunk_bytes: Bytes,
	/// Highest price per byte a listing may ask, in basis points of its plan's price per byte.
	pub max_price_bps: BasisPoints,
}

impl Default for ResaleBounds {
	/// 100 MiB, at no more than the plan's own price per byte.
	fn default() -> Self {
		Self { min_chunk_bytes: 100 * 1024 * 1024, max_price_bps: BPS_DENOMINATOR }
	}
}

/// A protocol parameter with its value.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
	serde::Serialize,
	serde::Deserialize,
)]
pub enum ProtocolParameter<BlockNumber> {
	/// Share of every release from escrow that goes to the treasury. Default 0, at most
	/// `MAX_PROTOCOL_MARGIN`.
	#[codec(index = 0)]
	ProtocolMargin(BasisPoints),
	/// Bounds every plan is listed, sold and topped up within (plans listed before keep their
	/// terms but cannot be sold outside them). Default ten cents and 366 days.
	#[codec(index = 1)]
	PlanBounds(PlanBounds<BlockNumber>),
	/// Blocks an operator has, from a profile request, to release the activation code before
	/// the subscriber may take a refund. Orders keep the deadline they were made with. Default
	/// a day.
	#[codec(index = 2)]
	ServiceDeadline(BlockNumber),
	/// Blocks between two roaming nettings. Default a day.
	#[codec(index = 3)]
	NettingPeriod(BlockNumber),
	/// Blocks a settlement beyond the subscriber's acknowledged usage is held, open to a
	/// dispute, before it pays out. Default three days.
	#[codec(index = 4)]
	ChallengeWindow(BlockNumber),
	/// Blocks after an entitlement ends during which a dispute on it may still be filed (a
	/// roaming booking may be disputed until it is netted). Default fourteen days.
	#[codec(index = 5)]
	DisputeWindow(BlockNumber),
	/// How far past the subscriber's acknowledged usage a settlement still pays at once, in
	/// basis points of the entitlement's quota: devices report a little late. Default 1 %.
	#[codec(index = 6)]
	AcknowledgementTolerance(BasisPoints),
	/// Blocks after an entitlement's end during which proved usage may still be paid from its
	/// escrow; the refund comes after. Each escrow keeps the grace in force when it was
	/// opened. Default two days.
	#[codec(index = 7)]
	SettlementGrace(BlockNumber),
	/// The smallest chunk and the highest price per byte of a resale listing. Listings already
	/// made keep their terms. Default 100 MiB at the plan's own price per byte.
	#[codec(index = 8)]
	ResaleBounds(ResaleBounds),
	/// Blocks in which a rating's weight in a reputation score halves. Default 90 days.
	#[codec(index = 9)]
	ReputationHalfLife(BlockNumber),
}

/// Which parameter, without a value: the key a parameter is stored and read under.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	PartialOrd,
	Ord,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub enum ParameterKey {
	#[codec(index = 0)]
	ProtocolMargin,
	#[codec(index = 1)]
	PlanBounds,
	#[codec(index = 2)]
	ServiceDeadline,
	#[codec(index = 3)]
	NettingPeriod,
	#[codec(index = 4)]
	ChallengeWindow,
	#[codec(index = 5)]
	DisputeWindow,
	#[codec(index = 6)]
	AcknowledgementTolerance,
	#[codec(index = 7)]
	SettlementGrace,
	#[codec(index = 8)]
	ResaleBounds,
	#[codec(index = 9)]
	ReputationHalfLife,
}

impl ParameterKey {
	/// Every parameter.
	pub const ALL: [ParameterKey; 10] = [
		Self::ProtocolMargin,
		Self::PlanBounds,
		Self::ServiceDeadline,
		Self::NettingPeriod,
		Self::ChallengeWindow,
		Self::DisputeWindow,
		Self::AcknowledgementTolerance,
		Self::SettlementGrace,
		Self::ResaleBounds,
		Self::ReputationHalfLife,
	];
}

/// Why a parameter value is refused.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ParameterError {
	/// A protocol margin above `MAX_PROTOCOL_MARGIN`.
	MarginTooHigh,
	/// Plan bounds with a zero lowest price or a zero longest validity.
	InvalidPlanBounds,
	/// A deadline, window or netting period of zero blocks.
	ZeroPeriod,
	/// A deadline, window or netting period longer than `MAX_PERIOD`.
	PeriodTooLong,
	/// A tolerance above 100 %.
	ToleranceTooHigh,
	/// Resale bounds with a zero smallest chunk or a zero highest price.
	InvalidResaleBounds,
}

impl<BlockNumber: Blocks> ProtocolParameter<BlockNumber> {
	/// The parameter this value is for.
	pub fn key(&self) -> ParameterKey {
		match self {
			Self::ProtocolMargin(_) => ParameterKey::ProtocolMargin,
			Self::PlanBounds(_) => ParameterKey::PlanBounds,
			Self::ServiceDeadline(_) => ParameterKey::ServiceDeadline,
			Self::NettingPeriod(_) => ParameterKey::NettingPeriod,
			Self::ChallengeWindow(_) => ParameterKey::ChallengeWindow,
			Self::DisputeWindow(_) => ParameterKey::DisputeWindow,
			Self::AcknowledgementTolerance(_) => ParameterKey::AcknowledgementTolerance,
			Self::SettlementGrace(_) => ParameterKey::SettlementGrace,
			Self::ResaleBounds(_) => ParameterKey::ResaleBounds,
			Self::ReputationHalfLife(_) => ParameterKey::ReputationHalfLife,
		}
	}

	/// `key`'s value until the council sets one.
	pub fn default_of(key: ParameterKey) -> Self {
		match key {
			ParameterKey::ProtocolMargin => Self::ProtocolMargin(0),
			ParameterKey::PlanBounds => Self::PlanBounds(PlanBounds::default()),
			ParameterKey::ServiceDeadline => Self::ServiceDeadline(DAY.into()),
			ParameterKey::NettingPeriod => Self::NettingPeriod(DAY.into()),
			ParameterKey::ChallengeWindow => Self::ChallengeWindow((3 * DAY).into()),
			ParameterKey::DisputeWindow => Self::DisputeWindow((14 * DAY).into()),
			ParameterKey::AcknowledgementTolerance => Self::AcknowledgementTolerance(100),
			ParameterKey::SettlementGrace => Self::SettlementGrace((2 * DAY).into()),
			ParameterKey::ResaleBounds => Self::ResaleBounds(ResaleBounds::default()),
			ParameterKey::ReputationHalfLife => Self::ReputationHalfLife((90 * DAY).into()),
		}
	}

	/// Refuses a value no chain should run with.
	pub fn check(&self) -> Result<(), ParameterError> {
		let period = |blocks: &BlockNumber| {
			if blocks.is_zero() {
				Err(ParameterError::ZeroPeriod)
			} else if *blocks > MAX_PERIOD.into() {
				Err(ParameterError::PeriodTooLong)
			} else {
				Ok(())
			}
		};
		match self {
			Self::ProtocolMargin(bps) if *bps > MAX_PROTOCOL_MARGIN => {
				Err(ParameterError::MarginTooHigh)
			},
			Self::PlanBounds(bounds) if bounds.min_price == 0 || bounds.max_validity.is_zero() => {
				Err(ParameterError::InvalidPlanBounds)
			},
			Self::ServiceDeadline(blocks)
			| Self::NettingPeriod(blocks)
			| Self::ChallengeWindow(blocks)
			| Self::DisputeWindow(blocks)
			| Self::SettlementGrace(blocks)
			| Self::ReputationHalfLife(blocks) => period(blocks),
			Self::AcknowledgementTolerance(bps) if *bps > BPS_DENOMINATOR => {
				Err(ParameterError::ToleranceTooHigh)
			},
			Self::ResaleBounds(bounds)
				if bounds.min_chunk_bytes == 0 || bounds.max_price_bps == 0 =>
			{
				Err(ParameterError::InvalidResaleBounds)
			},
			_ => Ok(()),
		}
	}
}

/// One getter per parameter: `name: Variant -> Type` reads the key named `Variant` and takes
/// the value of the variant of the same name, so the two cannot drift apart.
macro_rules! getters {
	($($name:ident: $variant:ident -> $ty:ty),* $(,)?) => {$(
		#[doc = concat!("`ProtocolParameter::", stringify!($variant), "` in force.")]
		fn $name() -> $ty {
			value_of::<Self, _, _>(ParameterKey::$variant, |value| match value {
				ProtocolParameter::$variant(v) => Some(v),
				_ => None,
			})
		}
	)*};
}

/// The protocol parameters in force, read where they are used. Implemented by the governance
/// pallet, which stores what the council set; each read is one storage read.
pub trait ProtocolParameters<BlockNumber: Blocks> {
	/// `key`'s value in force: the council's, or the default.
	fn get(key: ParameterKey) -> ProtocolParameter<BlockNumber>;

	/// Sets a value in benchmarks, which must reach the state the worst case needs. Does
	/// nothing unless the implementation is built for benchmarks too.
	#[cfg(feature = "runtime-benchmarks")]
	fn set(_value: ProtocolParameter<BlockNumber>) {}

	getters! {
		protocol_margin: ProtocolMargin -> BasisPoints,
		plan_bounds: PlanBounds -> PlanBounds<BlockNumber>,
		service_deadline: ServiceDeadline -> BlockNumber,
		netting_period: NettingPeriod -> BlockNumber,
		challenge_window: ChallengeWindow -> BlockNumber,
		dispute_window: DisputeWindow -> BlockNumber,
		settlement_grace: SettlementGrace -> BlockNumber,
		acknowledgement_tolerance: AcknowledgementTolerance -> BasisPoints,
		resale_bounds: ResaleBounds -> ResaleBounds,
		reputation_half_life: ReputationHalfLife -> BlockNumber,
	}
}

/// The value `pick` finds in what `P` holds under `key`. Values are stored under their own key,
/// so the fallbacks (the default, then `T::default()`) are never taken.
fn value_of<P, B, T>(key: ParameterKey, pick: impl Fn(ProtocolParameter<B>) -> Option<T>) -> T
where
	P: ProtocolParameters<B> + ?Sized,
	B: Blocks,
	T: Default,
{
	pick(P::get(key))
		.or_else(|| pick(ProtocolParameter::default_of(key)))
		.unwrap_or_default()
}

/// A stand-in for the governance pallet in pallet tests: the defaults, and whatever a test sets
/// (per thread, so per test).
#[cfg(feature = "std")]
pub mod testing {
	use super::*;
	use std::{cell::RefCell, collections::BTreeMap};

	std::thread_local! {
		static SET: RefCell<BTreeMap<ParameterKey, alloc::vec::Vec<u8>>> = RefCell::default();
	}

	/// Parameters for mocks: `TestParameters::put` changes one for the running test.
	pub struct TestParameters;

	impl TestParameters {
		/// Back to the defaults: mocks call it when they build a fresh state.
		pub fn clear() {
			SET.with(|set| set.borrow_mut().clear());
		}

		/// Puts `value` in force for the rest of the test (unchecked, as a runtime's genesis
		/// could not).
		pub fn put<B: Encode + Blocks>(value: ProtocolParameter<B>) {
			SET.with(|set| set.borrow_mut().insert(value.key(), value.encode()));
		}
	}

	impl<B: Decode + Encode + Blocks> ProtocolParameters<B> for TestParameters {
		fn get(key: ParameterKey) -> ProtocolParameter<B> {
			SET.with(|set| set.borrow().get(&key).and_then(|v| Decode::decode(&mut &v[..]).ok()))
				.unwrap_or_else(|| ProtocolParameter::default_of(key))
		}

		#[cfg(feature = "runtime-benchmarks")]
		fn set(value: ProtocolParameter<B>) {
			Self::put(value)
		}
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn every_default_is_a_value_set_parameter_accepts() {
		for key in ParameterKey::ALL {
			let value = ProtocolParameter::<u32>::default_of(key);
			assert_eq!(value.key(), key);
			assert_eq!(value.check(), Ok(()));
		}
	}

	#[test]
	fn values_out_of_range_are_refused_by_name() {
		type P = ProtocolParameter<u32>;
		assert_eq!(P::ProtocolMargin(MAX_PROTOCOL_MARGIN).check(), Ok(()));
		assert_eq!(
			P::ProtocolMargin(MAX_PROTOCOL_MARGIN + 1).check(),
			Err(ParameterError::MarginTooHigh)
		);
		let bounds = super::PlanBounds { min_price: 0, max_validity: 10 };
		assert_eq!(P::PlanBounds(bounds).check(), Err(ParameterError::InvalidPlanBounds));
		let bounds = super::PlanBounds { min_price: 1, max_validity: 0 };
		assert_eq!(P::PlanBounds(bounds).check(), Err(ParameterError::InvalidPlanBounds));
		assert_eq!(P::ChallengeWindow(0).check(), Err(ParameterError::ZeroPeriod));
		assert_eq!(P::DisputeWindow(MAX_PERIOD).check(), Ok(()));
		assert_eq!(P::NettingPeriod(MAX_PERIOD + 1).check(), Err(ParameterError::PeriodTooLong));
		assert_eq!(P::ServiceDeadline(0).check(), Err(ParameterError::ZeroPeriod));
		assert_eq!(P::AcknowledgementTolerance(BPS_DENOMINATOR).check(), Ok(()));
		assert_eq!(
			P::AcknowledgementTolerance(BPS_DENOMINATOR + 1).check(),
			Err(ParameterError::ToleranceTooHigh)
		);
		let bounds = super::ResaleBounds { min_chunk_bytes: 0, max_price_bps: 1 };
		assert_eq!(P::ResaleBounds(bounds).check(), Err(ParameterError::InvalidResaleBounds));
		let bounds = super::ResaleBounds { min_chunk_bytes: 1, max_price_bps: 0 };
		assert_eq!(P::ResaleBounds(bounds).check(), Err(ParameterError::InvalidResaleBounds));
	}

	#[test]
	fn the_test_double_reads_what_a_test_put_and_defaults_otherwise() {
		use testing::TestParameters as P;
		assert_eq!(<P as ProtocolParameters<u64>>::challenge_window(), 3 * DAY as u64);
		P::put(ProtocolParameter::<u64>::ChallengeWindow(7));
		assert_eq!(<P as ProtocolParameters<u64>>::challenge_window(), 7);
		assert_eq!(<P as ProtocolParameters<u64>>::dispute_window(), 14 * DAY as u64);
	}
}
