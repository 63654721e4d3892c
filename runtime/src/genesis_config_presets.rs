//! Genesis presets: `development` (one validator, instant seal in the node) and
//! `local_testnet` (four operator validators with their own session keys).

use alloc::{vec, vec::Vec};
use frame_support::build_struct_json_patch;
use serde_json::Value;
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_consensus_grandpa::AuthorityId as GrandpaId;
use sp_genesis_builder::PresetId;
use sp_keyring::{Ed25519Keyring, Sr25519Keyring};

use crate::{
	configs::TreasuryAccount,
	currency::{EXISTENTIAL_DEPOSIT, UNIT},
	stablecoin, AccountId, AssetsConfig, AuraConfig, Balance, BalancesConfig, CouncilConfig,
	GrandpaConfig, RuntimeGenesisConfig, StablecoinAmount,
};

/// Native balance of every endowed account.
pub const ENDOWMENT: Balance = 1_000_000 * UNIT;
/// Stablecoin balance of every endowed account: ten thousand dollars.
pub const STABLECOIN_ENDOWMENT: StablecoinAmount = 10_000 * stablecoin::DOLLAR;

/// An operator validator: its account and its session keys.
struct Operator {
	account: AccountId,
	aura: AuraId,
	grandpa: GrandpaId,
}

impl Operator {
	fn from_keyring(sr: Sr25519Keyring, ed: Ed25519Keyring) -> Self {
		Self { account: sr.to_account_id(), aura: sr.public().into(), grandpa: ed.public().into() }
	}
}

/// The genesis state shared by both presets.
fn genesis(
	validators: Vec<Operator>,
	council: Vec<AccountId>,
	endowed: Vec<AccountId>,
	stablecoin_issuer: AccountId,
) -> Value {
	let treasury = TreasuryAccount::get();
	let mut balances: Vec<(AccountId, Balance)> =
		endowed.iter().cloned().map(|a| (a, ENDOWMENT)).collect();
	balances.push((treasury.clone(), EXISTENTIAL_DEPOSIT));
	let mut stablecoin_accounts: Vec<(u32, AccountId, StablecoinAmount)> = endowed
		.iter()
		.cloned()
		.map(|a| (stablecoin::ASSET_ID, a, STABLECOIN_ENDOWMENT))
		.collect();
	// The treasury holds the minimum so that fees paid in the stablecoin always land.
	stablecoin_accounts.push((stablecoin::ASSET_ID, treasury, stablecoin::MIN_BALANCE));

	build_struct_json_patch!(RuntimeGenesisConfig {
		balances: BalancesConfig { balances },
		aura: AuraConfig { authorities: validators.iter().map(|v| v.aura.clone()).collect::<Vec<_>>() },
		grandpa: GrandpaConfig {
			authorities: validators.iter().map(|v| (v.grandpa.clone(), 1)).collect::<Vec<_>>(),
		},
		council: CouncilConfig { members: council },
		assets: AssetsConfig {
			assets: vec![(stablecoin::ASSET_ID, stablecoin_issuer, true, stablecoin::MIN_BALANCE)],
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
/// endowed with GSIM and the stablecoin. Alice issues the stablecoin.
pub fn development() -> Value {
	genesis(
		vec![Operator::from_keyring(Sr25519Keyring::Alice, Ed25519Keyring::Alice)],
		vec![
			Sr25519Keyring::Alice.to_account_id(),
			Sr25519Keyring::Bob.to_account_id(),
			Sr25519Keyring::Charlie.to_account_id(),
		],
		dev_accounts(),
		Sr25519Keyring::Alice.to_account_id(),
	)
}

/// Four operator validators (Alice, Bob, Charlie, Dave), each with its own Aura and GRANDPA
/// keys and its own stablecoin; the four form the council.
pub fn local_testnet() -> Value {
	let operators = [
		(Sr25519Keyring::Alice, Ed25519Keyring::Alice),
		(Sr25519Keyring::Bob, Ed25519Keyring::Bob),
		(Sr25519Keyring::Charlie, Ed25519Keyring::Charlie),
		(Sr25519Keyring::Dave, Ed25519Keyring::Dave),
	];
	let validators: Vec<Operator> =
		operators.iter().map(|(sr, ed)| Operator::from_keyring(*sr, *ed)).collect();
	let council = validators.iter().map(|v| v.account.clone()).collect();
	genesis(validators, council, dev_accounts(), Sr25519Keyring::Alice.to_account_id())
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
