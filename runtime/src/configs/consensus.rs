//! Block production (Aura), finality (GRANDPA) and the timestamp they rely on.

use frame_support::traits::{ConstBool, ConstU32, ConstU64};
use sp_consensus_aura::sr25519::AuthorityId as AuraId;

use crate::{time::SLOT_DURATION, Aura, Historical, Runtime, RuntimeEvent, ValidatorSet};

/// Most validators (operators) the chain can have.
pub type MaxAuthorities = ConstU32<100>;

impl pallet_aura::Config for Runtime {
	type AuthorityId = AuraId;
	type DisabledValidators = ();
	type MaxAuthorities = MaxAuthorities;
	type AllowMultipleBlocksPerSlot = ConstBool<false>;
	type SlotDuration = pallet_aura::MinimumPeriodTimesTwo<Runtime>;
}

frame_support::parameter_types! {
	/// Blocks an unsigned equivocation report stays valid in the pool.
	pub const ReportLongevity: u64 = 64;
}

impl pallet_grandpa::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type WeightInfo = ();
	type MaxAuthorities = MaxAuthorities;
	type MaxNominators = ConstU32<0>;
	/// Sessions GRANDPA keeps the set ids of: as many as offences are kept (`OffenceHistory`).
	type MaxSetIdSessionEntries = ConstU64<28>;
	/// Which validator held a GRANDPA key in the session of the equivocation.
	type KeyOwnerProof = sp_session::MembershipProof;
	/// Checked against the historical session keys, then recorded by the validator set for
	/// the council.
	type EquivocationReportSystem =
		pallet_grandpa::EquivocationReportSystem<Self, ValidatorSet, Historical, ReportLongevity>;
}

impl pallet_timestamp::Config for Runtime {
	/// Milliseconds since the Unix epoch.
	type Moment = u64;
	type OnTimestampSet = Aura;
	type MinimumPeriod = ConstU64<{ SLOT_DURATION / 2 }>;
	type WeightInfo = pallet_timestamp::weights::SubstrateWeight<Runtime>;
}
