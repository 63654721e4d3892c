//! The JSON-RPC chain client against a scripted node on 127.0.0.1: the methods and parameters
//! it sends, and what it makes of the answers.

use bytes::Bytes;
use codec::{Decode, Encode};
use gesim_primitives::OrderId;
use gesim_runtime::{
	AccountId, Runtime, RuntimeCall, RuntimeEvent, SignedPayload, UncheckedExtrinsic,
};
use gesim_smdp_gateway::{
	chain::{At, Chain, OrderView, RpcChain, ERA_PERIOD},
	keys::TransactionKey,
};
use http_body_util::{BodyExt, Full};
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use pallet_esim_provisioning::{OrderStatus, ProvisioningOrder, Receipt};
use serde_json::{json, Value};
use sp_core::{sr25519, Pair, H256};
use sp_runtime::{
	generic::{Era, Preamble},
	MultiAddress, MultiSignature,
};
use std::{
	convert::Infallible,
	sync::{Arc, Mutex},
	time::Duration,
};

type Answer = Box<dyn Fn(&str, &Value) -> Value + Send + Sync>;

/// A node answering each JSON-RPC call with `answer(method, params)`, keeping every call.
struct ScriptedNode {
	url: String,
	calls: Arc<Mutex<Vec<(String, Value)>>>,
}

impl ScriptedNode {
	async fn start(answer: Answer) -> Self {
		let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
		let url = format!("http://{}", listener.local_addr().unwrap());
		let calls = Arc::new(Mutex::new(Vec::new()));
		let answer = Arc::new(answer);
		let kept = calls.clone();
		tokio::spawn(async move {
			loop {
				let (tcp, _) = listener.accept().await.unwrap();
				let (answer, kept) = (answer.clone(), kept.clone());
				tokio::spawn(async move {
					let service =
						service_fn(move |request: hyper::Request<hyper::body::Incoming>| {
							let (answer, kept) = (answer.clone(), kept.clone());
							async move {
								let body = request.into_body().collect().await.unwrap().to_bytes();
								let call: Value = serde_json::from_slice(&body).unwrap();
								let method = call["method"].as_str().unwrap().to_owned();
								let result = answer(&method, &call["params"]);
								kept.lock().unwrap().push((method, call["params"].clone()));
								let reply =
									json!({"jsonrpc": "2.0", "id": call["id"], "result": result});
								Ok::<_, Infallible>(hyper::Response::new(Full::new(Bytes::from(
									reply.to_string(),
								))))
							}
						});
					let _ = hyper::server::conn::http1::Builder::new()
						.serve_connection(TokioIo::new(tcp), service)
						.await;
				});
			}
		});
		Self { url, calls }
	}

	fn calls_of(&self, method: &str) -> Vec<Value> {
		self.calls
			.lock()
			.unwrap()
			.iter()
			.filter(|(m, _)| m == method)
			.map(|(_, p)| p.clone())
			.collect()
	}
}

fn hex_of(bytes: &[u8]) -> Value {
	json!(format!("0x{}", hex::encode(bytes)))
}

fn bytes_of(value: &Value) -> Vec<u8> {
	hex::decode(value.as_str().unwrap().trim_start_matches("0x")).unwrap()
}

const GENESIS: H256 = H256::repeat_byte(0x42);
const FINALIZED: H256 = H256::repeat_byte(0xF1);
/// The finalised head's number: 130 = 2 × 64 + 2, so the era starts at a block of its own.
const HEAD: u32 = 130;

fn alice() -> TransactionKey {
	TransactionKey::from_suri("//Alice").unwrap()
}

fn order(id: OrderId, telco: &AccountId) -> OrderView {
	OrderView {
		id,
		order: ProvisioningOrder {
			entitlement: 1,
			subscriber: telco.clone(),
			telco: telco.clone(),
			device_key: [1; 32],
			eid: None,
			requested_at: 1,
			serve_by: 10,
			status: OrderStatus::Requested,
			updated_at: 1,
			iccid_commitment: None,
			smdp_address: None,
			sealed_code: None,
			install_result_hash: None,
		},
	}
}

/// A node with the operator's 70 open orders, one event in block `HEAD`, and a pool.
fn node_answers(telco: AccountId) -> Answer {
	let versions = Arc::new(Mutex::new(100u32));
	Box::new(move |method, params| match method {
		"chain_getBlockHash" => match params[0].as_u64() {
			Some(0) => json!(GENESIS),
			Some(n) if n == u64::from(HEAD) => json!(FINALIZED),
			Some(n) => json!(H256::from_low_u64_be(n)),
			None => json!(H256::repeat_byte(0xBE)),
		},
		"chain_getFinalizedHead" => json!(FINALIZED),
		"chain_getHeader" => json!({"number": format!("0x{HEAD:x}")}),
		"state_getRuntimeVersion" => {
			// An upgrade between two submissions.
			let mut spec = versions.lock().unwrap();
			*spec += 1;
			json!({"specName": "gesim", "specVersion": *spec, "transactionVersion": 1})
		},
		"system_accountNextIndex" => json!(5),
		"author_submitExtrinsic" => json!(H256::repeat_byte(0x77)),
		"state_getStorage" => {
			let event = RuntimeEvent::EsimProvisioning(
				pallet_esim_provisioning::Event::ActivationCodeReleased { order: 3 },
			);
			let records = vec![frame_system::EventRecord {
				phase: frame_system::Phase::ApplyExtrinsic(1),
				event,
				topics: Vec::<H256>::new(),
			}];
			hex_of(&records.encode())
		},
		"state_call" => {
			let args = bytes_of(&params[1]);
			match params[0].as_str().unwrap() {
				"EsimProvisioningApi_open_orders" => {
					let (who, after, limit) =
						<(AccountId, Option<u64>, u32)>::decode(&mut &args[..]).unwrap();
					assert_eq!(who, telco);
					let start = after.map_or(0, |a| a + 1);
					let page: Vec<OrderView> =
						(start..70).take(limit as usize).map(|id| order(id, &telco)).collect();
					hex_of(&page.encode())
				},
				"EsimProvisioningApi_order" => {
					let id = u64::decode(&mut &args[..]).unwrap();
					hex_of(&(id < 70).then(|| order(id, &telco)).encode())
				},
				other => panic!("unexpected runtime call {other}"),
			}
		},
		other => panic!("unexpected method {other}"),
	})
}

