//! The runtime built natively from each genesis preset, as a chain spec would build it.

mod common;

use common::ext_from_preset;

use codec::Encode;
use frame_support::{
	assert_ok,
	traits::{
		fungible::InspectHold as _, fungibles::metadata::Inspect as _, fungibles::Inspect as _,
	},
};
use gesim_runtime::{
	configs::TreasuryAccount, genesis_config_presets, stablecoin, Assets, Aura, Balances, Council,
	Grandpa, Runtime, RuntimeCall, RuntimeOrigin,
};
use sp_keyring::Sr25519Keyring;
use sp_runtime::traits::{BlakeTwo256, Hash};

#[test]
fn presets_are_listed() {
	assert_eq!(genesis_config_presets::preset_names(), vec!["development", "local_testnet"]);
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
		// Alice is also the dev chain's operator: its bond is held from the endowment.
		let bond = gesim_runtime::configs::TelcoBond::get();
		assert_eq!(Balances::free_balance(&alice), genesis_config_presets::ENDOWMENT - bond);
		assert_eq!(Balances::total_balance_on_hold(&alice), bond);
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
		for operator in [
			Sr25519Keyring::Alice,
			Sr25519Keyring::Bob,
			Sr25519Keyring::Charlie,
			Sr25519Keyring::Dave,
		] {
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
		assert_ok!(Council::propose(
			RuntimeOrigin::signed(alice.clone()),
			2,
			Box::new(motion),
			length
		));
		// Proposing is not voting: two of the three members vote aye.
		assert_ok!(Council::vote(RuntimeOrigin::signed(alice.clone()), hash, 0, true));
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
	// Metadata reads storage: the settlement grace is a storage parameter.
	let metadata = ext_from_preset("development").execute_with(|| Runtime::metadata_at_version(16));
	assert!(!metadata.expect("v16 metadata").is_empty());
	let names: Vec<&str> =
		<gesim_runtime::AllPalletsWithSystem as frame_support::traits::PalletsInfoAccess>::infos()
			.into_iter()
			.map(|info| info.name)
			.collect();
	for pallet in
		["Timestamp", "Aura", "Grandpa", "Balances", "Assets", "Nfts", "Council", "Governance"]
	{
		assert!(names.contains(&pallet), "{pallet} missing from {names:?}");
	}
	assert!(!names.contains(&"Sudo"));
}

#[test]
fn the_marketplace_starts_with_its_operators_and_funded_pallet_accounts() {
	use gesim_primitives::{Plmn, TelcoInspect};
	use gesim_runtime::{PlanCatalog, SbtIdentity, TelcoRegistry};
	for (preset, operators) in [("development", 1), ("local_testnet", 4)] {
		ext_from_preset(preset).execute_with(|| {
			let keyring = [
				Sr25519Keyring::Alice,
				Sr25519Keyring::Bob,
				Sr25519Keyring::Charlie,
				Sr25519Keyring::Dave,
			];
			for (mnc, operator) in (1u8..).zip(&keyring[..operators]) {
				let account = operator.to_account_id();
				assert!(
					TelcoRegistry::is_active(&account),
					"{preset}: {operator:?} is an active operator"
				);
				let plmn = Plmn::from_digits(b"001", &[b'0', b'0' + mnc]).unwrap();
				assert_eq!(pallet_telco_registry::PlmnOwner::<Runtime>::get(plmn), Some(account));
			}
			if operators == 1 {
				assert!(!TelcoRegistry::is_active(&Sr25519Keyring::Bob.to_account_id()));
			}
			// The identity collection exists from genesis, paid from the pallet's endowment.
			assert!(
				pallet_sbt_identity::IdentityCollection::<Runtime>::get().is_some(),
				"{preset}"
			);
			assert!(
				Balances::free_balance(SbtIdentity::account_id())
					>= gesim_runtime::currency::EXISTENTIAL_DEPOSIT
			);
			assert_eq!(
				Balances::free_balance(PlanCatalog::account_id()),
				genesis_config_presets::PLAN_CATALOG_FUND
			);
			// So does the device collection, which operators register lent devices in.
			assert!(pallet_devices::DeviceCollection::<Runtime>::get().is_some(), "{preset}");
			assert!(
				Balances::free_balance(gesim_runtime::Devices::account_id())
					>= gesim_runtime::currency::EXISTENTIAL_DEPOSIT
			);
			use gesim_primitives::ProtocolParameters;
			assert_eq!(
				gesim_runtime::Governance::protocol_margin(),
				genesis_config_presets::PROTOCOL_MARGIN_BPS
			);
			let netting = if preset == "development" { 20 } else { gesim_runtime::time::DAYS };
			assert_eq!(gesim_runtime::Governance::netting_period(), netting, "{preset}");
		});
	}
}

#[test]
fn only_the_development_preset_registers_the_dev_seeded_keys() {
	use gesim_zk_verifier::CircuitId;
	ext_from_preset("development").execute_with(|| {
		for circuit in CircuitId::LIVE {
			let key = pallet_metering::VerifyingKeys::<Runtime>::get(circuit, 1)
				.expect("registered at genesis");
			assert!(!key.retired);
		}
		for circuit in CircuitId::ALL.into_iter().filter(|c| c.is_superseded()) {
			assert_eq!(pallet_metering::VerifyingKeys::<Runtime>::iter_prefix(circuit).count(), 0);
		}
	});
	ext_from_preset("local_testnet").execute_with(|| {
		assert_eq!(pallet_metering::VerifyingKeys::<Runtime>::iter().count(), 0);
	});
}
