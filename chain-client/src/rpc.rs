//! The node's JSON-RPC over HTTP(S), with hyper-util's client (already built for the node).

use crate::{
	error_chain,
	extrinsic::{signed_extrinsic, to_hex, TxContext},
	AccountId, ChainError, EventRecord,
};
use bytes::Bytes;
use codec::Decode;
use gesim_runtime::RuntimeCall;
use http::{header::CONTENT_TYPE, Method};
use http_body_util::{BodyExt, Full};
use hyper_rustls::HttpsConnector;
use hyper_util::{
	client::legacy::{connect::HttpConnector, Client},
	rt::TokioExecutor,
};
use serde::{de::DeserializeOwned, Deserialize};
use serde_json::{json, Value};
use sp_core::{crypto::Ss58Codec, sr25519, Pair, H256};
use sp_runtime::traits::{BlakeTwo256, Hash};
use std::{
	collections::HashMap,
	sync::atomic::{AtomicU64, Ordering},
	time::{Duration, Instant},
};

/// The runtime versions a transaction commits to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RuntimeVersion {
	/// `specVersion`.
	pub spec_version: u32,
	/// `transactionVersion`.
	pub transaction_version: u32,
}

#[derive(Deserialize)]
struct RpcReply {
	#[serde(default)]
	result: Option<Value>,
	#[serde(default)]
	error: Option<RpcErrorObject>,
}

#[derive(Deserialize)]
struct RpcErrorObject {
	code: i64,
	message: String,
	#[serde(default)]
	data: Option<Value>,
}

/// `0x`-hex from `method`'s answer, as bytes.
pub fn hex_bytes(method: &str, text: &str) -> Result<Vec<u8>, ChainError> {
	hex::decode(text.trim_start_matches("0x"))
		.map_err(|e| ChainError::Decode { method: method.to_owned(), reason: e.to_string() })
}

fn scale<T: Decode>(method: &str, bytes: &[u8]) -> Result<T, ChainError> {
	T::decode(&mut &bytes[..])
		.map_err(|e| ChainError::Decode { method: method.to_owned(), reason: e.to_string() })
}

/// A transaction in a block of the best chain.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Inclusion {
	/// The block.
	pub block: H256,
	/// Its number.
	pub number: u32,
	/// `Ok`, or the error the runtime named (`SbtIdentity::EidProofRejected`).
	pub outcome: Result<(), String>,
	/// The events the transaction deposited.
	pub events: Vec<gesim_runtime::RuntimeEvent>,
}

/// A dispatch error by name: `Pallet::Error` for a pallet's own error.
pub fn dispatch_error_name(error: sp_runtime::DispatchError) -> String {
	match gesim_runtime::RuntimeError::from_dispatch_error(error) {
		Some(named) => {
			// `SbtIdentity(EidProofRejected)` → `SbtIdentity::EidProofRejected`.
			let debug = format!("{named:?}");
			match debug.split_once('(') {
				Some((pallet, rest)) => format!("{pallet}::{}", rest.trim_end_matches(')')),
				None => debug,
			}
		},
		None => format!("{error:?}"),
	}
}

/// One node, through its JSON-RPC endpoint.
pub struct Node {
	http: Client<HttpsConnector<HttpConnector>, Full<Bytes>>,
	url: String,
	next_id: AtomicU64,
	timeout: Duration,
	genesis: H256,
	/// One submission at a time: two reading the same next nonce would replace each other.
	submitting: tokio::sync::Mutex<SentNonces>,
}

/// How long a nonce this client used counts when the node does not count it. Right after a
/// block is imported, `system_accountNextIndex` can answer with a nonce the pool already holds
/// a transaction for (the fork-aware pool's view lags the best block); a second transaction
/// signed with it would be refused or, once the first is in a block, dropped as stale. The
/// window is short; a transaction the pool dropped leaves a gap for no longer than this.
const NONCE_MEMORY: Duration = Duration::from_secs(12);

/// The next nonce of each account this client sent from, and when it was sent.
#[derive(Default)]
struct SentNonces(HashMap<AccountId, (u32, Instant)>);

impl SentNonces {
	/// The nonce to sign with: the node's, or the one after this client's last if the node
	/// has not counted that yet.
	fn next(&self, account: &AccountId, from_node: u32, now: Instant) -> u32 {
		match self.0.get(account) {
			Some(&(after_ours, sent)) if now.duration_since(sent) < NONCE_MEMORY => {
				from_node.max(after_ours)
			},
			_ => from_node,
		}
	}

