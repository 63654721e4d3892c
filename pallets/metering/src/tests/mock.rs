//! Metering alone, against small in-memory stand-ins for the registry, the catalog, escrow and
//! roaming; proofs are real, made with `gesim-zk` under dev-seeded keys.

use crate::{self as pallet_metering, KeyId, UsagePeriod};
use frame_support::{
	derive_impl, parameter_types,
	traits::{ConstU32, ConstU64},
	weights::Weight,
};
use frame_system::EnsureRoot;
pub use gesim_primitives::parameters::testing::TestParameters;
use gesim_primitives::{
	AgreementId, Bytes, EntitlementId, EntitlementLedger, EntitlementView, EscrowLedger, IntentId,
	ProtocolParameter, Release, RoamingLedger, StablecoinAmount, TelcoInspect, UsageSubject,
};
use gesim_zk::UsageStatement;
use gesim_zk::{
	verifier::{usage_binding, CircuitId, UsageClaim},
	CircuitKey, Plmn, SetupRandomness, UsageCommitment, UsageRecord,
};
use rand_chacha::{rand_core::SeedableRng, ChaCha20Rng};
use sp_runtime::{
	traits::IdentityLookup, AccountId32, BuildStorage, DispatchError, DispatchResult,
};
use std::{collections::BTreeMap, sync::OnceLock};

type Block = frame_system::mocking::MockBlock<Test>;
pub type AccountId = AccountId32;

pub const TELCO: AccountId = AccountId32::new([1; 32]);
pub const OTHER_TELCO: AccountId = AccountId32::new([2; 32]);
pub const SUBSCRIBER: AccountId = AccountId32::new([3; 32]);

/// TELCO's entitlement: 1 GB for $10.
pub const ENTITLEMENT: EntitlementId = 5;
/// OTHER_TELCO's entitlement.
pub const FOREIGN_ENTITLEMENT: EntitlementId = 6;
pub const QUOTA: Bytes = 1_000_000_000;
pub const PRICE: StablecoinAmount = 10_000_000;
pub const EXPIRES_AT: u64 = 100;
/// Blocks after `EXPIRES_AT` in which the stand-in escrow still lets usage be proved.
pub const SETTLEMENT_GRACE: u64 = 5;
/// Agreement between TELCO and OTHER_TELCO, at $2 per MB.
pub const AGREEMENT: AgreementId = 9;
pub const RATE_PER_MB: StablecoinAmount = 2_000_000;
/// The escrow's margin in the mock, in basis points.
pub const MARGIN_BPS: u128 = 200;
pub const MAX_PENDING: u32 = 3;
pub const MAX_HELD: u32 = 2;
/// Claims one batch settlement may carry.
pub const MAX_BATCH: u32 = 6;
/// Blocks a held settlement waits before it may be paid without an acknowledgement.
pub const CHALLENGE_WINDOW: u64 = 10;
/// How far beyond the acknowledged usage a settlement pays at once, in basis points of the
/// quota: all of it, so that only the tests of acknowledged usage (which lower it) hold money.
pub const TOLERANCE_BPS: u16 = 10_000;

pub const USAGE_64: KeyId = KeyId { circuit: CircuitId::Usage64, version: 1 };
pub const PERIOD: UsagePeriod = UsagePeriod { start: 1_767_225_600, end: 1_767_312_000 };
/// The chain's time in the tests unless a test moves it: well after every batch's records.
pub const NOW_SECS: u64 = PERIOD.end + 30 * 86_400;
/// The network every operator registered in the mock.
pub const NETWORK: (&str, &str) = ("001", "01");

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Metering: pallet_metering,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountId = AccountId;
	type Lookup = IdentityLookup<AccountId>;
}

