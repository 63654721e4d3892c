//! Provisioning alone, against small stand-ins for the catalog, identities and the registry's
//! receipt keys; receipts are signed with real Ed25519 keys.

use crate::{self as pallet_esim_provisioning, receipt_payload, Receipt, ReceiptKey};
use frame_support::{derive_impl, traits::ConstU32};
pub use gesim_primitives::parameters::testing::TestParameters;
use gesim_primitives::{
	EidCommitment, EntitlementId, EntitlementLedger, EntitlementView, IdentityInspect, OrderId,
	ProtocolParameter, ReceiptKeys, StablecoinAmount,
};
use sp_core::{ed25519, Pair};
use sp_runtime::{BuildStorage, DispatchError};
use std::collections::{BTreeMap, BTreeSet};

type Block = frame_system::mocking::MockBlock<Test>;
pub type AccountId = u64;

pub const SUBSCRIBER: AccountId = 1;
pub const OTHER_SUBSCRIBER: AccountId = 2;
pub const TELCO: AccountId = 10;
pub const OTHER_TELCO: AccountId = 11;

/// SUBSCRIBER's entitlement from TELCO, and another from OTHER_TELCO.
pub const ENTITLEMENT: EntitlementId = 5;
pub const OTHER_ENTITLEMENT: EntitlementId = 6;
/// OTHER_SUBSCRIBER's entitlement from TELCO.
pub const NEIGHBOUR_ENTITLEMENT: EntitlementId = 7;
pub const EXPIRES_AT: u64 = 1_000;
pub const PRICE: StablecoinAmount = 10_000_000;
pub const DEADLINE: u64 = 20;
pub const MAX_ORDERS: u32 = 3;

pub const DEVICE_KEY: [u8; 32] = [0xD1; 32];
pub const EID: EidCommitment = [0xE1; 32];

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		EsimProvisioning: pallet_esim_provisioning,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
}

impl pallet_esim_provisioning::Config for Test {
	type Entitlements = MockCatalog;
	type Identity = MockIdentity;
	type ReceiptKeys = MockReceiptKeys;
	type Parameters = TestParameters;
	type MaxDeviceKeys = ConstU32<2>;
	type MaxOrdersPerEntitlement = ConstU32<MAX_ORDERS>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = WorldHelper;
}

/// What the stand-ins hold. It lives in storage, so a failed call rolls it back as it would
/// the real pallets' state, and `assert_noop!` sees it.
#[derive(Default, codec::Encode, codec::Decode)]
pub struct World {
	pub entitlements: BTreeMap<EntitlementId, EntitlementView<AccountId, u64>>,
	pub held: BTreeMap<EntitlementId, StablecoinAmount>,
	/// Escrow refuses: a dispute froze it.
	pub frozen: BTreeSet<EntitlementId>,
	pub refunded: BTreeMap<AccountId, StablecoinAmount>,
	pub eid_commitments: BTreeSet<(AccountId, EidCommitment)>,
	pub receipt_keys: BTreeMap<AccountId, Vec<ReceiptKey>>,
}

const WORLD_KEY: &[u8] = b":provisioning-test-world:";

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
	fn consume(_: EntitlementId, _: u64) -> Result<u64, DispatchError> {
		unimplemented!("provisioning never consumes quota")
	}
	fn revoke_unserved(id: EntitlementId) -> Result<StablecoinAmount, DispatchError> {
		world(|w| {
			if w.frozen.contains(&id) {
				return Err(DispatchError::Other("Frozen"));
			}
			let now = System::block_number();
			let e =
				w.entitlements.get_mut(&id).ok_or(DispatchError::Other("UnknownEntitlement"))?;
			e.expires_at = e.expires_at.min(now - 1);
			e.remaining_bytes = 0;
			let holder = e.holder;
			let amount = w.held.insert(id, 0).unwrap_or(0);
			*w.refunded.entry(holder).or_default() += amount;
			Ok(amount)
		})
	}

	fn end_by_ruling(
		_: EntitlementId,
		_: gesim_primitives::BasisPoints,
	) -> Result<(StablecoinAmount, gesim_primitives::Release), DispatchError> {
		unimplemented!("provisioning never rules on disputes")
	}

	fn reallocate(
		_: EntitlementId,
		_: gesim_primitives::PlanId,
	) -> Result<gesim_primitives::Reallocation, DispatchError> {
		unimplemented!("provisioning never rules on disputes")
	}
	fn plan_rate(_: gesim_primitives::PlanId) -> Option<gesim_primitives::PlanRate> {
		unimplemented!("provisioning never reads plan rates")
	}
	fn split_off(
		_: EntitlementId,
		_: gesim_primitives::Bytes,
		_: &AccountId,
	) -> Result<gesim_primitives::Split, DispatchError> {
		unimplemented!("provisioning never splits entitlements")
	}
}

