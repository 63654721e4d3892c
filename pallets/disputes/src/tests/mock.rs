//! Disputes against the real stablecoin (pallet-assets) and small in-memory stand-ins for the
//! catalog, escrow, metering's held settlements, lent devices and the operators' bonds, which record what
//! the pallet asked of them.

use crate as pallet_disputes;
use frame_support::{
	derive_impl, parameter_types,
	traits::{fungible::ItemOf, AsEnsureOriginWithArg},
	PalletId,
};
use frame_system::{EnsureRoot, EnsureSigned};
pub use gesim_primitives::parameters::testing::TestParameters;
use gesim_primitives::{
	stablecoin, traits::pro_rata, AgreementId, BasisPoints, BondSlash, DeviceId, DeviceSwaps,
	EntitlementId, EntitlementLedger, EntitlementView, EscrowLedger, HeldSettlementLedger,
	HeldSettlementView, IntentId, PlanId, ProtocolParameter, Reallocation, Release,
	RoamingDisputeLedger, StablecoinAmount, SwapId,
};
use sp_core::H256;
use sp_runtime::{BuildStorage, DispatchError, DispatchResult};
use std::collections::BTreeMap;

type Block = frame_system::mocking::MockBlock<Test>;
pub type AccountId = u64;

pub const ISSUER: AccountId = 1;
pub const HOLDER: AccountId = 2;
pub const TELCO: AccountId = 10;
/// Another operator, whose plan OTHER_PLAN a reallocation moves ENTITLEMENT to.
pub const OTHER_TELCO: AccountId = 11;
pub const OTHER_PLAN: PlanId = 2;
pub const REALLOCATED_TO: EntitlementId = 6;
/// An operator that owes TELCO BOOKED for roaming usage under AGREEMENT.
pub const HOME: AccountId = 12;
pub const AGREEMENT: AgreementId = 3;
pub const BOOKED: StablecoinAmount = 2 * DOLLAR + 1;
pub const STRANGER: AccountId = 3;
/// Holds no stablecoin.
pub const PAUPER: AccountId = 4;
pub const TREASURY: AccountId = 99;

pub const DOLLAR: StablecoinAmount = stablecoin::DOLLAR;
pub const DEPOSIT: StablecoinAmount = DOLLAR;
pub const STARTING_BALANCE: StablecoinAmount = 100 * DOLLAR;
/// TELCO's entitlement held by HOLDER, paid with intent 50: $10 held.
pub const ENTITLEMENT: EntitlementId = 5;
pub const INTENT: IntentId = 50;
pub const HELD_INTENT_MONEY: StablecoinAmount = 10 * DOLLAR;
pub const EXPIRES_AT: u64 = 100;
pub const DISPUTE_WINDOW: u64 = 20;
/// TELCO's held settlement under this nonce, of ENTITLEMENT: $3.000001 reserved.
pub const NONCE: u64 = 7;
pub const HELD_AMOUNT: StablecoinAmount = 3 * DOLLAR + 1;
pub const RELEASES_AT: u64 = 30;
pub const MARGIN_BPS: u128 = 200;
/// A device HOLDER has, and one TELCO has.
pub const HOLDER_DEVICE: DeviceId = 40;
pub const TELCO_DEVICE: DeviceId = 41;
pub const MEETUP: H256 = H256::repeat_byte(0x4D);

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Assets: pallet_assets,
		Disputes: pallet_disputes,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountData = pallet_balances::AccountData<u64>;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type AccountStore = System;
}

#[derive_impl(pallet_assets::config_preludes::TestDefaultConfig)]
impl pallet_assets::Config for Test {
	type Balance = StablecoinAmount;
	type Currency = Balances;
	type CreateOrigin = AsEnsureOriginWithArg<EnsureSigned<AccountId>>;
	type ForceOrigin = EnsureRoot<AccountId>;
}

parameter_types! {
	pub const DisputesPalletId: PalletId = PalletId(*b"gsm/disp");
	pub const StablecoinId: u32 = stablecoin::ASSET_ID;
	pub const Treasury: AccountId = TREASURY;
	pub const DisputeDeposit: StablecoinAmount = DEPOSIT;
}

pub type Stablecoin = ItemOf<Assets, StablecoinId, AccountId>;