async fn connected() -> (ScriptedNode, RpcChain) {
	let node = ScriptedNode::start(node_answers(alice().account())).await;
	let chain = RpcChain::connect(&node.url, alice(), Duration::from_secs(5)).await.unwrap();
	(node, chain)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reads_the_genesis_the_finalised_head_and_events() {
	let (node, chain) = connected().await;
	assert_eq!(chain.genesis_hash(), GENESIS);
	assert_eq!(chain.finalized_head().await.unwrap(), (HEAD, FINALIZED));
	let events = chain.events(FINALIZED).await.unwrap();
	assert!(matches!(
		events[..],
		[frame_system::EventRecord {
			event: RuntimeEvent::EsimProvisioning(
				pallet_esim_provisioning::Event::ActivationCodeReleased { order: 3 }
			),
			..
		}]
	));
	let storage = node.calls_of("state_getStorage");
	let key = bytes_of(&storage[0][0]);
	assert_eq!(key, frame_support::storage::storage_prefix(b"System", b"Events"));
	assert_eq!(storage[0][1], json!(FINALIZED), "events are read at the block asked for");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reads_every_page_of_open_orders_at_the_finalised_head() {
	let (node, chain) = connected().await;
	let open = chain.open_orders().await.unwrap();
	assert_eq!(open.iter().map(|v| v.id).collect::<Vec<_>>(), (0..70).collect::<Vec<_>>());
	let calls = node.calls_of("state_call");
	assert_eq!(calls.len(), 2, "a full page of 64, then the rest");
	assert!(calls.iter().all(|params| params[2] == json!(FINALIZED)));
	let (_, after, _) =
		<(AccountId, Option<u64>, u32)>::decode(&mut &bytes_of(&calls[1][1])[..]).unwrap();
	assert_eq!(after, Some(63), "the next page starts after the last id of the previous one");

	assert_eq!(chain.order(5, At::Finalized).await.unwrap().map(|v| v.id), Some(5));
	assert_eq!(chain.order(500, At::Best).await.unwrap(), None);
	let last = node.calls_of("state_call").pop().unwrap();
	assert_eq!(last.as_array().unwrap().len(), 2, "the best block: no block hash given");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn submits_signed_receipts_with_fresh_versions_nonce_and_era() {
	let (node, chain) = connected().await;
	for _ in 0..2 {
		let tx = chain.submit_receipt(9, Receipt::Downloaded, [3; 32], [4; 64]).await.unwrap();
		assert_eq!(tx, H256::repeat_byte(0x77));
	}
	assert_eq!(
		node.calls_of("state_getRuntimeVersion").len(),
		2,
		"read again for every submission"
	);
	// The node answers nonce 5 both times: the second receipt follows the first all the same.
	for ((submission, spec_version), nonce) in
		node.calls_of("author_submitExtrinsic").iter().zip([101u32, 102]).zip([5u32, 6])
	{
		let extrinsic = UncheckedExtrinsic::decode(&mut &bytes_of(&submission[0])[..]).unwrap();
		assert!(matches!(
			&extrinsic.function,
			RuntimeCall::EsimProvisioning(pallet_esim_provisioning::Call::submit_receipt {
				order: 9,
				receipt: Receipt::Downloaded,
				signer,
				..
			}) if *signer == [3; 32]
		));
		let Preamble::Signed(address, MultiSignature::Sr25519(signature), extension) =
			&extrinsic.preamble
		else {
			panic!("not signed by sr25519: {:?}", extrinsic.preamble)
		};
		assert_eq!(*address, MultiAddress::Id(alice().account()));
		assert!(
			extension.4
				== frame_system::CheckEra::<Runtime>::from(Era::mortal(ERA_PERIOD, HEAD.into()))
		);
		assert!(extension.5 == frame_system::CheckNonce::<Runtime>::from(nonce));
		// Signed over the versions of that moment, this chain, and the era's first block.
		let implicit = ((), spec_version, 1u32, GENESIS, FINALIZED, (), (), (), (), None, ());
		let payload =
			SignedPayload::from_raw(extrinsic.function.clone(), extension.clone(), implicit);
		let public = sr25519::Pair::from_string("//Alice", None).unwrap().public();
		assert!(
			payload.using_encoded(|bytes| sr25519::Pair::verify(signature, bytes, &public)),
			"spec {spec_version}"
		);
	}
}