impl pallet_metering::Config for Test {
	type Telcos = MockTelcos;
	type Entitlements = MockCatalog;
	type Escrow = MockEscrow;
	type Roaming = MockRoaming;
	type CouncilOrigin = EnsureRoot<AccountId>;
	type MaxPendingCommitments = ConstU32<MAX_PENDING>;
	type MaxHeldSettlements = ConstU32<MAX_HELD>;
	type MaxSettlementBatch = ConstU32<MAX_BATCH>;
	type Parameters = TestParameters;
	type Verifier = MockVerifier;
	type UnixTime = MockTime;
	type SlotDuration = ConstU64<6_000>;
	type WeightInfo = TestWeights;
}

std::thread_local! {
	static ON_HOST: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// `$method` of the node's host functions once the running test called [`verify_on_host`], else
/// of the runtime's verifier.
macro_rules! on_chosen_path {
	($method:ident($($arg:expr),*)) => {
		if ON_HOST.with(|on| on.get()) {
			gesim_zk_host::OnHost::$method($($arg),*)
		} else {
			gesim_zk_verifier::InRuntime::$method($($arg),*)
		}
	};
}

/// The runtime's verifier, or the node's host function once a test calls [`verify_on_host`]:
/// real proofs go through either.
pub struct MockVerifier;
impl gesim_zk_verifier::Groth16Verifier for MockVerifier {
	fn verify_stored(
		stored_key: &[u8],
		proof: &[u8],
		inputs: &[gesim_zk_verifier::PublicInput],
	) -> Result<(), gesim_zk_verifier::VerifyError> {
		on_chosen_path!(verify_stored(stored_key, proof, inputs))
	}

	fn usage_binding(telco: &[u8; 32], agreement_id: u128, genesis_hash: &[u8; 32]) -> [u8; 32] {
		on_chosen_path!(usage_binding(telco, agreement_id, genesis_hash))
	}

	fn verify_batch_stored(
		stored_key: &[u8],
		items: &[(&[u8], &[gesim_zk_verifier::PublicInput])],
		seed: &[u8; 32],
	) -> Result<gesim_zk_verifier::Verdicts, gesim_zk_verifier::VerifyError> {
		on_chosen_path!(verify_batch_stored(stored_key, items, seed))
	}

	fn networks_commitment(plmns: &[u32]) -> Option<[u8; 32]> {
		on_chosen_path!(networks_commitment(plmns))
	}
}

/// Checks every proof of the running test through the host function.
pub fn verify_on_host() {
	ON_HOST.with(|on| on.set(true));
}

/// Distinct weights, so tests can tell which one a call was charged.
pub struct TestWeights;
impl crate::WeightInfo for TestWeights {
	fn register_key() -> Weight {
		Weight::from_parts(10, 0)
	}
	fn retire_key() -> Weight {
		Weight::from_parts(11, 0)
	}
	fn anchor_usage() -> Weight {
		Weight::from_parts(12, 0)
	}
	fn discard_usage() -> Weight {
		Weight::from_parts(13, 0)
	}
	fn settle_entitlement_usage(c: u32) -> Weight {
		Weight::from_parts(1_000 + c as u64, 0)
	}
	fn settle_roaming_usage(c: u32) -> Weight {
		Weight::from_parts(2_000 + c as u64, 0)
	}
	fn acknowledge_usage() -> Weight {
		Weight::from_parts(14, 0)
	}
	fn release_held() -> Weight {
		Weight::from_parts(15, 0)
	}
	fn settle_usage_batch(n: u32) -> Weight {
		Weight::from_parts(3_000 + n as u64, 0)
	}
	fn settle_usage_batch_fallback(n: u32) -> Weight {
		Weight::from_parts(4_000 + n as u64, 0)
	}
}

parameter_types! {
	pub static ActiveTelcos: Vec<AccountId> = vec![TELCO, OTHER_TELCO];
	/// Unix seconds the mock's clock reads.
	pub static Now: u64 = NOW_SECS;
	/// The sessions of the next batch `records` makes start here: batches never overlap.
	pub static NextSession: u64 = PERIOD.start;
}

pub struct MockTime;
impl frame_support::traits::UnixTime for MockTime {
	fn now() -> core::time::Duration {
		core::time::Duration::from_secs(Now::get())
	}
}

/// The network every active operator registered, as a PLMN.
pub fn network() -> gesim_primitives::Plmn {
	gesim_primitives::Plmn::from_digits(NETWORK.0.as_bytes(), NETWORK.1.as_bytes()).unwrap()
}

pub struct MockTelcos;
impl TelcoInspect<AccountId> for MockTelcos {
	fn is_active(telco: &AccountId) -> bool {
		ActiveTelcos::get().contains(telco)
	}

	fn active_networks(telco: &AccountId) -> Option<Vec<gesim_primitives::Plmn>> {
		Self::is_active(telco).then(|| vec![network()])
	}
}

/// What the stand-ins hold: entitlements, escrow intents and roaming bookings, and the
/// money each account was paid. It lives in storage, so a failed call rolls it back as it
/// would the real pallets' state, and `assert_noop!` sees it.
#[derive(Default, codec::Encode, codec::Decode)]
pub struct World {
	pub entitlements: BTreeMap<EntitlementId, EntitlementView<AccountId, u64>>,
	pub held: BTreeMap<IntentId, StablecoinAmount>,
	pub reserved: BTreeMap<IntentId, StablecoinAmount>,
	pub frozen: Vec<IntentId>,
	pub paid_to_telcos: StablecoinAmount,
	pub paid_to_treasury: StablecoinAmount,
	pub refunded_to_subscribers: StablecoinAmount,
	/// (agreement, visited, bytes, amount) per booking.
	pub bookings: Vec<(AgreementId, AccountId, Bytes, StablecoinAmount)>,
	pub agreement_in_force: bool,
}

impl World {
	/// Pays `amount` of `intent`'s held money to the operator, less the margin.
	fn pay_telco(
		&mut self,
		intent: IntentId,
		amount: StablecoinAmount,
	) -> Result<Release, DispatchError> {
		if self.frozen.contains(&intent) {
			return Err(DispatchError::Other("Frozen"));
		}
		let held = self.held.get_mut(&intent).ok_or(DispatchError::Other("UnknownIntent"))?;
		*held = held.checked_sub(amount).ok_or(DispatchError::Other("InsufficientHeld"))?;
		let margin = amount * MARGIN_BPS / 10_000;
		self.paid_to_telcos += amount - margin;
		self.paid_to_treasury += margin;
		Ok(Release { to_payee: amount - margin, margin })
	}

	fn unreserve(&mut self, intent: IntentId, amount: StablecoinAmount) -> DispatchResult {
		if self.frozen.contains(&intent) {
			return Err(DispatchError::Other("Frozen"));
		}
		let reserved = self.reserved.entry(intent).or_default();
		*reserved = reserved
			.checked_sub(amount)
			.ok_or(DispatchError::Other("InsufficientReserved"))?;
		Ok(())
	}
}

const WORLD_KEY: &[u8] = b":metering-test-world:";

/// Reads, changes and writes back the stand-ins' state.
pub fn world<R>(f: impl FnOnce(&mut World) -> R) -> R {
	let mut w: World = frame_support::storage::unhashed::get(WORLD_KEY).unwrap_or_default();
	let out = f(&mut w);
	frame_support::storage::unhashed::put(WORLD_KEY, &w);
	out
}

pub struct MockCatalog;
impl EntitlementLedger<AccountId, u64> for MockCatalog {
	fn entitlement(id: EntitlementId) -> Option<EntitlementView<AccountId, u64>> {
		world(|w| w.entitlements.get(&id).cloned())
	}

	fn consume(id: EntitlementId, bytes: Bytes) -> Result<Bytes, DispatchError> {
		world(|w| {
			let e =
				w.entitlements.get_mut(&id).ok_or(DispatchError::Other("UnknownEntitlement"))?;
			let taken = bytes.min(e.remaining_bytes);
			e.remaining_bytes -= taken;
			Ok(taken)
		})
	}

	fn revoke_unserved(_: EntitlementId) -> Result<StablecoinAmount, DispatchError> {
		unimplemented!("metering never revokes entitlements")
	}

	fn end_by_ruling(
		_: EntitlementId,
		_: gesim_primitives::BasisPoints,
	) -> Result<(StablecoinAmount, Release), DispatchError> {
		unimplemented!("metering never ends entitlements")
	}

	fn reallocate(
		_: EntitlementId,
		_: gesim_primitives::PlanId,
	) -> Result<gesim_primitives::Reallocation, DispatchError> {
		unimplemented!("metering never reallocates entitlements")
	}
	fn plan_rate(_: gesim_primitives::PlanId) -> Option<gesim_primitives::PlanRate> {
		unimplemented!("metering never reads plan rates")
	}
	fn split_off(
		_: EntitlementId,
		_: gesim_primitives::Bytes,
		_: &AccountId,
	) -> Result<gesim_primitives::Split, DispatchError> {
		unimplemented!("metering never splits entitlements")
	}
}

pub struct MockEscrow;
impl EscrowLedger<AccountId, u64> for MockEscrow {
	fn open(
		_: &AccountId,
		_: &AccountId,
		_: StablecoinAmount,
		_: u64,
	) -> Result<IntentId, DispatchError> {
		unimplemented!("metering never opens intents")
	}
	fn top_up(_: IntentId, _: StablecoinAmount, _: u64) -> DispatchResult {
		unimplemented!("metering never tops up intents")
	}
	fn reassign(
		_: IntentId,
		_: StablecoinAmount,
		_: &AccountId,
		_: &AccountId,
		_: u64,
	) -> Result<IntentId, DispatchError> {
		unimplemented!("metering never reassigns intents")
	}
	fn release(intent: IntentId, amount: StablecoinAmount) -> Result<Release, DispatchError> {
		if amount > Self::unreserved(intent).unwrap_or(0) {
			return Err(DispatchError::Other("InsufficientHeld"));
		}
		world(|w| w.pay_telco(intent, amount))
	}
	fn reserve(intent: IntentId, amount: StablecoinAmount) -> DispatchResult {
		if amount > Self::unreserved(intent).unwrap_or(0) {
			return Err(DispatchError::Other("InsufficientHeld"));
		}
		world(|w| *w.reserved.entry(intent).or_default() += amount);
		Ok(())
	}
	fn release_reserved(
		intent: IntentId,
		amount: StablecoinAmount,
	) -> Result<Release, DispatchError> {
		world(|w| {
			w.unreserve(intent, amount)?;
			w.pay_telco(intent, amount)
		})
	}
	fn refund_reserved(intent: IntentId, amount: StablecoinAmount) -> DispatchResult {
		world(|w| {
			w.unreserve(intent, amount)?;
			let held = w.held.get_mut(&intent).ok_or(DispatchError::Other("UnknownIntent"))?;
			*held -= amount;
			w.refunded_to_subscribers += amount;
			Ok(())
		})
	}
	fn reserved(intent: IntentId) -> StablecoinAmount {
		world(|w| w.reserved.get(&intent).copied().unwrap_or(0))
	}
	fn refund(_: IntentId, _: StablecoinAmount) -> DispatchResult {
		unimplemented!("metering never refunds")
	}
	fn freeze(intent: IntentId) -> DispatchResult {
		world(|w| w.frozen.push(intent));
		Ok(())
	}
	fn thaw(_: IntentId) -> DispatchResult {
		unimplemented!("metering never thaws")
	}
	fn end_early(_: IntentId, _: u64) -> DispatchResult {
		unimplemented!("metering never ends intents")
	}
	fn settlement_deadline(intent: IntentId) -> Option<u64> {
		world(|w| w.held.contains_key(&intent)).then_some(EXPIRES_AT + SETTLEMENT_GRACE)
	}
	fn held(intent: IntentId) -> Option<StablecoinAmount> {
		world(|w| w.held.get(&intent).copied())
	}
}

pub struct MockRoaming;
impl RoamingLedger<AccountId, u64> for MockRoaming {
	fn ensure_can_invoice(
		agreement: AgreementId,
		visited: &AccountId,
		_anchored_at: u64,
	) -> DispatchResult {
		if agreement != AGREEMENT || !world(|w| w.agreement_in_force) {
			return Err(DispatchError::Other("AgreementNotInForce"));
		}
		if *visited != TELCO && *visited != OTHER_TELCO {
			return Err(DispatchError::Other("NotAParty"));
		}
		Ok(())
	}

	fn book_usage(
		agreement: AgreementId,
		visited: &AccountId,
		bytes: Bytes,
		_anchored_at: u64,
	) -> Result<StablecoinAmount, DispatchError> {
		let amount = bytes as u128 * RATE_PER_MB / 1_000_000;
		world(|w| w.bookings.push((agreement, visited.clone(), bytes, amount)));
		Ok(amount)
	}
}

/// TELCO serving ENTITLEMENT (intent 50), OTHER_TELCO serving FOREIGN_ENTITLEMENT (intent 60),
/// AGREEMENT in force; no key registered; block 1.
pub fn new_test_ext() -> sp_io::TestExternalities {
	ActiveTelcos::set(vec![TELCO, OTHER_TELCO]);
	TestParameters::clear();
	TestParameters::put(ProtocolParameter::ChallengeWindow(CHALLENGE_WINDOW));
	TestParameters::put(ProtocolParameter::<u64>::AcknowledgementTolerance(TOLERANCE_BPS));
	Now::set(NOW_SECS);
	NextSession::set(PERIOD.start);
	let storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| {
		System::set_block_number(1);
		world(|w| {
			for (id, telco, intent) in
				[(ENTITLEMENT, TELCO, 50), (FOREIGN_ENTITLEMENT, OTHER_TELCO, 60)]
			{
				w.entitlements.insert(
					id,
					EntitlementView {
						holder: SUBSCRIBER,
						telco,
						plan: 1,
						remaining_bytes: QUOTA,
						expires_at: EXPIRES_AT,
						intent,
					},
				);
				w.held.insert(intent, PRICE);
			}
			w.agreement_in_force = true;
		})
	});
	ext
}