impl pallet_disputes::Config for Test {
	type Entitlements = MockWorld;
	type Escrow = MockWorld;
	type HeldSettlements = MockWorld;
	type Roaming = MockWorld;
	type Devices = MockWorld;
	type Bonds = MockWorld;
	type Stablecoin = Stablecoin;
	type DisputeDeposit = DisputeDeposit;
	type PalletId = DisputesPalletId;
	type Treasury = Treasury;
	type CouncilOrigin = EnsureRoot<AccountId>;
	type Parameters = TestParameters;
	type WeightInfo = ();
}

/// What the stand-ins hold and what the pallet asked of them. It lives in storage, so a failed
/// call rolls it back and `assert_noop!` sees it.
#[derive(Default, codec::Encode, codec::Decode)]
pub struct World {
	pub entitlements: BTreeMap<EntitlementId, EntitlementView<AccountId, u64>>,
	/// Unreserved money held per intent.
	pub held: BTreeMap<IntentId, StablecoinAmount>,
	pub frozen: Vec<IntentId>,
	pub held_settlements: BTreeMap<(AccountId, u64), HeldSettlementView<u64>>,
	/// (entitlement, to-holder basis points) per `end_by_ruling`.
	pub ended: Vec<(EntitlementId, BasisPoints)>,
	/// (entitlement, plan) per `reallocate`.
	pub reallocated: Vec<(EntitlementId, PlanId)>,
	/// (telco, nonce, to holder) per `resolve`.
	pub resolved: Vec<(AccountId, u64, StablecoinAmount)>,
	/// (telco, amount, beneficiary) per slash.
	pub slashed: Vec<(AccountId, u64, AccountId)>,
	/// What each visited operator is owed per agreement: (agreement, visited) → (home, amount).
	pub booked: BTreeMap<(AgreementId, AccountId), (AccountId, StablecoinAmount)>,
	/// Agreements kept out of netting.
	pub disputed_agreements: Vec<AgreementId>,
	/// The bond each operator has left.
	pub bonds: BTreeMap<AccountId, u64>,
	/// Who holds each device.
	pub devices: BTreeMap<DeviceId, AccountId>,
	/// (first, second, meetup) per `propose_swap`; a swap's id is its index.
	pub swaps: Vec<((AccountId, DeviceId), (AccountId, DeviceId), H256)>,
}

const WORLD_KEY: &[u8] = b":disputes-test-world:";

pub fn world<R>(f: impl FnOnce(&mut World) -> R) -> R {
	let mut w: World = frame_support::storage::unhashed::get(WORLD_KEY).unwrap_or_default();
	let out = f(&mut w);
	frame_support::storage::unhashed::put(WORLD_KEY, &w);
	out
}

fn split(amount: StablecoinAmount) -> Release {
	let margin = amount * MARGIN_BPS / 10_000;
	Release { to_payee: amount - margin, margin }
}

pub struct MockWorld;

impl EntitlementLedger<AccountId, u64> for MockWorld {
	fn entitlement(id: EntitlementId) -> Option<EntitlementView<AccountId, u64>> {
		world(|w| w.entitlements.get(&id).cloned())
	}
	fn consume(_: EntitlementId, _: u64) -> Result<u64, DispatchError> {
		unimplemented!("disputes never consume quota")
	}
	fn revoke_unserved(_: EntitlementId) -> Result<StablecoinAmount, DispatchError> {
		unimplemented!("disputes never revoke")
	}
	fn end_by_ruling(
		id: EntitlementId,
		to_holder_bps: BasisPoints,
	) -> Result<(StablecoinAmount, Release), DispatchError> {
		world(|w| {
			let view = w.entitlements.get_mut(&id).ok_or(DispatchError::Other("Unknown"))?;
			if w.frozen.contains(&view.intent) {
				return Err(DispatchError::Other("Frozen"));
			}
			view.remaining_bytes = 0;
			let held = w.held.insert(view.intent, 0).unwrap_or(0);
			let refunded = pro_rata(held, to_holder_bps.into(), 10_000);
			w.ended.push((id, to_holder_bps));
			Ok((refunded, split(held - refunded)))
		})
	}
	/// Moves the quota and all the money to a new entitlement, REALLOCATED_TO, of OTHER_TELCO.
	fn reallocate(id: EntitlementId, plan: PlanId) -> Result<Reallocation, DispatchError> {
		world(|w| {
			let view = w.entitlements.get_mut(&id).ok_or(DispatchError::Other("Unknown"))?;
			if w.frozen.contains(&view.intent) {
				return Err(DispatchError::Other("Frozen"));
			}
			let bytes = core::mem::take(&mut view.remaining_bytes);
			let moved = w.held.insert(view.intent, 0).unwrap_or(0);
			let new =
				EntitlementView { telco: OTHER_TELCO, plan, intent: INTENT + 1, ..view.clone() };
			w.entitlements.insert(REALLOCATED_TO, new);
			w.held.insert(INTENT + 1, moved);
			w.reallocated.push((id, plan));
			Ok(Reallocation { to: REALLOCATED_TO, bytes, moved, refunded: 0 })
		})
	}
	fn plan_rate(_: gesim_primitives::PlanId) -> Option<gesim_primitives::PlanRate> {
		unimplemented!("disputes never reads plan rates")
	}
	fn split_off(
		_: EntitlementId,
		_: gesim_primitives::Bytes,
		_: &AccountId,
	) -> Result<gesim_primitives::Split, DispatchError> {
		unimplemented!("disputes never splits entitlements")
	}
}

