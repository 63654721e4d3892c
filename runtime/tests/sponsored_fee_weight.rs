//! What a sponsored transaction is charged for. The fee adapter looks up the sender's identity,
//! its operator, the operator's terms and the sender's allowance, and counts the allowance,
//! before and after dispatch; the weight the transaction extensions declare must cover that
//! storage, measured here on the runtime's own state by recording what the extensions read.

mod common;

use codec::{Compact, Decode, Encode};
use common::ext_from_preset;
use frame_support::{
	assert_ok,
	dispatch::{GetDispatchInfo, PostDispatchInfo},
	storage::StoragePrefixedMap,
};
use gesim_runtime::{
	currency::UNIT, AccountId, FeeSponsorship, Runtime, RuntimeCall, RuntimeOrigin, SbtIdentity,
	System, TxExtension,
};
use sp_core::{hexdisplay::HexDisplay, H256};
use sp_keyring::Sr25519Keyring;
use sp_runtime::traits::{DispatchTransaction, TransactionExtension};
use std::collections::{BTreeMap, BTreeSet};

fn telco() -> AccountId {
	Sr25519Keyring::Alice.to_account_id()
}

/// A subscriber of Alice's who holds native tokens, so the same sender can also pay itself.
fn subscriber() -> AccountId {
	Sr25519Keyring::Bob.to_account_id()
}

/// A call the pots pay for.
fn sponsored_call() -> RuntimeCall {
	RuntimeCall::PlanCatalog(pallet_plan_catalog::Call::purchase { plan: 0 })
}

/// A call the pots never pay for.
fn unsponsored_call() -> RuntimeCall {
	RuntimeCall::System(frame_system::Call::remark { remark: vec![] })
}

/// The extensions as a wallet encodes them: immortal, `nonce`, no tip, native fee, no metadata
/// hash. Extensions that carry no data take no bytes, so this holds whatever they are.
fn extensions(nonce: u32) -> TxExtension {
	let mut bytes = vec![0u8]; // immortal era
	bytes.extend(Compact(nonce).encode());
	bytes.extend([0u8, 0u8]); // no tip, no fee asset
	bytes.push(0u8); // metadata hash check disabled
	TxExtension::decode(&mut &bytes[..]).expect("the extensions decode from a wallet's bytes")
}

/// Runs the extensions of `who` sending `call` (validation, preparation and what follows
/// dispatch, without the call itself), as a block does.
fn pay_for(who: &AccountId, call: &RuntimeCall) {
	let ext = extensions(System::account_nonce(who));
	let mut info = call.get_dispatch_info();
	info.extension_weight = ext.weight(call);
	let len = call.encoded_size() + 110;
	let outcome = ext.test_run(RuntimeOrigin::signed(who.clone()), call, &info, len, 0, |_| {
		Ok(PostDispatchInfo::default())
	});
	assert_ok!(outcome.expect("the transaction is valid"));
}

/// Alice sponsors her subscriber Bob from a funded pot, and Bob already used one sponsored
/// transaction this period: the worst case, where the allowance is read and written. All of it
/// committed, so that what the extensions read shows in a storage proof.
fn sponsoring() -> sp_io::TestExternalities {
	let mut ext = ext_from_preset("development");
	ext.execute_with(|| {
		assert_ok!(SbtIdentity::issue(
			RuntimeOrigin::signed(telco()),
			subscriber(),
			H256::repeat_byte(1),
			H256::repeat_byte(2)
		));
		assert_ok!(FeeSponsorship::fund_pot(RuntimeOrigin::signed(telco()), telco(), 10 * UNIT));
		assert_ok!(FeeSponsorship::set_terms(RuntimeOrigin::signed(telco()), 5, 100));
		let pot = FeeSponsorship::pot_account(&telco());
		let before = pallet_balances::Pallet::<Runtime>::free_balance(&pot);
		pay_for(&subscriber(), &sponsored_call());
		assert!(pallet_balances::Pallet::<Runtime>::free_balance(&pot) < before, "the pot paid");
		System::reset_events();
	});
	ext.commit_all().expect("no open storage transactions");
	ext
}

/// Every key and value in the state.
fn state(ext: &mut sp_io::TestExternalities) -> BTreeMap<Vec<u8>, Vec<u8>> {
	ext.execute_with(|| {
		let mut state = BTreeMap::new();
		let mut key = sp_io::storage::next_key(&[]);
		while let Some(k) = key {
			state.insert(k.clone(), sp_io::storage::get(&k).expect("listed keys exist").to_vec());
			key = sp_io::storage::next_key(&k);
		}
		state
	})
}