	fn sent(&mut self, account: AccountId, nonce: u32, now: Instant) {
		self.0.retain(|_, (_, sent)| now.duration_since(*sent) < NONCE_MEMORY);
		self.0.insert(account, (nonce.saturating_add(1), now));
	}
}

impl Node {
	/// Connects to the node at `url` (`http://` or `https://`) and reads the genesis hash;
	/// every call gives up after `timeout`.
	pub async fn connect(url: &str, timeout: Duration) -> Result<Self, ChainError> {
		let provider = rustls::crypto::ring::default_provider();
		// A node behind an HTTPS proxy is checked against the system's roots; none installed
		// (a slim container) only matters for https URLs, which then fail with a clear error.
		let builder = match hyper_rustls::HttpsConnectorBuilder::new()
			.with_provider_and_native_roots(provider.clone())
		{
			Ok(builder) => builder,
			Err(_) => hyper_rustls::HttpsConnectorBuilder::new().with_tls_config(
				rustls::ClientConfig::builder_with_provider(provider.into())
					.with_safe_default_protocol_versions()
					.expect("ring supports the default protocol versions; qed")
					.with_root_certificates(rustls::RootCertStore::empty())
					.with_no_client_auth(),
			),
		};
		let connector = builder.https_or_http().enable_http1().build();
		let mut node = Self {
			http: Client::builder(TokioExecutor::new()).build(connector),
			url: url.to_owned(),
			next_id: AtomicU64::new(1),
			timeout,
			genesis: H256::zero(),
			submitting: tokio::sync::Mutex::new(SentNonces::default()),
		};
		let genesis: Option<H256> = node.call("chain_getBlockHash", json!([0])).await?;
		node.genesis = genesis.ok_or_else(|| ChainError::Decode {
			method: "chain_getBlockHash".into(),
			reason: "the node has no block 0".into(),
		})?;
		Ok(node)
	}

	/// The node's URL.
	pub fn url(&self) -> &str {
		&self.url
	}

	/// The chain's genesis hash.
	pub fn genesis_hash(&self) -> H256 {
		self.genesis
	}

