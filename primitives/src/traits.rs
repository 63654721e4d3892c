//! The traits GeSIM's pallets meet through. Each is implemented by the pallet that owns the
//! state and wired into the pallets that use it by the runtime, so every pallet can be tested
//! alone against a small mock of the few traits it needs.

use crate::{
	AgreementId, Bytes, DeviceId, EidCommitment, EntitlementId, IntentId, PlanId, Plmn,
	StablecoinAmount, SwapId,
};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use sp_runtime::{DispatchError, DispatchResult, Weight};

/// Operators as the telco registry knows them.
pub trait TelcoInspect<AccountId> {
	/// Whether `telco` is an admitted operator in good standing: approved by the council, not
	/// suspended, not retired.
	fn is_active(telco: &AccountId) -> bool;

	/// The networks (PLMNs) an active `telco` registered, in their registered order; `None`
	/// for an operator that is not active. Usage it invoices must have been served on one.
	fn active_networks(telco: &AccountId) -> Option<alloc::vec::Vec<Plmn>> {
		Self::is_active(telco).then(alloc::vec::Vec::new)
	}
}

/// What still ties an operator to its subscribers or partners. A telco with open obligations
/// cannot retire and take its bond back.
pub trait TelcoObligations<AccountId> {
	/// Whether `telco` still has listed plans, live entitlements or escrowed money.
	fn has_open_obligations(telco: &AccountId) -> bool;
}

impl<AccountId> TelcoObligations<AccountId> for () {
	fn has_open_obligations(_: &AccountId) -> bool {
		false
	}
}

impl<AccountId, A: TelcoObligations<AccountId>, B: TelcoObligations<AccountId>>
	TelcoObligations<AccountId> for (A, B)
{
	fn has_open_obligations(telco: &AccountId) -> bool {
		A::has_open_obligations(telco) || B::has_open_obligations(telco)
	}
}

/// The keys operators' SM-DP+ gateways sign provisioning receipts with.
pub trait ReceiptKeys<AccountId> {
	/// Whether the Ed25519 public key `key` may sign `telco`'s receipts now: its current key,
	/// or the one it rotated out while the rotation grace lasts.
	fn is_valid_receipt_key(telco: &AccountId, key: &[u8; 32]) -> bool;
}

/// Told when a subject's validity starts — an entitlement issued, a roaming agreement put in
/// force — so its operators bill no session from before it: metering starts their usage
/// clocks of it at the chain's current time.
pub trait OnUsageStart<AccountId> {
	/// `telco` may bill `subject`'s usage from now on.
	fn started(telco: &AccountId, subject: UsageSubject);
}

impl<AccountId> OnUsageStart<AccountId> for () {
	fn started(_: &AccountId, _: UsageSubject) {}
}

/// Told when a subscriber switches plans, so what the old entitlement had (its eSIM profile)
/// can follow it to the new one.
pub trait OnPlanSwitch {
	/// `from` was given up for `to`, of the same holder and operator.
	fn switched(from: EntitlementId, to: EntitlementId);

	/// The most `switched` costs, charged by the switch.
	fn weight() -> Weight;
}

impl OnPlanSwitch for () {
	fn switched(_: EntitlementId, _: EntitlementId) {}

	fn weight() -> Weight {
		Weight::zero()
	}
}

/// Subscribers' soulbound identities.
pub trait IdentityInspect<AccountId> {
	/// The telco that issued `who`'s identity, if `who` holds one that is not revoked.
	fn verified_issuer(who: &AccountId) -> Option<AccountId>;

	/// Whether `who` holds a live identity.
	fn is_verified(who: &AccountId) -> bool {
		Self::verified_issuer(who).is_some()
	}

	/// Whether `who`'s live identity carries `commitment` among its EID commitments.
	fn holds_eid_commitment(who: &AccountId, commitment: &EidCommitment) -> bool;
}

/// A proof that the submitting account knows the EID and salt behind an EID commitment: a
/// Groth16 proof of the EID-possession circuit, bound to the account.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
pub struct EidPossessionProof {
	/// Version of the council-registered `eid` verifying key the proof was made for.
	pub key_version: u16,
	/// The proof: A, B, C uncompressed in arkworks' canonical encoding.
	pub proof: [u8; 256],
}

/// Why an EID-possession proof was not accepted.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum EidProofError {
	/// No live `eid` key of that version: never registered, or retired.
	NoLiveKey,
	/// The proof is malformed or does not verify for this account and commitment.
	Rejected,
}