/// The dev-seeded key of `circuit`, generated once per test binary.
pub fn circuit_key(circuit: CircuitId) -> &'static CircuitKey {
	static KEYS: [OnceLock<CircuitKey>; 7] = [const { OnceLock::new() }; 7];
	let slot = CircuitId::ALL.iter().position(|c| *c == circuit).unwrap();
	KEYS[slot].get_or_init(|| CircuitKey::generate(circuit, SetupRandomness::DevSeed(7)).unwrap())
}

/// The verifying key bytes of `circuit`, as the council submits them.
pub fn vk_bytes(circuit: CircuitId) -> gesim_zk::verifier::VerifyingKeyBytes {
	gesim_zk::verifier::VerifyingKeyBytes::new(circuit_key(circuit).verifying_key_bytes()).unwrap()
}

/// Registers the usage-64 key as the council would.
pub fn register_usage_key() {
	crate::Pallet::<Test>::register_key(
		frame_system::RawOrigin::Root.into(),
		USAGE_64,
		vk_bytes(CircuitId::Usage64),
	)
	.unwrap();
}

/// `n` records of ENTITLEMENT whose volumes sum to `total` (n ≥ 1): minute-long sessions,
/// after those of the batch made before.
pub fn records(n: usize, total: Bytes) -> Vec<UsageRecord> {
	let first = NextSession::get();
	NextSession::set(first + n as u64 * 60 + 60);
	(0..n)
		.map(|i| {
			let share = total / n as u64 + if i == 0 { total % n as u64 } else { 0 };
			UsageRecord {
				binding_id: UsageSubject::Entitlement(ENTITLEMENT).binding_id(),
				session_start: first + i as u64 * 60,
				duration_secs: 60,
				bytes_up: share / 4,
				bytes_down: share - share / 4,
				serving_network: Plmn::parse(NETWORK.0, NETWORK.1).unwrap(),
			}
		})
		.collect()
}