/// What the extensions of `who` sending `call` touch: the keys they read, the keys they
/// changed, and the trie nodes a proof of their reads holds.
struct Touched {
	read: BTreeSet<Vec<u8>>,
	written: BTreeSet<Vec<u8>>,
	nodes: BTreeSet<Vec<u8>>,
}

fn touched(who: &AccountId, call: &RuntimeCall) -> Touched {
	let mut ext = sponsoring();
	let before = state(&mut ext);
	let (_, proof) = ext.execute_and_prove(|| pay_for(who, call));
	let nodes = proof.into_nodes();
	let after = state(&mut ext);
	let written = before
		.keys()
		.chain(after.keys())
		.filter(|k| before.get(*k) != after.get(*k))
		.cloned()
		.collect();
	// A key was read if every trie node needed to read it is in the proof. A small value sits
	// inside its parent node, where reading a neighbour proves it too: only a key with a node of
	// its own can tell that it was read itself (every map entry has one: its key is long).
	let mut fresh = sponsoring();
	let needs: BTreeMap<&Vec<u8>, BTreeSet<Vec<u8>>> = before
		.keys()
		.map(|k| (k, fresh.execute_and_prove(|| sp_io::storage::get(k)).1.into_nodes()))
		.collect();
	let mut needed_by = BTreeMap::<&Vec<u8>, usize>::new();
	for node in needs.values().flatten() {
		*needed_by.entry(node).or_default() += 1;
	}
	let read = needs
		.iter()
		.filter(|(_, own)| own.is_subset(&nodes) && own.iter().any(|node| needed_by[node] == 1))
		.map(|(k, _)| (*k).clone())
		.collect();
	Touched { read, written, nodes }
}

#[test]
fn a_sponsored_transaction_is_charged_for_the_storage_the_sponsorship_touches() {
	let sponsored = touched(&subscriber(), &sponsored_call());
	let ordinary = touched(&subscriber(), &unsponsored_call());

	// Accounts are left out: the fee payment's own weight covers the account that pays, be it
	// the sender or the pot, and the nonce check covers the sender's.
	let accounts = frame_system::Account::<Runtime>::final_prefix();
	let beyond = |of: &BTreeSet<Vec<u8>>, ordinary: &BTreeSet<Vec<u8>>| -> BTreeSet<Vec<u8>> {
		of.difference(ordinary).filter(|k| !k.starts_with(&accounts)).cloned().collect()
	};
	let reads = beyond(&sponsored.read, &ordinary.read);
	let writes = beyond(&sponsored.written, &ordinary.written);
	let proof_bytes: usize = sponsored.nodes.difference(&ordinary.nodes).map(Vec::len).sum();

	// The measurement sees the sponsorship path.
	let allowance =
		pallet_fee_sponsorship::Allowances::<Runtime>::hashed_key_for(telco(), subscriber());
	for key in [
		pallet_sbt_identity::Identities::<Runtime>::hashed_key_for(subscriber()),
		pallet_telco_registry::Telcos::<Runtime>::hashed_key_for(telco()),
		pallet_fee_sponsorship::Terms::<Runtime>::hashed_key_for(telco()),
		allowance.clone(),
	] {
		assert!(reads.contains(&key), "the sponsorship path reads {}", HexDisplay::from(&key));
	}
	assert!(writes.contains(&allowance), "the sponsorship path counts the allowance");

	let declared = extensions(0)
		.weight(&sponsored_call())
		.saturating_sub(extensions(0).weight(&unsponsored_call()));
	let db = <Runtime as frame_system::Config>::DbWeight::get();
	let storage = db.reads_writes(reads.len() as u64, writes.len() as u64);
	assert!(
		declared.ref_time() >= storage.ref_time(),
		"a sponsored call declares {} ps more than an ordinary one; its {} extra reads and {} extra writes cost {} ps",
		declared.ref_time(),
		reads.len(),
		writes.len(),
		storage.ref_time(),
	);
	assert!(
		declared.proof_size() >= proof_bytes as u64,
		"a sponsored call declares {} proof bytes more than an ordinary one; its extra reads need {proof_bytes}",
		declared.proof_size(),
	);
}