pub struct MockIdentity;
impl IdentityInspect<AccountId> for MockIdentity {
	fn verified_issuer(_: &AccountId) -> Option<AccountId> {
		Some(TELCO)
	}
	fn holds_eid_commitment(who: &AccountId, commitment: &EidCommitment) -> bool {
		world(|w| w.eid_commitments.contains(&(*who, *commitment)))
	}
}

pub struct MockReceiptKeys;
impl ReceiptKeys<AccountId> for MockReceiptKeys {
	fn is_valid_receipt_key(telco: &AccountId, key: &[u8; 32]) -> bool {
		world(|w| w.receipt_keys.get(telco).is_some_and(|keys| keys.contains(key)))
	}
}

/// The gateway key of `telco` (seeded by its account), or any seed for a forger.
pub fn gateway_key(seed: u64) -> ed25519::Pair {
	let mut bytes = [0u8; 32];
	bytes[..8].copy_from_slice(&seed.to_le_bytes());
	ed25519::Pair::from_seed(&bytes)
}

/// `receipt` for `order`, signed by `key` over this chain's genesis hash.
pub fn signed(key: &ed25519::Pair, order: OrderId, receipt: &Receipt) -> (ReceiptKey, [u8; 64]) {
	let genesis = System::block_hash(0);
	(key.public().0, key.sign(&receipt_payload(&genesis, order, receipt)).0)
}

/// TELCO's gateway submits `receipt` for `order`, signed with TELCO's key.
pub fn submit(order: OrderId, receipt: Receipt) -> sp_runtime::DispatchResult {
	let (signer, signature) = signed(&gateway_key(TELCO), order, &receipt);
	EsimProvisioning::submit_receipt(
		RuntimeOrigin::signed(TELCO),
		order,
		receipt,
		signer,
		signature,
	)
}

/// SUBSCRIBER (with DEVICE_KEY registered) holding ENTITLEMENT from TELCO and
/// OTHER_ENTITLEMENT from OTHER_TELCO, OTHER_SUBSCRIBER holding NEIGHBOUR_ENTITLEMENT; each
/// telco's receipt key is `gateway_key(its account)`; SUBSCRIBER's identity holds EID; block 1.
pub fn new_test_ext() -> sp_io::TestExternalities {
	let storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.register_extension(sp_keystore::KeystoreExt::new(
		sp_keystore::testing::MemoryKeystore::new(),
	));
	ext.execute_with(|| {
		System::set_block_number(1);
		TestParameters::clear();
		TestParameters::put(ProtocolParameter::<u64>::ServiceDeadline(DEADLINE));
		world(|w| {
			for (id, holder, telco) in [
				(ENTITLEMENT, SUBSCRIBER, TELCO),
				(OTHER_ENTITLEMENT, SUBSCRIBER, OTHER_TELCO),
				(NEIGHBOUR_ENTITLEMENT, OTHER_SUBSCRIBER, TELCO),
			] {
				w.entitlements.insert(
					id,
					EntitlementView {
						holder,
						telco,
						plan: 1,
						remaining_bytes: 1 << 30,
						expires_at: EXPIRES_AT,
						intent: id as u64,
					},
				);
				w.held.insert(id, PRICE);
			}
			w.eid_commitments.insert((SUBSCRIBER, EID));
			for telco in [TELCO, OTHER_TELCO] {
				w.receipt_keys.insert(telco, vec![gateway_key(telco).public().0]);
			}
		});
		EsimProvisioning::register_device_key(RuntimeOrigin::signed(SUBSCRIBER), DEVICE_KEY)
			.unwrap();
		System::reset_events();
	});
	ext
}

/// The benchmarks' set-up through the stand-ins.
#[cfg(feature = "runtime-benchmarks")]
pub struct WorldHelper;
#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<AccountId> for WorldHelper {
	fn register_telco(telco: &AccountId, receipt_key: ReceiptKey) {
		world(|w| w.receipt_keys.insert(*telco, vec![receipt_key]));
	}
	fn entitlement(holder: &AccountId, telco: &AccountId) -> (EntitlementId, EidCommitment) {
		let eid = [0xE1; 32];
		world(|w| {
			let id = w.entitlements.keys().max().map_or(0, |max| max + 1);
			w.entitlements.insert(
				id,
				EntitlementView {
					holder: *holder,
					telco: *telco,
					plan: 1,
					remaining_bytes: 1 << 30,
					expires_at: EXPIRES_AT,
					intent: id as u64,
				},
			);
			w.held.insert(id, PRICE);
			w.eid_commitments.insert((*holder, eid));
			(id, eid)
		})
	}
	fn close_entitlement(entitlement: EntitlementId) {
		world(|w| w.entitlements.remove(&entitlement));
	}
}

/// The last event of this pallet.
pub fn last_event() -> crate::Event<Test> {
	System::events()
		.into_iter()
		.rev()
		.find_map(|record| match record.event {
			RuntimeEvent::EsimProvisioning(event) => Some(event),
			_ => None,
		})
		.expect("an event")
}
