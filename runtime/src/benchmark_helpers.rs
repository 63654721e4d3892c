//! What GeSIM's pallet benchmarks need from the runtime: active operators, verified
//! subscribers and funded accounts, made through the real pallets. Only with the
//! `runtime-benchmarks` feature.

use frame_support::traits::{
	fungible,
	fungibles::{Inspect as _, Mutate as _},
};
use gesim_primitives::{stablecoin, StablecoinAmount};
use sp_core::H256;

use crate::{currency::UNIT, AccountId, Assets, Balances, RuntimeOrigin, SbtIdentity, TelcoRegistry};

/// Makes operators, subscribers and balances for the benchmarks.
pub struct ActiveTelcos;

/// The operator that issues benchmark subscribers' identities.
fn issuing_telco() -> AccountId {
	AccountId::new([0x7e; 32])
}

fn activate(telco: &AccountId) {
	TelcoRegistry::benchmark_register_active(telco).expect("a free MCC-999 network is left");
	<Balances as fungible::Mutate<AccountId>>::mint_into(telco, 1_000 * UNIT)
		.expect("minting native token to a new operator works");
}

impl pallet_sbt_identity::BenchmarkHelper<AccountId> for ActiveTelcos {
	fn make_active_telco(telco: &AccountId) {
		activate(telco)
	}
}

impl pallet_fee_sponsorship::benchmarking::BenchmarkHelper<AccountId> for ActiveTelcos {
	fn active_telco() -> AccountId {
		let telco = issuing_telco();
		activate(&telco);
		telco
	}
}

impl pallet_plan_catalog::BenchmarkHelper<AccountId> for ActiveTelcos {
	fn activate_telco(telco: &AccountId) {
		activate(telco)
	}

	fn verify_identity(who: &AccountId) {
		let telco = issuing_telco();
		activate(&telco);
		SbtIdentity::issue(RuntimeOrigin::signed(telco), who.clone(), H256::repeat_byte(1), H256::repeat_byte(2))
			.expect("an active operator issues an identity");
	}

	fn fund(who: &AccountId, amount: StablecoinAmount) {
		let amount = amount.saturating_add(Assets::minimum_balance(stablecoin::ASSET_ID));
		Assets::mint_into(stablecoin::ASSET_ID, who, amount).expect("the stablecoin exists from genesis");
	}

	fn fund_deposits(catalog: &AccountId) {
		<Balances as fungible::Mutate<AccountId>>::set_balance(catalog, 1_000 * UNIT);
	}
}