impl EscrowLedger<AccountId, u64> for MockWorld {
	fn open(
		_: &AccountId,
		_: &AccountId,
		_: StablecoinAmount,
		_: u64,
	) -> Result<IntentId, DispatchError> {
		unimplemented!()
	}
	fn top_up(_: IntentId, _: StablecoinAmount, _: u64) -> DispatchResult {
		unimplemented!()
	}
	fn reassign(
		_: IntentId,
		_: StablecoinAmount,
		_: &AccountId,
		_: &AccountId,
		_: u64,
	) -> Result<IntentId, DispatchError> {
		unimplemented!()
	}
	fn release(_: IntentId, _: StablecoinAmount) -> Result<Release, DispatchError> {
		unimplemented!()
	}
	fn refund(_: IntentId, _: StablecoinAmount) -> DispatchResult {
		unimplemented!()
	}
	fn end_early(_: IntentId, _: u64) -> DispatchResult {
		unimplemented!()
	}
	fn settlement_deadline(_: IntentId) -> Option<u64> {
		unimplemented!()
	}
	fn freeze(intent: IntentId) -> DispatchResult {
		world(|w| {
			if w.frozen.contains(&intent) {
				return Err(DispatchError::Other("AlreadyFrozen"));
			}
			w.frozen.push(intent);
			Ok(())
		})
	}
	fn thaw(intent: IntentId) -> DispatchResult {
		world(|w| {
			let before = w.frozen.len();
			w.frozen.retain(|i| *i != intent);
			if w.frozen.len() == before {
				return Err(DispatchError::Other("NotFrozen"));
			}
			Ok(())
		})
	}
	fn held(intent: IntentId) -> Option<StablecoinAmount> {
		world(|w| w.held.get(&intent).copied())
	}
	fn reserve(_: IntentId, _: StablecoinAmount) -> DispatchResult {
		unimplemented!()
	}
	fn release_reserved(_: IntentId, _: StablecoinAmount) -> Result<Release, DispatchError> {
		unimplemented!()
	}
	fn refund_reserved(_: IntentId, _: StablecoinAmount) -> DispatchResult {
		unimplemented!()
	}
	fn reserved(_: IntentId) -> StablecoinAmount {
		0
	}
}

impl HeldSettlementLedger<AccountId, u64> for MockWorld {
	fn held_settlement(telco: &AccountId, nonce: u64) -> Option<HeldSettlementView<u64>> {
		world(|w| w.held_settlements.get(&(*telco, nonce)).cloned())
	}
	fn resolve(
		telco: &AccountId,
		nonce: u64,
		to_holder: StablecoinAmount,
	) -> Result<Release, DispatchError> {
		world(|w| {
			let held = w
				.held_settlements
				.remove(&(*telco, nonce))
				.ok_or(DispatchError::Other("UnknownHeldSettlement"))?;
			if w.frozen.contains(&held.intent) {
				return Err(DispatchError::Other("Frozen"));
			}
			w.resolved.push((*telco, nonce, to_holder));
			Ok(split(held.amount - to_holder))
		})
	}
}

impl RoamingDisputeLedger<AccountId> for MockWorld {
	fn booked(
		agreement: AgreementId,
		visited: &AccountId,
	) -> Option<(AccountId, StablecoinAmount)> {
		world(|w| w.booked.get(&(agreement, *visited)).copied())
	}
	fn freeze(agreement: AgreementId) -> DispatchResult {
		world(|w| {
			if w.disputed_agreements.contains(&agreement) {
				return Err(DispatchError::Other("AlreadyDisputed"));
			}
			w.disputed_agreements.push(agreement);
			Ok(())
		})
	}
	fn thaw(agreement: AgreementId) -> DispatchResult {
		world(|w| {
			let before = w.disputed_agreements.len();
			w.disputed_agreements.retain(|a| *a != agreement);
			if w.disputed_agreements.len() == before {
				return Err(DispatchError::Other("NotDisputed"));
			}
			Ok(())
		})
	}
	fn write_down(
		agreement: AgreementId,
		visited: &AccountId,
		amount: StablecoinAmount,
	) -> DispatchResult {
		world(|w| {
			let (_, booked) = w
				.booked
				.get_mut(&(agreement, *visited))
				.ok_or(DispatchError::Other("Unknown"))?;
			*booked =
				booked.checked_sub(amount).ok_or(DispatchError::Other("InsufficientPayable"))?;
			Ok(())
		})
	}
}

