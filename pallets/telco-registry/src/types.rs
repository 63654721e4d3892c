//! What the registry knows about an operator.

use crate::Config;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{
	traits::{fungible, ConstU32},
	BoundedVec, CloneNoBound, DebugNoBound, EqNoBound, PartialEqNoBound,
};
use frame_system::pallet_prelude::BlockNumberFor;
use gesim_primitives::{Geohash, Plmn};
use scale_info::TypeInfo;

/// An amount of the native token, as the bond is held in it.
pub type BalanceOf<T> =
	<<T as Config>::Currency as fungible::Inspect<<T as frame_system::Config>::AccountId>>::Balance;

/// Money taken from a bond by a slash, on its way to `Config::Slashed`.
pub type CreditOf<T> =
	fungible::Credit<<T as frame_system::Config>::AccountId, <T as Config>::Currency>;

/// Ed25519 public key the operator's SM-DP+ gateway signs provisioning receipts with.
pub type ReceiptKey = [u8; 32];

/// An operator registered at genesis: account, legal name, PLMN identities as TS 24.008
/// octets (`Plmn::octets`), SM-DP+ receipt key.
pub type GenesisTelco<AccountId> =
	(AccountId, alloc::vec::Vec<u8>, alloc::vec::Vec<[u8; 3]>, ReceiptKey);

/// The operator's registered legal name, UTF-8.
pub type LegalNameOf<T> = BoundedVec<u8, <T as Config>::MaxLegalNameLen>;

/// The networks (MCC/MNC) an operator runs; the first is its home network.
pub type PlmnsOf<T> = BoundedVec<Plmn, <T as Config>::MaxPlmns>;

/// The geohash cells an operator declares coverage in.
pub type CoverageOf<T> = BoundedVec<Geohash, <T as Config>::MaxCoverageCells>;

/// How many kinds of [`Service`] there are; a service list holds each at most once.
pub const SERVICE_KINDS: u32 = 6;

/// The services an operator offers, each at most once.
pub type Services = BoundedVec<Service, ConstU32<SERVICE_KINDS>>;

/// A kind of service an operator sells on GeSIM.
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
pub enum Service {
	/// Mobile data.
	Data,
	/// Voice calls.
	Voice,
	/// Text messages.
	Sms,
	/// Service for other operators' subscribers on its network.
	Roaming,
	/// eSIM profiles downloaded from its SM-DP+.
	Esim,
	/// Low-power IoT connectivity (NB-IoT, LTE-M).
	Iot,
}

impl Service {
	/// Every service, in declaration order.
	pub const ALL: [Service; SERVICE_KINDS as usize] =
		[Self::Data, Self::Voice, Self::Sms, Self::Roaming, Self::Esim, Self::Iot];
}

/// Where an operator stands with the council.
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
)]
pub enum TelcoStatus {
	/// Applied and bonded; waiting for the council's approval.
	Pending,
	/// Admitted: may list plans, issue identities and get paid.
	Active,
	/// Admitted, but barred by the council until reinstated.
	Suspended,
}

/// A receipt key that was rotated out and is still honoured for a while, so receipts signed
/// just before the rotation still land.
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct RetiringReceiptKey<BlockNumber> {
	/// The previous key.
	pub key: ReceiptKey,
	/// First block at which receipts signed with it are refused.
	pub retires_at: BlockNumber,
}

/// A registered operator.
#[derive(
	CloneNoBound, PartialEqNoBound, EqNoBound, Encode, Decode, MaxEncodedLen, TypeInfo, DebugNoBound,
)]
#[scale_info(skip_type_params(T))]
#[codec(mel_bound())]
pub struct Telco<T: Config> {
	/// Legal name of the operating company.
	pub legal_name: LegalNameOf<T>,
	/// Networks it runs; each is claimed by this operator alone.
	pub plmns: PlmnsOf<T>,
	/// Declared coverage cells.
	pub coverage: CoverageOf<T>,
	/// Services offered, sorted, each once.
	pub services: Services,
	/// Key its SM-DP+ gateway signs provisioning receipts with.
	pub receipt_key: ReceiptKey,
	/// The key it replaced, while it is still honoured.
	pub retiring_receipt_key: Option<RetiringReceiptKey<BlockNumberFor<T>>>,
	/// Standing with the council.
	pub status: TelcoStatus,
	/// Bond held on its account, after any slashes.
	pub bond: BalanceOf<T>,
	/// Block of the application (or genesis).
	pub applied_at: BlockNumberFor<T>,
}

/// A change of legal name or PLMNs an admitted operator asked for, waiting for the council.
/// Its PLMNs are claimed by the operator meanwhile, so no one else takes them.
#[derive(
	CloneNoBound, PartialEqNoBound, EqNoBound, Encode, Decode, MaxEncodedLen, TypeInfo, DebugNoBound,
)]
#[scale_info(skip_type_params(T))]
#[codec(mel_bound())]
pub struct ProfileChange<T: Config> {
	/// Legal name asked for (the current one if only the PLMNs change).
	pub legal_name: LegalNameOf<T>,
	/// PLMNs asked for, home network first (the current ones if only the name changes).
	pub plmns: PlmnsOf<T>,
	/// Block the change was asked for.
	pub proposed_at: BlockNumberFor<T>,
}

/// An operator's self-declared details, checked and normalised.
pub(crate) struct Profile<T: Config> {
	/// Legal name, not empty.
	pub legal_name: LegalNameOf<T>,
	/// PLMNs, at least one, each once.
	pub plmns: PlmnsOf<T>,
	/// Coverage cells, each once.
	pub coverage: CoverageOf<T>,
	/// Services, at least one, sorted, each once.
	pub services: Services,
}