/// Checks EID-possession proofs against the verifying keys the council registered.
pub trait EidPossessionVerifier<AccountId> {
	/// Whether `proof` shows that `who` knows the opening of `commitment`.
	fn verify_eid_possession(
		who: &AccountId,
		commitment: &EidCommitment,
		proof: &EidPossessionProof,
	) -> Result<(), EidProofError>;
}

/// How a release from escrow was split.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Default,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub struct Release {
	/// Paid to the intent's payee (the operator).
	pub to_payee: StablecoinAmount,
	/// Kept as the protocol margin, paid to the treasury.
	pub margin: StablecoinAmount,
}

impl Release {
	/// Everything that left the escrow: the payee's part and the margin.
	pub fn total(&self) -> StablecoinAmount {
		self.to_payee.saturating_add(self.margin)
	}
}

/// Money paid for an entitlement, held until proved usage releases it to the operator or the
/// entitlement's end refunds it to the subscriber. Amounts are in the stablecoin.
///
/// Every amount paid in ends up exactly once as released (payee + margin) or refunded; the
/// implementation checks this as an invariant.
pub trait EscrowLedger<AccountId, BlockNumber> {
	/// Moves `amount` from `payer` into a new intent for `payee`. What is still held after
	/// `expires_at` (plus the settlement grace the implementation allows for late proofs) goes
	/// back to `payer`.
	fn open(
		payer: &AccountId,
		payee: &AccountId,
		amount: StablecoinAmount,
		expires_at: BlockNumber,
	) -> Result<IntentId, DispatchError>;

	/// Moves `amount` of the unreserved money of `intent` into a new intent of `payer` for
	/// `payee`, refundable after `expires_at`, and returns the new intent; the money never
	/// leaves the escrow. A dispute ruling reallocates the service to another operator (same
	/// payer); a resale hands a share of the quota to its buyer (the buyer becomes the payer,
	/// refunded what its share leaves unused).
	fn reassign(
		intent: IntentId,
		amount: StablecoinAmount,
		payer: &AccountId,
		payee: &AccountId,
		expires_at: BlockNumber,
	) -> Result<IntentId, DispatchError>;

	/// Moves `amount` more from the intent's payer into it, and its expiry to `expires_at` if
	/// that is later.
	fn top_up(
		intent: IntentId,
		amount: StablecoinAmount,
		expires_at: BlockNumber,
	) -> DispatchResult;

	/// Pays `amount` of the held, unreserved money to the payee, minus the protocol margin.
	/// Only proved usage may call this.
	fn release(intent: IntentId, amount: StablecoinAmount) -> Result<Release, DispatchError>;

	/// Returns `amount` of the held, unreserved money to the payer.
	fn refund(intent: IntentId, amount: StablecoinAmount) -> DispatchResult;

	/// Brings the intent's expiry forward to `expires_at` (the entitlement ended early, as on a
	/// plan switch). Usage from before it may still be proved within the settlement grace; the
	/// rest is refunded after it, like at any expiry.
	fn end_early(intent: IntentId, expires_at: BlockNumber) -> DispatchResult;

	/// The last block in which proved usage may still release money from `intent`: its expiry
	/// plus the settlement grace it was opened with. `None` for an unknown intent.
	fn settlement_deadline(intent: IntentId) -> Option<BlockNumber>;

	/// Stops every release and refund of `intent` (a dispute is open).
	fn freeze(intent: IntentId) -> DispatchResult;

	/// Lifts a freeze.
	fn thaw(intent: IntentId) -> DispatchResult;

	/// Money still held for `intent`: paid in, neither released nor refunded (reserved money
	/// included).
	fn held(intent: IntentId) -> Option<StablecoinAmount>;

	/// Sets `amount` of the held money aside for a settlement whose payout waits for its
	/// challenge window. Reserved money leaves only through `release_reserved` or
	/// `refund_reserved`: `release`, `refund` and the refund at expiry pass it by, and the
	/// intent stays until it is resolved.
	fn reserve(intent: IntentId, amount: StablecoinAmount) -> DispatchResult;

	/// Pays `amount` of the reserved money to the payee, less the protocol margin. The usage
	/// was proved in time, so the settlement deadline does not apply; a freeze does.
	fn release_reserved(
		intent: IntentId,
		amount: StablecoinAmount,
	) -> Result<Release, DispatchError>;

