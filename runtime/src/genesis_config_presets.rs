//! Genesis presets: `development` (one validator, instant seal in the node) and
//! `local_testnet` (four operator validators with their own session keys).

use alloc::{string::String, vec, vec::Vec};
use frame_support::build_struct_json_patch;
use serde_json::Value;
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_consensus_grandpa::AuthorityId as GrandpaId;
use sp_genesis_builder::PresetId;
use sp_keyring::{Ed25519Keyring, Sr25519Keyring};

use gesim_primitives::{Plmn, ProtocolParameter};
use sp_runtime::traits::AccountIdConversion;

use crate::{
	configs::{
		DevicesPalletId, IdentityPalletId, PlanCatalogPalletId, StablecoinAuthority,
		TreasuryAccount,
	},
	currency::{EXISTENTIAL_DEPOSIT, UNIT},
	stablecoin,
	time::DAYS,
	AccountId, AssetsConfig, Balance, BalancesConfig, BlockNumber, CouncilConfig, GovernanceConfig,
	MeteringConfig, RuntimeGenesisConfig, SessionConfig, SessionKeys, StablecoinAmount,
	TelcoRegistryConfig, ValidatorSetConfig,
};

/// Native balance of every endowed account.
pub const ENDOWMENT: Balance = 1_000_000 * UNIT;
/// Stablecoin balance of every endowed account: ten thousand dollars.
pub const STABLECOIN_ENDOWMENT: StablecoinAmount = 10_000 * stablecoin::DOLLAR;

/// Blocks per session at genesis (ten minutes at six-second blocks); the council changes it
/// with `validatorSet.setSessionLength`.
pub const SESSION_LENGTH: BlockNumber = 100;

/// Protocol margin at launch: 2 % of every release from escrow goes to the treasury.
pub const PROTOCOL_MARGIN_BPS: u16 = 200;
/// What the plan catalog's account starts with: the entitlement collection's deposit (its items
/// carry none).
pub const PLAN_CATALOG_FUND: Balance = 11 * UNIT;
/// What the identity pallet's account starts with: the identity collection's deposit.
pub const IDENTITY_FUND: Balance = 11 * UNIT;
/// What the devices pallet's account starts with: the device collection's deposit.
pub const DEVICES_FUND: Balance = 11 * UNIT;

/// An operator validator: its account, its session keys, and the test network (MCC 001,
/// ITU-T E.212's test code) it registers at genesis.
struct Operator {
	account: AccountId,
	aura: AuraId,
	grandpa: GrandpaId,
	receipt_key: [u8; 32],
	mnc: u8,
}

impl Operator {
	fn from_keyring(sr: Sr25519Keyring, ed: Ed25519Keyring, mnc: u8) -> Self {
		Self {
			account: sr.to_account_id(),
			aura: sr.public().into(),
			grandpa: ed.public().into(),
			receipt_key: ed.public().0,
			mnc,
		}
	}

	/// The registry's genesis entry: account, legal name, PLMN octets, receipt key.
	fn telco(&self, name: &str) -> (AccountId, Vec<u8>, Vec<[u8; 3]>, [u8; 32]) {
		let mnc = [b'0' + self.mnc / 10, b'0' + self.mnc % 10];
		let plmn =
			Plmn::from_digits(b"001", &mnc).expect("001-01 to 001-99 are valid test networks; qed");
		(self.account.clone(), name.as_bytes().to_vec(), vec![plmn.octets()], self.receipt_key)
	}
}

/// Version 1 of each circuit's verifying key (usage sums and EID possession) from `gesim-zk
/// setup --dev-seed 1`: anyone can forge proofs for them, so only the development preset
/// registers them (see `runtime/dev-keys/README.md`).
fn dev_verifying_keys() -> Vec<(String, u16, Vec<u8>)> {
	[
		("usage-64", &include_bytes!("../dev-keys/usage-64.vk")[..]),
		("usage-256", &include_bytes!("../dev-keys/usage-256.vk")[..]),
		("usage-1024", &include_bytes!("../dev-keys/usage-1024.vk")[..]),
		("eid", &include_bytes!("../dev-keys/eid.vk")[..]),
	]
	.into_iter()
	.map(|(circuit, vk)| (circuit.into(), 1, vk.to_vec()))
	.collect()
}