/// `records` charged to `subject` instead.
pub fn charged_to(records: &[UsageRecord], subject: UsageSubject) -> Vec<UsageRecord> {
	records
		.iter()
		.map(|r| UsageRecord { binding_id: subject.binding_id(), ..*r })
		.collect()
}

/// The period `records` cover: first start to last end.
pub fn period_of(records: &[UsageRecord]) -> UsagePeriod {
	UsagePeriod {
		start: records.iter().map(|r| r.session_start).min().unwrap(),
		end: records.iter().map(|r| r.session_start + r.duration_secs as u64).max().unwrap(),
	}
}

/// The root `records` commit to under the usage-64 circuit.
pub fn root_of(records: &[UsageRecord]) -> [u8; 32] {
	UsageCommitment::new(records, gesim_zk::BatchSize::from_circuit(CircuitId::Usage64).unwrap())
		.unwrap()
		.root_bytes()
}

/// A real usage-64 proof that `records` (charged to `subject`, in their own period, on the
/// networks they were served on — the mock operators' one, unless a test says otherwise) sum
/// to their total, by `telco`, on the chain whose genesis hash is `genesis`.
pub fn prove_on(
	records: &[UsageRecord],
	nonce: u64,
	telco: &AccountId,
	subject: UsageSubject,
	genesis: [u8; 32],
) -> UsageClaim {
	let period = period_of(records);
	let statement = UsageStatement {
		nonce,
		binding: usage_binding(telco.as_ref(), subject.binding_id(), &genesis),
		subject: subject.binding_id(),
		period_start: period.start,
		period_end: period.end,
		networks: records
			.iter()
			.map(|r| r.serving_network.to_bcd())
			.collect::<std::collections::BTreeSet<_>>()
			.into_iter()
			.collect(),
	};
	let key = circuit_key(CircuitId::Usage64);
	let proof =
		gesim_zk::prove_usage(key, records, statement, &mut ChaCha20Rng::seed_from_u64(nonce))
			.unwrap();
	UsageClaim { total_bytes: proof.commitment.total_bytes, nonce, proof: proof.proof.proof }
}

