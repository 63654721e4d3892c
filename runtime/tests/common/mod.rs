//! The runtime's state from a genesis preset, as a chain spec would build it.

pub mod usage;

use gesim_runtime::{genesis_config_presets, RuntimeGenesisConfig, System};
use serde_json::Value;

/// Merge a preset patch into the full default config, as the chain-spec builder does.
fn merge(base: &mut Value, patch: Value) {
	match (base, patch) {
		(Value::Object(base), Value::Object(patch)) => {
			for (key, value) in patch {
				merge(base.entry(key).or_insert(Value::Null), value);
			}
		},
		(base, patch) => *base = patch,
	}
}

pub fn ext_from_preset(id: &str) -> sp_io::TestExternalities {
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

/// Sets a protocol parameter as a two-thirds council motion does.
#[allow(dead_code)]
pub fn set_parameter(value: gesim_primitives::ProtocolParameter<u32>) {
	let council: gesim_runtime::RuntimeOrigin = pallet_collective::RawOrigin::<
		gesim_runtime::AccountId,
		gesim_runtime::configs::CouncilCollective,
	>::Members(2, 3)
	.into();
	gesim_runtime::Governance::set_parameter(council, value).expect("the council sets it");
}

/// The settlement grace in force.
#[allow(dead_code)]
pub fn settlement_grace() -> u32 {
	<gesim_runtime::Governance as gesim_primitives::ProtocolParameters<u32>>::settlement_grace()
}

/// `who` applies as the operator `name` of the test network 001-`mnc`, signing receipts with
/// `receipt_key`, and `council` admits it.
#[allow(dead_code)]
pub fn admit_operator(
	who: &gesim_runtime::AccountId,
	name: &str,
	mnc: &[u8; 2],
	receipt_key: [u8; 32],
	council: gesim_runtime::RuntimeOrigin,
) {
	use gesim_runtime::{RuntimeOrigin, TelcoRegistry};
	let plmn = gesim_primitives::Plmn::from_digits(b"001", mnc).unwrap();
	TelcoRegistry::apply(
		RuntimeOrigin::signed(who.clone()),
		name.as_bytes().to_vec().try_into().unwrap(),
		vec![plmn].try_into().unwrap(),
		Default::default(),
		vec![pallet_telco_registry::Service::Data].try_into().unwrap(),
		receipt_key,
	)
	.expect("a funded account applies");
	TelcoRegistry::approve(council, who.clone()).expect("the council admits it");
}