	/// Returns `amount` of the reserved money to the payer.
	fn refund_reserved(intent: IntentId, amount: StablecoinAmount) -> DispatchResult;

	/// Money of `intent` reserved and not resolved yet.
	fn reserved(intent: IntentId) -> StablecoinAmount;

	/// Money of `intent` that `release` and `refund` may move: held and not reserved.
	fn unreserved(intent: IntentId) -> Option<StablecoinAmount> {
		Self::held(intent).map(|held| held.saturating_sub(Self::reserved(intent)))
	}
}

/// What other pallets may read of an entitlement.
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct EntitlementView<AccountId, BlockNumber> {
	/// The subscriber holding it.
	pub holder: AccountId,
	/// The operator serving it.
	pub telco: AccountId,
	/// The plan it was bought under.
	pub plan: PlanId,
	/// Quota not used yet.
	pub remaining_bytes: Bytes,
	/// Last block of validity.
	pub expires_at: BlockNumber,
	/// The escrow intent holding what it was paid with.
	pub intent: IntentId,
}

/// A settlement whose payout waits for its challenge window, as disputes see it.
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct HeldSettlementView<BlockNumber> {
	/// The entitlement billed.
	pub entitlement: EntitlementId,
	/// Its escrow intent, where the money is reserved.
	pub intent: IntentId,
	/// The reserved money.
	pub amount: StablecoinAmount,
	/// The first block it may be paid in without an acknowledgement.
	pub releases_at: BlockNumber,
}

/// Held settlements as metering keeps them: what a dispute rules on.
pub trait HeldSettlementLedger<AccountId, BlockNumber> {
	/// `telco`'s held settlement under `nonce`, if it is still held.
	fn held_settlement(telco: &AccountId, nonce: u64) -> Option<HeldSettlementView<BlockNumber>>;

	/// Ends it by a ruling: `to_holder` of its money goes back to the subscriber, the rest to
	/// the operator, less the protocol margin. Its intent must not be frozen.
	fn resolve(
		telco: &AccountId,
		nonce: u64,
		to_holder: StablecoinAmount,
	) -> Result<Release, DispatchError>;
}

/// Roaming payables booked and not netted yet, as disputes see them.
pub trait RoamingDisputeLedger<AccountId> {
	/// The operator owing `visited` under `agreement`, and what it owes for usage booked since
	/// the last netting; `None` for an unknown agreement or an operator not a party to it.
	fn booked(agreement: AgreementId, visited: &AccountId)
		-> Option<(AccountId, StablecoinAmount)>;

	/// Keeps `agreement` out of every netting run until `thaw`: a dispute is open on its
	/// bookings.
	fn freeze(agreement: AgreementId) -> DispatchResult;

	/// Lets `agreement` be netted again.
	fn thaw(agreement: AgreementId) -> DispatchResult;

	/// Takes `amount` off what the other party owes `visited` under `agreement`: a ruling
	/// found it was not owed.
	fn write_down(
		agreement: AgreementId,
		visited: &AccountId,
		amount: StablecoinAmount,
	) -> DispatchResult;
}

/// Usage proved and settled per entitlement, as metering counts it: what a reputation rating
/// weighs.
pub trait ProvedUsage {
	/// Bytes of `entitlement`'s usage its operator has proved and settled.
	fn proved_bytes(entitlement: EntitlementId) -> Bytes;
}

/// Operators' reputation from their verified customers, as the catalog orders plans by it.
pub trait OperatorReputation<AccountId> {
	/// `telco`'s weighted average rating now, in hundredths of a star (100 to 500); `None`
	/// while no rating weighs.
	fn operator_stars(telco: &AccountId) -> Option<u32>;
}

impl<AccountId> OperatorReputation<AccountId> for () {
	fn operator_stars(_: &AccountId) -> Option<u32> {
		None
	}
}

/// Devices operators lend, and swaps of them a ruling proposes (BandShare's hardware swap).
pub trait DeviceSwaps<AccountId> {
	/// Proposes that `first.0` hand the device `first.1` it holds to `second.0` in exchange for
	/// `second.1`, meeting where and when `meetup` commits to. Both devices stay where they
	/// are, locked, until both holders accept (ownership then moves), either declines, or the
	/// proposal expires.
	fn propose_swap(
		first: (&AccountId, DeviceId),
		second: (&AccountId, DeviceId),
		meetup: sp_core::H256,
	) -> Result<SwapId, DispatchError>;
}

