//! The chains this node knows by name; any other `--chain` value is read as a JSON file.

use gesim_runtime::{currency, SS58_PREFIX, WASM_BINARY};
use sc_service::ChainType;

/// A GeSIM chain specification.
pub type ChainSpec = sc_service::GenericChainSpec;

fn wasm() -> Result<&'static [u8], String> {
	WASM_BINARY
		.ok_or_else(|| "the node was built without its wasm runtime (SKIP_WASM_BUILD)".into())
}

/// Token symbol, decimals and address format, for wallets.
fn properties() -> sc_chain_spec::Properties {
	let mut properties = sc_chain_spec::Properties::new();
	properties.insert("tokenSymbol".into(), currency::TOKEN_SYMBOL.into());
	properties.insert("tokenDecimals".into(), currency::TOKEN_DECIMALS.into());
	properties.insert("ss58Format".into(), SS58_PREFIX.into());
	properties
}

/// One validator, instant seal: the chain `--dev` starts.
pub fn development() -> Result<ChainSpec, String> {
	Ok(ChainSpec::builder(wasm()?, None)
		.with_name("GeSIM Development")
		.with_id("gesim_dev")
		.with_chain_type(ChainType::Development)
		.with_genesis_config_preset_name(sp_genesis_builder::DEV_RUNTIME_PRESET)
		.with_properties(properties())
		.build())
}

/// Four operator validators on one machine or a LAN.
pub fn local_testnet() -> Result<ChainSpec, String> {
	Ok(ChainSpec::builder(wasm()?, None)
		.with_name("GeSIM Local Testnet")
		.with_id("gesim_local_testnet")
		.with_chain_type(ChainType::Local)
		.with_genesis_config_preset_name(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET)
		.with_protocol_id("gesim")
		.with_properties(properties())
		.build())
}