/// [`prove_on`] this chain (call inside externalities).
pub fn prove(
	records: &[UsageRecord],
	nonce: u64,
	telco: &AccountId,
	subject: UsageSubject,
) -> UsageClaim {
	prove_on(records, nonce, telco, subject, crate::Pallet::<Test>::genesis_hash())
}

/// Anchors `records` for `subject` under `nonce`, signed by `telco`.
pub fn anchor(
	telco: &AccountId,
	subject: UsageSubject,
	records: &[UsageRecord],
	nonce: u64,
) -> DispatchResult {
	anchor_with(telco, subject, USAGE_64, root_of(records), period_of(records), nonce)
}

/// `anchor_usage` signed by `telco`, with every argument as given.
pub fn anchor_with(
	telco: &AccountId,
	subject: UsageSubject,
	key: KeyId,
	root: [u8; 32],
	period: UsagePeriod,
	nonce: u64,
) -> DispatchResult {
	crate::Pallet::<Test>::anchor_usage(
		frame_system::RawOrigin::Signed(telco.clone()).into(),
		subject,
		key,
		root,
		period,
		nonce,
	)
}

/// The last event of this pallet.
pub fn last_event() -> crate::Event<Test> {
	System::events()
		.into_iter()
		.rev()
		.find_map(|r| if let RuntimeEvent::Metering(e) = r.event { Some(e) } else { None })
		.expect("an event of the metering pallet")
}