/// Operators' bonds, which compensate what a ruling finds was paid out wrongly.
pub trait BondSlash<AccountId> {
	/// The bond's currency.
	type Balance;

	/// Takes `amount` of `telco`'s bond and pays it to `beneficiary`.
	fn slash_to(
		telco: &AccountId,
		amount: Self::Balance,
		beneficiary: &AccountId,
	) -> DispatchResult;
}

/// Entitlements as the plan catalog keeps them.
pub trait EntitlementLedger<AccountId, BlockNumber> {
	/// The entitlement `id`, if it exists.
	fn entitlement(id: EntitlementId) -> Option<EntitlementView<AccountId, BlockNumber>>;

	/// Takes up to `bytes` from the remaining quota and returns what was taken: usage beyond
	/// the quota is capped at it. Also after the expiry: usage from before it may be proved
	/// late, within the escrow's settlement grace; the caller decides what it accepts.
	fn consume(id: EntitlementId, bytes: Bytes) -> Result<Bytes, DispatchError>;

	/// Ends `id` now and refunds everything its escrow holds to the holder, returning the
	/// amount: its operator never delivered the service (no eSIM profile reached the
	/// subscriber). It keeps no quota, so no usage can be paid from it afterwards.
	fn revoke_unserved(id: EntitlementId) -> Result<StablecoinAmount, DispatchError>;

	/// Ends `id` now by a dispute ruling and takes its remaining quota: `to_holder_bps` of the
	/// unreserved money its escrow holds goes back to the holder, the rest to the operator
	/// (less the margin). Returns what was refunded and what was released. Its intent must not
	/// be frozen.
	fn end_by_ruling(
		id: EntitlementId,
		to_holder_bps: crate::BasisPoints,
	) -> Result<(StablecoinAmount, Release), DispatchError>;

	/// Ends `id` now by a dispute ruling and moves what is left of it to a new entitlement of
	/// the same holder to `plan`, another operator's plan on sale: the remaining quota, as far
	/// as the unreserved money in its escrow buys it at `plan`'s price, with that money. What
	/// the money buys beyond the remaining quota goes back to the holder. Its intent must not
	/// be frozen.
	fn reallocate(id: EntitlementId, plan: PlanId) -> Result<Reallocation, DispatchError>;

	/// The price and quota `plan` is listed with, retired or not; `None` for an unknown plan.
	fn plan_rate(plan: PlanId) -> Option<PlanRate>;

	/// Cuts `bytes` of live `id`'s remaining quota into a new entitlement of `buyer` to the
	/// same plan and operator, with the same expiry (a resale). The share of `id`'s unreserved
	/// escrow that follows that share of the remaining quota moves into a new intent whose
	/// payer is `buyer`: the operator is paid from it for `buyer`'s proved usage, and what is
	/// left at the expiry goes back to `buyer`. Its intent must not be frozen.
	fn split_off(
		id: EntitlementId,
		bytes: Bytes,
		buyer: &AccountId,
	) -> Result<Split, DispatchError>;
}

/// A plan's price for its quota: its price per byte.
#[derive(Clone, Copy, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct PlanRate {
	/// Data volume included, in bytes.
	pub quota_bytes: Bytes,
	/// Price of it, in the stablecoin.
	pub price: StablecoinAmount,
}

/// What a split moved: quota and the money for it, to a new entitlement of another holder.
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
pub struct Split {
	/// The new entitlement.
	pub to: EntitlementId,
	/// Its escrow intent.
	pub intent: IntentId,
	/// Money moved from the old escrow into the new one.
	pub moved: StablecoinAmount,
}

/// How far an operator's usage of a subject is settled, as metering knows it. A resale hands on
/// only quota the seller is known not to have used.
pub trait UsageClearance<AccountId> {
	/// The second (Unix time) before which every session of `subject` that `telco` may bill is
	/// anchored and settled: its usage clock, once none of its anchored commitments waits for
	/// a proof; `None` while one does.
	fn settled_until(telco: &AccountId, subject: UsageSubject) -> Option<u64>;
}