/// The genesis state shared by both presets.
fn genesis(
	validators: Vec<Operator>,
	council: Vec<AccountId>,
	endowed: Vec<AccountId>,
	roaming_netting_period: BlockNumber,
	verifying_keys: Vec<(String, u16, Vec<u8>)>,
) -> Value {
	// Three once there are three: with fewer, one operator's fault stops finality.
	let min_validators = (validators.len() as u32).min(3);
	let treasury = TreasuryAccount::get();
	let mut balances: Vec<(AccountId, Balance)> =
		endowed.iter().cloned().map(|a| (a, ENDOWMENT)).collect();
	balances.push((treasury.clone(), EXISTENTIAL_DEPOSIT));
	balances.push((IdentityPalletId::get().into_account_truncating(), IDENTITY_FUND));
	balances.push((PlanCatalogPalletId::get().into_account_truncating(), PLAN_CATALOG_FUND));
	balances.push((DevicesPalletId::get().into_account_truncating(), DEVICES_FUND));
	let telcos: Vec<_> = validators
		.iter()
		.enumerate()
		.map(|(i, v)| v.telco(&alloc::format!("GeSIM Test Operator {}", i + 1)))
		.collect();
	let mut stablecoin_accounts: Vec<(u32, AccountId, StablecoinAmount)> = endowed
		.iter()
		.cloned()
		.map(|a| (stablecoin::ASSET_ID, a, STABLECOIN_ENDOWMENT))
		.collect();
	// The treasury holds the minimum so that fees paid in the stablecoin always land.
	stablecoin_accounts.push((stablecoin::ASSET_ID, treasury, stablecoin::MIN_BALANCE));

	build_struct_json_patch!(RuntimeGenesisConfig {
		balances: BalancesConfig { balances },
		// Aura's and GRANDPA's authorities come from the first session's keys.
		session: SessionConfig {
			keys: validators
				.iter()
				.map(|v| {
					let keys = SessionKeys { aura: v.aura.clone(), grandpa: v.grandpa.clone() };
					(v.account.clone(), v.account.clone(), keys)
				})
				.collect::<Vec<_>>(),
		},
		validator_set: ValidatorSetConfig {
			validators: validators.iter().map(|v| v.account.clone()).collect::<Vec<_>>(),
			min_validators,
			session_length: SESSION_LENGTH,
		},
		council: CouncilConfig { members: council },
		telco_registry: TelcoRegistryConfig { telcos },
		governance: GovernanceConfig {
			parameters: vec![
				ProtocolParameter::ProtocolMargin(PROTOCOL_MARGIN_BPS),
				ProtocolParameter::NettingPeriod(roaming_netting_period),
			],
		},
		metering: MeteringConfig { verifying_keys, ..Default::default() },
		assets: AssetsConfig {
			assets: vec![(
				stablecoin::ASSET_ID,
				StablecoinAuthority::get(),
				true,
				stablecoin::MIN_BALANCE
			)],
			metadata: vec![(
				stablecoin::ASSET_ID,
				stablecoin::NAME.as_bytes().to_vec(),
				stablecoin::SYMBOL.as_bytes().to_vec(),
				stablecoin::DECIMALS,
			)],
			accounts: stablecoin_accounts,
			next_asset_id: Some(stablecoin::ASSET_ID + 1),
		},
	})
}

/// One validator (Alice), a council of Alice, Bob and Charlie, the well-known dev accounts
/// endowed with GSIM and the stablecoin, which no operator administers. Roaming nets every
/// 20 blocks, so that a netting is seen within a few transactions (one block each), and the
/// dev-seeded usage keys are registered, so that usage can be settled at once.
pub fn development() -> Value {
	genesis(
		vec![Operator::from_keyring(Sr25519Keyring::Alice, Ed25519Keyring::Alice, 1)],
		vec![
			Sr25519Keyring::Alice.to_account_id(),
			Sr25519Keyring::Bob.to_account_id(),
			Sr25519Keyring::Charlie.to_account_id(),
		],
		dev_accounts(),
		20,
		dev_verifying_keys(),
	)
}

/// Four operator validators (Alice, Bob, Charlie, Dave), each with its own Aura and GRANDPA
/// keys and its own stablecoin; the four form the council. Roaming nets daily.
pub fn local_testnet() -> Value {
	let operators = [
		(Sr25519Keyring::Alice, Ed25519Keyring::Alice),
		(Sr25519Keyring::Bob, Ed25519Keyring::Bob),
		(Sr25519Keyring::Charlie, Ed25519Keyring::Charlie),
		(Sr25519Keyring::Dave, Ed25519Keyring::Dave),
	];
	let validators: Vec<Operator> = (1..)
		.zip(operators)
		.map(|(mnc, (sr, ed))| Operator::from_keyring(sr, ed, mnc))
		.collect();
	let council = validators.iter().map(|v| v.account.clone()).collect();
	genesis(validators, council, dev_accounts(), DAYS, Vec::new())
}

/// The well-known dev accounts and their stashes.
fn dev_accounts() -> Vec<AccountId> {
	Sr25519Keyring::iter()
		.filter(|k| *k != Sr25519Keyring::One && *k != Sr25519Keyring::Two)
		.map(|k| k.to_account_id())
		.collect()
}

/// The JSON patch of the preset `id`, if there is one.
pub fn get_preset(id: &PresetId) -> Option<Vec<u8>> {
	let patch = match id.as_ref() {
		sp_genesis_builder::DEV_RUNTIME_PRESET => development(),
		sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET => local_testnet(),
		_ => return None,
	};
	Some(serde_json::to_vec(&patch).expect("a JSON value always serialises; qed"))
}

/// The presets this runtime provides.
pub fn preset_names() -> Vec<PresetId> {
	vec![
		PresetId::from(sp_genesis_builder::DEV_RUNTIME_PRESET),
		PresetId::from(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET),
	]
}
