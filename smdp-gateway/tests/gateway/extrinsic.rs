//! The extrinsics the gateway builds are valid for the real runtime: applied to the state of the
//! development preset, a receipt reaches the pallet; built against the wrong versions, it does
//! not get in.

use codec::Decode;
use gesim_runtime::{
	Executive, Runtime, RuntimeGenesisConfig, System, UncheckedExtrinsic, VERSION,
};
use gesim_smdp_gateway::{
	chain::{signed_receipt_extrinsic, to_hex, TxContext},
	keys::{ReceiptKey, TransactionKey},
};
use pallet_esim_provisioning::{Error, Receipt};
use serde_json::Value;
use sp_runtime::transaction_validity::{InvalidTransaction, TransactionValidityError};

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

/// The runtime's state from the development preset, as the chain-spec builder makes it.
fn development() -> sp_io::TestExternalities {
	let patch: Value = serde_json::from_slice(
		&gesim_runtime::genesis_config_presets::get_preset(&"development".into())
			.expect("preset exists"),
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

/// A receipt for an order that does not exist, signed by Alice (the development operator,
/// whose receipt key is `//Alice`), built as the gateway builds it.
fn receipt_extrinsic(context_change: impl FnOnce(&mut TxContext)) -> UncheckedExtrinsic {
	let operator = TransactionKey::from_suri("//Alice").unwrap();
	let receipt_key = ReceiptKey::from_suri("//Alice").unwrap();
	let genesis = System::block_hash(0);
	let mut context = TxContext {
		spec_version: VERSION.spec_version,
		transaction_version: VERSION.transaction_version,
		genesis,
		current: 0,
		era_birth_hash: System::block_hash(TxContext::era_birth(0)),
		nonce: System::account_nonce(operator.account()),
	};
	context_change(&mut context);
	let receipt = Receipt::Downloaded;
	let signature = receipt_key.sign_receipt(&genesis, 999, &receipt);
	let extrinsic = signed_receipt_extrinsic(
		&operator,
		&context,
		999,
		receipt,
		receipt_key.public(),
		signature,
	);
	// What the node receives: the hex, decoded by its own types.
	let hex = to_hex(&extrinsic);
	UncheckedExtrinsic::decode(&mut &hex::decode(&hex[2..]).unwrap()[..]).unwrap()
}

#[test]
fn a_receipt_extrinsic_is_valid_and_reaches_the_pallet() {
	development().execute_with(|| {
		let outcome =
			Executive::apply_extrinsic(receipt_extrinsic(|_| {})).expect("a valid transaction");
		assert_eq!(
			outcome,
			Err(Error::<Runtime>::UnknownOrder.into()),
			"dispatched to submit_receipt"
		);
		let alice = TransactionKey::from_suri("//Alice").unwrap().account();
		assert_eq!(System::account_nonce(alice), 1, "the fee was paid and the nonce used");
	});
}

#[test]
fn a_receipt_extrinsic_built_for_another_runtime_version_or_chain_is_refused() {
	let bad_proof = Err(TransactionValidityError::Invalid(InvalidTransaction::BadProof));
	development().execute_with(|| {
		let stale = receipt_extrinsic(|c| c.spec_version += 1);
		assert_eq!(Executive::apply_extrinsic(stale), bad_proof);
		let other_chain = receipt_extrinsic(|c| c.genesis = sp_core::H256::repeat_byte(1));
		assert_eq!(Executive::apply_extrinsic(other_chain), bad_proof);
		let future_nonce = receipt_extrinsic(|c| c.nonce += 1);
		assert_eq!(
			Executive::apply_extrinsic(future_nonce),
			Err(TransactionValidityError::Invalid(InvalidTransaction::Future))
		);
	});
}