impl DeviceSwaps<AccountId> for MockWorld {
	fn propose_swap(
		first: (&AccountId, DeviceId),
		second: (&AccountId, DeviceId),
		meetup: H256,
	) -> Result<SwapId, DispatchError> {
		world(|w| {
			for (holder, device) in [first, second] {
				if w.devices.get(&device) != Some(holder) {
					return Err(DispatchError::Other("NotHolder"));
				}
			}
			w.swaps.push(((*first.0, first.1), (*second.0, second.1), meetup));
			Ok(w.swaps.len() as SwapId - 1)
		})
	}
}

impl BondSlash<AccountId> for MockWorld {
	type Balance = u64;

	fn slash_to(telco: &AccountId, amount: u64, beneficiary: &AccountId) -> DispatchResult {
		world(|w| {
			let bond = w.bonds.get_mut(telco).ok_or(DispatchError::Other("UnknownTelco"))?;
			*bond = bond.checked_sub(amount).ok_or(DispatchError::Other("SlashExceedsBond"))?;
			w.slashed.push((*telco, amount, *beneficiary));
			Ok(())
		})
	}
}

/// HOLDER and TELCO funded; ENTITLEMENT live until EXPIRES_AT with $10 held; TELCO's held
/// settlement under NONCE in its window; HOME owes TELCO BOOKED under AGREEMENT; TELCO's bond
/// 1 000; HOLDER_DEVICE and TELCO_DEVICE held; block 1.
pub fn new_test_ext() -> sp_io::TestExternalities {
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: vec![(ISSUER, 1_000)],
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	pallet_assets::GenesisConfig::<Test> {
		assets: vec![(stablecoin::ASSET_ID, ISSUER, true, stablecoin::MIN_BALANCE)],
		metadata: vec![],
		accounts: vec![
			(stablecoin::ASSET_ID, HOLDER, STARTING_BALANCE),
			(stablecoin::ASSET_ID, TELCO, STARTING_BALANCE),
			(stablecoin::ASSET_ID, STRANGER, STARTING_BALANCE),
			(stablecoin::ASSET_ID, HOME, STARTING_BALANCE),
			(stablecoin::ASSET_ID, TREASURY, stablecoin::MIN_BALANCE),
		],
		next_asset_id: None,
		reserves: vec![],
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	TestParameters::clear();
	TestParameters::put(ProtocolParameter::<u64>::DisputeWindow(DISPUTE_WINDOW));
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| {
		System::set_block_number(1);
		world(|w| {
			w.entitlements.insert(
				ENTITLEMENT,
				EntitlementView {
					holder: HOLDER,
					telco: TELCO,
					plan: 1,
					remaining_bytes: 1_000,
					expires_at: EXPIRES_AT,
					intent: INTENT,
				},
			);
			w.held.insert(INTENT, HELD_INTENT_MONEY);
			w.held_settlements.insert(
				(TELCO, NONCE),
				HeldSettlementView {
					entitlement: ENTITLEMENT,
					intent: INTENT,
					amount: HELD_AMOUNT,
					releases_at: RELEASES_AT,
				},
			);
			w.bonds.insert(TELCO, 1_000);
			w.booked.insert((AGREEMENT, TELCO), (HOME, BOOKED));
			w.devices.insert(HOLDER_DEVICE, HOLDER);
			w.devices.insert(TELCO_DEVICE, TELCO);
		})
	});
	ext
}

pub fn balance(who: AccountId) -> StablecoinAmount {
	use frame_support::traits::fungible::Inspect;
	Stablecoin::balance(&who)
}

pub fn last_event() -> pallet_disputes::Event<Test> {
	System::events()
		.into_iter()
		.rev()
		.find_map(|r| if let RuntimeEvent::Disputes(e) = r.event { Some(e) } else { None })
		.expect("an event of the disputes pallet")
}