	/// Calls `method` with `params` and decodes its result.
	pub async fn call<T: DeserializeOwned>(
		&self,
		method: &str,
		params: Value,
	) -> Result<T, ChainError> {
		let transport = |reason: String| ChainError::Transport { url: self.url.clone(), reason };
		let id = self.next_id.fetch_add(1, Ordering::Relaxed);
		let body = json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params});
		let request = hyper::Request::builder()
			.method(Method::POST)
			.uri(&self.url)
			.header(CONTENT_TYPE, "application/json")
			.body(Full::new(Bytes::from(body.to_string())))
			.map_err(|e| transport(e.to_string()))?;
		let exchange = async {
			let response =
				self.http.request(request).await.map_err(|e| transport(error_chain(&e)))?;
			let status = response.status();
			let body = response
				.into_body()
				.collect()
				.await
				.map_err(|e| transport(e.to_string()))?
				.to_bytes();
			if !status.is_success() {
				return Err(transport(format!(
					"HTTP {status}: {}",
					String::from_utf8_lossy(&body).trim()
				)));
			}
			Ok(body)
		};
		let body = tokio::time::timeout(self.timeout, exchange)
			.await
			.map_err(|_| transport(format!("no answer to {method} within {:?}", self.timeout)))??;
		let decode = |reason: String| ChainError::Decode { method: method.to_owned(), reason };
		let reply: RpcReply = serde_json::from_slice(&body).map_err(|e| decode(e.to_string()))?;
		if let Some(error) = reply.error {
			return Err(ChainError::Rpc {
				method: method.to_owned(),
				code: error.code,
				message: error.message,
				data: error.data.map(|d| d.to_string()),
			});
		}
		serde_json::from_value(reply.result.unwrap_or(Value::Null))
			.map_err(|e| decode(e.to_string()))
	}

	/// The finalised head's hash.
	pub async fn finalized_hash(&self) -> Result<H256, ChainError> {
		self.call("chain_getFinalizedHead", json!([])).await
	}

	/// The finalised head: number and hash.
	pub async fn finalized_head(&self) -> Result<(u32, H256), ChainError> {
		let hash = self.finalized_hash().await?;
		Ok((self.block_number(hash).await?, hash))
	}

	/// The number of block `hash`.
	pub async fn block_number(&self, hash: H256) -> Result<u32, ChainError> {
		#[derive(Deserialize)]
		struct Header {
			number: String,
		}
		let header: Option<Header> = self.call("chain_getHeader", json!([hash])).await?;
		let number = header.map(|h| h.number).unwrap_or_default();
		u32::from_str_radix(number.trim_start_matches("0x"), 16).map_err(|e| ChainError::Decode {
			method: "chain_getHeader".into(),
			reason: format!("block number `{number}`: {e}"),
		})
	}

	/// Block `hash`'s header, if the node has it.
	pub async fn header(&self, hash: H256) -> Result<Option<gesim_runtime::Header>, ChainError> {
		self.call("chain_getHeader", json!([hash])).await
	}

	/// The trie nodes that prove the values under `keys` at block `at` (`state_getReadProof`).
	pub async fn read_proof(&self, keys: &[Vec<u8>], at: H256) -> Result<Vec<Vec<u8>>, ChainError> {
		const METHOD: &str = "state_getReadProof";
		#[derive(Deserialize)]
		struct ReadProof {
			proof: Vec<String>,
		}
		let keys: Vec<String> = keys.iter().map(|key| format!("0x{}", hex::encode(key))).collect();
		let answer: ReadProof = self.call(METHOD, json!([keys, at])).await?;
		answer.proof.iter().map(|node| hex_bytes(METHOD, node)).collect()
	}

	/// GRANDPA's warp sync proof from finalised block `from`, SCALE-encoded
	/// (`gesim_warpProof`); `None` on a chain without GRANDPA.
	pub async fn warp_proof(&self, from: H256) -> Result<Option<Vec<u8>>, ChainError> {
		const METHOD: &str = "gesim_warpProof";
		let proof: Option<String> = self.call(METHOD, json!([from])).await?;
		proof.map(|text| hex_bytes(METHOD, &text)).transpose()
	}

	/// The hash of canonical block `number`, if the node has it.
	pub async fn block_hash(&self, number: u32) -> Result<Option<H256>, ChainError> {
		self.call("chain_getBlockHash", json!([number])).await
	}

	/// The raw value under storage `key` at block `at` (`None`: the best block).
	pub async fn storage(
		&self,
		key: &[u8],
		at: Option<H256>,
	) -> Result<Option<Vec<u8>>, ChainError> {
		const METHOD: &str = "state_getStorage";
		let key = format!("0x{}", hex::encode(key));
		let params = match at {
			Some(at) => json!([key, at]),
			None => json!([key]),
		};
		let value: Option<String> = self.call(METHOD, params).await?;
		value.map(|text| hex_bytes(METHOD, &text)).transpose()
	}

	/// The events of block `at`.
	pub async fn events(&self, at: H256) -> Result<Vec<EventRecord>, ChainError> {
		let key = frame_support::storage::storage_prefix(b"System", b"Events");
		match self.storage(&key, Some(at)).await? {
			Some(bytes) => scale("state_getStorage", &bytes),
			None => Ok(Vec::new()),
		}
	}

	/// The runtime version at the best block (what the pool checks a transaction against).
	pub async fn runtime_version(&self) -> Result<RuntimeVersion, ChainError> {
		self.call("state_getRuntimeVersion", json!([])).await
	}

	/// `account`'s next nonce, counting its transactions in the pool.
	pub async fn next_nonce(&self, account: &AccountId) -> Result<u32, ChainError> {
		self.call("system_accountNextIndex", json!([account.to_ss58check()])).await
	}

	/// Calls runtime API `method` with SCALE `args` at block `at` (`None`: the best block).
	pub async fn runtime_call<R: Decode>(
		&self,
		method: &str,
		args: Vec<u8>,
		at: Option<H256>,
	) -> Result<R, ChainError> {
		let args = format!("0x{}", hex::encode(args));
		let params = match at {
			Some(at) => json!([method, args, at]),
			None => json!([method, args]),
		};
		let result: String = self.call("state_call", params).await?;
		scale(method, &hex_bytes(method, &result)?)
	}

	/// The best block's number.
	pub async fn best_number(&self) -> Result<u32, ChainError> {
		let hash: H256 = self.call("chain_getBlockHash", json!([])).await?;
		self.block_number(hash).await
	}

	/// Waits until transaction `tx` is in a block of the best chain numbered `from` or later,
	/// and says how it went; gives up after `timeout`.
	pub async fn inclusion(
		&self,
		tx: H256,
		from: u32,
		timeout: Duration,
	) -> Result<Inclusion, ChainError> {
		let deadline = tokio::time::Instant::now() + timeout;
		let mut next = from;
		loop {
			let best = self.best_number().await?;
			while next <= best {
				if let Some(found) = self.find_in_block(tx, next).await? {
					return Ok(found);
				}
				next += 1;
			}
			if tokio::time::Instant::now() >= deadline {
				return Err(ChainError::Submit {
					what: format!("transaction {tx:?}"),
					reason: format!("not in any block from #{from} to #{best} within {timeout:?}"),
				});
			}
			tokio::time::sleep(Duration::from_millis(500)).await;
		}
	}

	/// Transaction `tx` in canonical block `number`, with its outcome.
	async fn find_in_block(&self, tx: H256, number: u32) -> Result<Option<Inclusion>, ChainError> {
		#[derive(Deserialize)]
		struct Body {
			extrinsics: Vec<String>,
		}
		#[derive(Deserialize)]
		struct SignedBlock {
			block: Body,
		}
		const METHOD: &str = "chain_getBlock";
		let Some(hash) = self.block_hash(number).await? else { return Ok(None) };
		let block: Option<SignedBlock> = self.call(METHOD, json!([hash])).await?;
		let Some(block) = block else { return Ok(None) };
		for (index, extrinsic) in block.block.extrinsics.iter().enumerate() {
			if BlakeTwo256::hash(&hex_bytes(METHOD, extrinsic)?) != tx {
				continue;
			}
			let phase = frame_system::Phase::ApplyExtrinsic(index as u32);
			let events: Vec<_> = self
				.events(hash)
				.await?
				.into_iter()
				.filter(|record| record.phase == phase)
				.map(|record| record.event)
				.collect();
			let outcome = events
				.iter()
				.find_map(|event| match event {
					gesim_runtime::RuntimeEvent::System(
						frame_system::Event::ExtrinsicSuccess { .. },
					) => Some(Ok(())),
					gesim_runtime::RuntimeEvent::System(frame_system::Event::ExtrinsicFailed {
						dispatch_error,
						..
					}) => Some(Err(dispatch_error_name(*dispatch_error))),
					_ => None,
				})
				.ok_or_else(|| ChainError::Decode {
					method: "state_getStorage".into(),
					reason: format!(
						"block #{number} holds the transaction but no outcome event for it"
					),
				})?;
			return Ok(Some(Inclusion { block: hash, number, outcome, events }));
		}
		Ok(None)
	}

	/// Submits `call` signed by `signer`, mortal from the finalised head; returns the
	/// transaction hash once the node accepted it into its pool. `what` names the call in
	/// errors.
	pub async fn submit(
		&self,
		signer: &sr25519::Pair,
		call: RuntimeCall,
		what: &str,
	) -> Result<H256, ChainError> {
		let mut sent = self.submitting.lock().await;
		let account: AccountId = signer.public().into();
		// Read afresh for every transaction: a runtime upgrade changes the versions.
		let version = self.runtime_version().await?;
		let (current, current_hash) = self.finalized_head().await?;
		let birth = TxContext::era_birth(current);
		let era_birth_hash = if birth == current {
			current_hash
		} else {
			self.block_hash(birth).await?.ok_or_else(|| ChainError::Submit {
				what: what.to_owned(),
				reason: format!("the node has no block {birth} to start the transaction's era at"),
			})?
		};
		let context = TxContext {
			spec_version: version.spec_version,
			transaction_version: version.transaction_version,
			genesis: self.genesis,
			current,
			era_birth_hash,
			nonce: sent.next(&account, self.next_nonce(&account).await?, Instant::now()),
		};
		let extrinsic = signed_extrinsic(signer, &context, call);
		let hash = self.call("author_submitExtrinsic", json!([to_hex(&extrinsic)])).await?;
		sent.sent(account, context.nonce, Instant::now());
		Ok(hash)
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn a_sent_nonce_is_remembered_for_a_while_then_the_node_is_believed() {
		let (alice, bob) = (AccountId::new([1; 32]), AccountId::new([2; 32]));
		let start = Instant::now();
		let mut sent = SentNonces::default();
		sent.sent(alice.clone(), 5, start);
		assert_eq!(sent.next(&alice, 5, start), 6, "the node has not counted nonce 5 yet");
		assert_eq!(sent.next(&alice, 8, start), 8, "the node knows of later transactions");
		assert_eq!(sent.next(&bob, 0, start), 0, "another account");
		// Nonce 5's transaction was dropped: after a while the gap is filled again.
		assert_eq!(sent.next(&alice, 5, start + NONCE_MEMORY), 5);
		sent.sent(bob.clone(), 0, start + NONCE_MEMORY);
		assert!(!sent.0.contains_key(&alice), "forgotten entries do not pile up");
	}
}