/// What a reallocation moved: the remaining quota and the money for it, to a new entitlement
/// at another operator.
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
pub struct Reallocation {
	/// The new entitlement.
	pub to: EntitlementId,
	/// Its quota.
	pub bytes: Bytes,
	/// Money moved from the old escrow into the new one.
	pub moved: StablecoinAmount,
	/// Money of the old escrow the new quota did not need, back to the holder.
	pub refunded: StablecoinAmount,
}

/// What a usage proof invoices: a subscriber's entitlement (paid from its escrow) or a
/// roaming agreement (booked as a payable from the home operator to the visited one).
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
pub enum UsageSubject {
	/// Usage of an entitlement, proved by the operator serving it.
	Entitlement(EntitlementId),
	/// Usage by the other party's subscribers on the proving operator's network.
	Roaming(AgreementId),
}

impl UsageSubject {
	/// The `agreement_id` the usage binding hash is computed over: an entitlement's id as is,
	/// a roaming agreement's id plus 2^64, so the two kinds never share a binding.
	pub fn binding_id(&self) -> u128 {
		match self {
			Self::Entitlement(id) => *id as u128,
			Self::Roaming(id) => (1u128 << 64) | *id as u128,
		}
	}
}

/// Roaming agreements as metering sees them: who may invoice usage under one, and where
/// proved usage is booked.
///
/// Usage is judged by the block it was anchored in: usage anchored while an agreement was in
/// force may still be invoiced for a settlement grace after the agreement ended, since records
/// reach operators late.
pub trait RoamingLedger<AccountId, BlockNumber> {
	/// Ok if `visited` is a party to `agreement` and may now invoice the other party for its
	/// subscribers' usage on `visited`'s network anchored in block `anchored_at`: the agreement
	/// was in force then, and if it has ended since, its settlement grace has not run out.
	fn ensure_can_invoice(
		agreement: AgreementId,
		visited: &AccountId,
		anchored_at: BlockNumber,
	) -> DispatchResult;

	/// Books `bytes` of proved usage on `visited`'s network under `agreement`, anchored in
	/// block `anchored_at`: a payable from the other party to `visited`, settled at the next
	/// netting. Returns the amount booked. Fails, changing nothing, where `ensure_can_invoice`
	/// would, or if the booking is not covered (beyond the agreement's credit limit, or the
	/// home operator's deposit); it may then be retried once it is.
	fn book_usage(
		agreement: AgreementId,
		visited: &AccountId,
		bytes: Bytes,
		anchored_at: BlockNumber,
	) -> Result<StablecoinAmount, DispatchError>;
}

/// `amount × part / whole`, rounded down, without overflow for any u128 amount; `amount` when
/// `part ≥ whole`. This is how a share of held money follows a share of quota.
pub fn pro_rata(amount: StablecoinAmount, part: Bytes, whole: Bytes) -> StablecoinAmount {
	if part >= whole {
		return amount;
	}
	// amount = q·whole + r, so amount·part/whole = q·part + r·part/whole, each term in range.
	let (whole, part) = (whole as u128, part as u128);
	let (q, r) = (amount / whole, amount % whole);
	q * part + r * part / whole
}

#[cfg(test)]
mod tests {
	use super::{pro_rata, UsageSubject};

	#[test]
	fn entitlements_and_agreements_never_share_a_binding_id() {
		assert_eq!(UsageSubject::Entitlement(7).binding_id(), 7);
		assert_eq!(UsageSubject::Roaming(7).binding_id(), (1 << 64) + 7);
		assert_ne!(
			UsageSubject::Entitlement(u32::MAX).binding_id(),
			UsageSubject::Roaming(0).binding_id()
		);
	}

	#[test]
	fn pro_rata_is_exact_at_the_ends_and_never_overflows() {
		assert_eq!(pro_rata(1_000, 0, 10), 0);
		assert_eq!(pro_rata(1_000, 10, 10), 1_000);
		assert_eq!(pro_rata(1_000, 11, 10), 1_000);
		assert_eq!(pro_rata(1_000, 3, 10), 300);
		assert_eq!(pro_rata(999, 1, 3), 333);
		// All but one part in 2^64 − 1 of the largest amount: no overflow on the way.
		let big = pro_rata(u128::MAX, u64::MAX - 1, u64::MAX);
		assert!(big < u128::MAX && big >= u128::MAX - u128::MAX / u64::MAX as u128 - 1);
		assert_eq!(pro_rata(u128::MAX, 1, 2), u128::MAX / 2);
	}
}
