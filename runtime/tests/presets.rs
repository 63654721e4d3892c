//! The runtime built natively from each genesis preset, as a chain spec would build it.

use codec::Encode;
use frame_support::{
	assert_ok,
	traits::{fungibles::Inspect as _, fungibles::metadata::Inspect as _},
};
use gesim_runtime::{
	configs::TreasuryAccount, genesis_config_presets, stablecoin, Assets, Aura, Balances, Council,
	Grandpa, Runtime, RuntimeCall, RuntimeGenesisConfig, RuntimeOrigin, System,
};
use serde_json::Value;
use sp_keyring::Sr25519Keyring;
use sp_runtime::traits::{BlakeTwo256, Hash};

/// Merge a preset patch into the full default config, as the chain-spec builder does.
fn merge(base: &mut Value, patch: Value) {
	match (base, patch) {
		(Value::Object(base), Value::Object(patch)) =>
			for (key, value) in patch {
				merge(base.entry(key).or_insert(Value::Null), value);
			},
		(base, patch) => *base = patch,
	}
}

fn ext_from_preset(id: &str) -> sp_io::TestExternalities {
	let patch: Value = serde_json::from_slice(
		&genesis_config_presets::get_preset(&id.into()).expect("preset exists"),
	)
	.unwrap();
	let mut config = serde_json::to_value(RuntimeGenesisConfig::default()).unwrap();
	merge(&mut config, patch);
	let mut ext = sp_io::TestExternalities::default();
	ext.execute_with(|| {
		frame_support::genesis_builder_helper::build_state::<RuntimeGenesisConfig>(
			serde_json::to_vec(&config).unwrap(),
		)
		.expect("preset builds");
		System::set_block_number(1);
	});
	ext
}

#[test]
fn presets_are_listed() {
	let names: Vec<String> = genesis_config_presets::preset_names()
		.into_iter()
		.map(|p| String::from_utf8(p.as_ref().as_bytes().to_vec()).unwrap())
		.collect();
	assert_eq!(names, vec!["development", "local_testnet"]);
	assert!(genesis_config_presets::get_preset(&"mainnet".into()).is_none());
}

#[test]
fn development_has_one_validator_a_council_of_three_and_the_stablecoin() {
	ext_from_preset("development").execute_with(|| {
		assert_eq!(pallet_aura::Authorities::<Runtime>::get().len(), 1);
		assert_eq!(Grandpa::grandpa_authorities().len(), 1);
		assert_eq!(pallet_collective::Members::<Runtime, _>::get().len(), 3);

		let id = stablecoin::ASSET_ID;
		assert_eq!(Assets::decimals(id), 6);
		assert_eq!(Assets::symbol(id), stablecoin::SYMBOL.as_bytes().to_vec());
		assert_eq!(Assets::minimum_balance(id), stablecoin::MIN_BALANCE);
		let alice = Sr25519Keyring::Alice.to_account_id();
		assert_eq!(Assets::balance(id, &alice), genesis_config_presets::STABLECOIN_ENDOWMENT);
		assert_eq!(Balances::free_balance(&alice), genesis_config_presets::ENDOWMENT);
		assert_eq!(Assets::balance(id, &TreasuryAccount::get()), stablecoin::MIN_BALANCE);
	});
}

#[test]
fn local_testnet_has_four_operators_with_their_own_keys() {
	ext_from_preset("local_testnet").execute_with(|| {
		let aura = pallet_aura::Authorities::<Runtime>::get();
		let grandpa = Grandpa::grandpa_authorities();
		assert_eq!(aura.len(), 4);
		assert_eq!(grandpa.len(), 4);
		let mut distinct = aura.clone().into_inner();
		distinct.dedup();
		assert_eq!(distinct.len(), 4, "every operator has its own Aura key");
		assert_eq!(pallet_collective::Members::<Runtime, _>::get().len(), 4);
		for operator in [Sr25519Keyring::Alice, Sr25519Keyring::Bob, Sr25519Keyring::Charlie, Sr25519Keyring::Dave] {
			assert_eq!(
				Assets::balance(stablecoin::ASSET_ID, operator.to_account_id()),
				genesis_config_presets::STABLECOIN_ENDOWMENT
			);
		}
		assert_eq!(Aura::slot_duration(), gesim_runtime::time::SLOT_DURATION);
	});
}

#[test]
fn a_council_motion_reaches_root() {
	ext_from_preset("development").execute_with(|| {
		let dave = Sr25519Keyring::Dave.to_account_id();
		let set_balance = RuntimeCall::Balances(pallet_balances::Call::force_set_balance {
			who: dave.clone().into(),
			new_free: 42 * gesim_runtime::currency::UNIT,
		});
		let motion = RuntimeCall::Governance(pallet_governance::Call::dispatch_as_root {
			call: Box::new(set_balance),
		});
		let length = motion.encoded_size() as u32;
		let hash = BlakeTwo256::hash_of(&motion);
		let alice = Sr25519Keyring::Alice.to_account_id();
		let bob = Sr25519Keyring::Bob.to_account_id();
		assert_ok!(Council::propose(RuntimeOrigin::signed(alice.clone()), 2, Box::new(motion), length));
		assert_ok!(Council::vote(RuntimeOrigin::signed(bob), hash, 0, true));
		assert_ok!(Council::close(
			RuntimeOrigin::signed(alice),
			hash,
			0,
			frame_support::weights::Weight::MAX,
			length
		));
		assert_eq!(Balances::free_balance(&dave), 42 * gesim_runtime::currency::UNIT);
	});
}

#[test]
fn there_is_no_sudo_and_metadata_v16_is_offered() {
	assert!(Runtime::metadata_versions().contains(&16));
	let metadata = Runtime::metadata_at_version(16).expect("v16 metadata");
	assert!(!metadata.is_empty());
	let names: Vec<&str> =
		<gesim_runtime::AllPalletsWithSystem as frame_support::traits::PalletsInfoAccess>::infos()
			.into_iter()
			.map(|info| info.name)
			.collect();
	for pallet in ["Timestamp", "Aura", "Grandpa", "Balances", "Assets", "Nfts", "Council", "Governance"] {
		assert!(names.contains(&pallet), "{pallet} missing from {names:?}");
	}
	assert!(!names.contains(&"Sudo"));
}
