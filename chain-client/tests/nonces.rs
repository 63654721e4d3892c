//! Nonces of back-to-back transactions, against a node whose `system_accountNextIndex` lags
//! the pool: right after a block is imported, a node can answer with a nonce its pool already
//! holds a transaction for (seen on the dev chain with the fork-aware pool). A second
//! transaction signed with that nonce is either refused ("Priority is too low") or, once the
//! first is in a block, accepted and then dropped as stale: sent, never included.

use codec::Decode;
use gesim_chain_client::Node;
use gesim_runtime::{RuntimeCall, UncheckedExtrinsic};
use jsonrpsee::{server::Server, RpcModule};
use serde_json::json;
use sp_core::H256;
use sp_runtime::{generic::Preamble, traits::Hash};
use std::{
	sync::{
		atomic::{AtomicU32, Ordering},
		Arc, Mutex,
	},
	time::Duration,
};

/// A fake node at block 0: the nonce it answers to every `system_accountNextIndex`, and the
/// nonces of the transactions it received.
#[derive(Default)]
struct FakeNode {
	next_index: AtomicU32,
	received: Mutex<Vec<u32>>,
}

async fn node_answering(
	next_index: u32,
) -> (String, Arc<FakeNode>, jsonrpsee::server::ServerHandle) {
	let fake = Arc::new(FakeNode { next_index: next_index.into(), ..Default::default() });
	let mut module = RpcModule::new(fake.clone());
	let genesis = H256::repeat_byte(7);
	module
		.register_method("chain_getBlockHash", move |_, _, _| json!(genesis))
		.unwrap();
	module
		.register_method("chain_getFinalizedHead", move |_, _, _| json!(genesis))
		.unwrap();
	module
		.register_method("chain_getHeader", |_, _, _| json!({"number": "0x0"}))
		.unwrap();
	module
		.register_method(
			"state_getRuntimeVersion",
			|_, _, _| json!({"specVersion": 1, "transactionVersion": 1}),
		)
		.unwrap();
	module
		.register_method("system_accountNextIndex", |_, fake, _| {
			json!(fake.next_index.load(Ordering::SeqCst))
		})
		.unwrap();
	module
		.register_method("author_submitExtrinsic", |params, fake, _| {
			let [hex]: [String; 1] = params.parse().unwrap();
			let bytes = hex::decode(hex.trim_start_matches("0x")).unwrap();
			let extrinsic = UncheckedExtrinsic::decode(&mut &bytes[..]).unwrap();
			let Preamble::Signed(_, _, extension) = extrinsic.preamble else { panic!("unsigned") };
			fake.received.lock().unwrap().push(extension.5 .0);
			json!(sp_runtime::traits::BlakeTwo256::hash(&bytes))
		})
		.unwrap();
	let server = Server::builder().build("127.0.0.1:0").await.unwrap();
	let url = format!("http://{}", server.local_addr().unwrap());
	(url, fake, server.start(module))
}

fn remark() -> RuntimeCall {
	RuntimeCall::System(frame_system::Call::remark { remark: Vec::new() })
}

#[tokio::test]
async fn a_second_transaction_does_not_reuse_a_nonce_the_node_has_not_counted_yet() {
	let (url, fake, _server) = node_answering(5).await;
	let node = Node::connect(&url, Duration::from_secs(5)).await.unwrap();
	let alice = sp_keyring::Sr25519Keyring::Alice.pair();
	node.submit(&alice, remark(), "first").await.unwrap();
	node.submit(&alice, remark(), "second").await.unwrap();
	let bob = sp_keyring::Sr25519Keyring::Bob.pair();
	node.submit(&bob, remark(), "another account's first").await.unwrap();
	assert_eq!(*fake.received.lock().unwrap(), vec![5, 6, 5]);
}

#[tokio::test]
async fn a_node_ahead_of_this_client_wins() {
	// Another program sent from the same account: the node's nonce is the one to use.
	let (url, fake, _server) = node_answering(5).await;
	let node = Node::connect(&url, Duration::from_secs(5)).await.unwrap();
	let alice = sp_keyring::Sr25519Keyring::Alice.pair();
	node.submit(&alice, remark(), "first").await.unwrap();
	fake.next_index.store(9, Ordering::SeqCst);
	node.submit(&alice, remark(), "second").await.unwrap();
	assert_eq!(*fake.received.lock().unwrap(), vec![5, 9]);
}
