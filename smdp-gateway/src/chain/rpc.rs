//! The node's JSON-RPC over HTTP(S), with hyper-util's client (already built for the node).

use super::{
	extrinsic::{self, TxContext},
	At, Chain, ChainError, EventRecord, OrderView,
};
use crate::{es2::client::error_chain, keys::TransactionKey};
use bytes::Bytes;
use codec::{Decode, Encode};
use gesim_primitives::OrderId;
use gesim_runtime::AccountId;
use http::{header::CONTENT_TYPE, Method};
use http_body_util::{BodyExt, Full};
use hyper_rustls::HttpsConnector;
use hyper_util::{
	client::legacy::{connect::HttpConnector, Client},
	rt::TokioExecutor,
};
use pallet_esim_provisioning::{Receipt, ReceiptKey, ReceiptSignature};
use serde::{de::DeserializeOwned, Deserialize};
use serde_json::{json, Value};
use sp_core::H256;
use std::{
	sync::atomic::{AtomicU64, Ordering},
	time::Duration,
};

/// Open orders asked for per runtime API call (the runtime caps a page at 256).
const PAGE: u32 = 64;

/// The runtime versions a transaction commits to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RuntimeVersion {
	/// `specVersion`.
	pub spec_version: u32,
	/// `transactionVersion`.
	pub transaction_version: u32,
}

/// A JSON-RPC endpoint over HTTP(S).
struct JsonRpc {
	http: Client<HttpsConnector<HttpConnector>, Full<Bytes>>,
	url: String,
	next_id: AtomicU64,
	timeout: Duration,
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

impl JsonRpc {
	fn new(url: &str, timeout: Duration) -> Self {
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
		Self {
			http: Client::builder(TokioExecutor::new()).build(connector),
			url: url.to_owned(),
			next_id: AtomicU64::new(1),
			timeout,
		}
	}

	async fn call<T: DeserializeOwned>(
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
}

fn hex_bytes(method: &str, text: &str) -> Result<Vec<u8>, ChainError> {
	hex::decode(text.trim_start_matches("0x"))
		.map_err(|e| ChainError::Decode { method: method.to_owned(), reason: e.to_string() })
}

fn scale<T: Decode>(method: &str, bytes: &[u8]) -> Result<T, ChainError> {
	T::decode(&mut &bytes[..])
		.map_err(|e| ChainError::Decode { method: method.to_owned(), reason: e.to_string() })
}

/// The chain through one node's JSON-RPC, submitting as the operator's account.
pub struct RpcChain {
	rpc: JsonRpc,
	key: TransactionKey,
	account: AccountId,
	genesis: H256,
	/// One submission at a time: two reading the same next nonce would replace each other.
	submitting: tokio::sync::Mutex<()>,
}

impl RpcChain {
	/// Connects to the node at `url` (`http://` or `https://`) and reads the genesis hash.
	pub async fn connect(
		url: &str,
		key: TransactionKey,
		timeout: Duration,
	) -> Result<Self, ChainError> {
		let rpc = JsonRpc::new(url, timeout);
		let genesis: Option<H256> = rpc.call("chain_getBlockHash", json!([0])).await?;
		let genesis = genesis.ok_or_else(|| ChainError::Decode {
			method: "chain_getBlockHash".into(),
			reason: "the node has no block 0".into(),
		})?;
		let account = key.account();
		Ok(Self { rpc, key, account, genesis, submitting: tokio::sync::Mutex::new(()) })
	}

	/// The node's URL.
	pub fn url(&self) -> &str {
		&self.rpc.url
	}

	/// The finalised head's hash.
	pub async fn finalized_hash(&self) -> Result<H256, ChainError> {
		self.rpc.call("chain_getFinalizedHead", json!([])).await
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
		let header: Option<Header> = self.rpc.call("chain_getHeader", json!([hash])).await?;
		let number = header.map(|h| h.number).unwrap_or_default();
		u32::from_str_radix(number.trim_start_matches("0x"), 16).map_err(|e| ChainError::Decode {
			method: "chain_getHeader".into(),
			reason: format!("block number `{number}`: {e}"),
		})
	}

	/// The hash of canonical block `number`, if the node has it.
	pub async fn block_hash(&self, number: u32) -> Result<Option<H256>, ChainError> {
		self.rpc.call("chain_getBlockHash", json!([number])).await
	}

	/// The events of block `at`.
	pub async fn events(&self, at: H256) -> Result<Vec<EventRecord>, ChainError> {
		const METHOD: &str = "state_getStorage";
		let key = frame_support::storage::storage_prefix(b"System", b"Events");
		let value: Option<String> =
			self.rpc.call(METHOD, json!([format!("0x{}", hex::encode(key)), at])).await?;
		match value {
			Some(text) => scale(METHOD, &hex_bytes(METHOD, &text)?),
			None => Ok(Vec::new()),
		}
	}

	/// The runtime version at the best block (what the pool checks a transaction against).
	pub async fn runtime_version(&self) -> Result<RuntimeVersion, ChainError> {
		self.rpc.call("state_getRuntimeVersion", json!([])).await
	}

	/// The operator's next nonce, counting its transactions in the pool.
	pub async fn next_nonce(&self) -> Result<u32, ChainError> {
		self.rpc.call("system_accountNextIndex", json!([self.key.ss58()])).await
	}

	/// Calls runtime API `method` with SCALE `args` at block `at` (`None`: the best block).
	async fn runtime_call<R: Decode>(
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
		let result: String = self.rpc.call("state_call", params).await?;
		scale(method, &hex_bytes(method, &result)?)
	}

	/// Every open order of the operator at block `at`, all pages.
	pub async fn open_orders_at(&self, at: H256) -> Result<Vec<OrderView>, ChainError> {
		let mut orders: Vec<OrderView> = Vec::new();
		loop {
			let after = orders.last().map(|view| view.id);
			let page: Vec<OrderView> = self
				.runtime_call(
					"EsimProvisioningApi_open_orders",
					(&self.account, after, PAGE).encode(),
					Some(at),
				)
				.await?;
			let full = page.len() as u32 >= PAGE;
			orders.extend(page);
			if !full {
				return Ok(orders);
			}
		}
	}
}

#[async_trait::async_trait]
impl Chain for RpcChain {
	fn genesis_hash(&self) -> H256 {
		self.genesis
	}

	fn telco(&self) -> &AccountId {
		&self.account
	}

	async fn order(&self, id: OrderId, at: At) -> Result<Option<OrderView>, ChainError> {
		let at = match at {
			At::Finalized => Some(self.finalized_hash().await?),
			At::Best => None,
		};
		self.runtime_call("EsimProvisioningApi_order", id.encode(), at).await
	}

	async fn open_orders(&self) -> Result<Vec<OrderView>, ChainError> {
		let at = self.finalized_hash().await?;
		self.open_orders_at(at).await
	}

	async fn submit_receipt(
		&self,
		order: OrderId,
		receipt: Receipt,
		signer: ReceiptKey,
		signature: ReceiptSignature,
	) -> Result<H256, ChainError> {
		let _one_at_a_time = self.submitting.lock().await;
		// Read afresh for every transaction: a runtime upgrade changes the versions.
		let version = self.runtime_version().await?;
		let (current, current_hash) = self.finalized_head().await?;
		let birth = TxContext::era_birth(current);
		let era_birth_hash = if birth == current {
			current_hash
		} else {
			self.block_hash(birth).await?.ok_or_else(|| ChainError::Receipt {
				order,
				reason: format!("the node has no block {birth} to start the transaction's era at"),
			})?
		};
		let context = TxContext {
			spec_version: version.spec_version,
			transaction_version: version.transaction_version,
			genesis: self.genesis,
			current,
			era_birth_hash,
			nonce: self.next_nonce().await?,
		};
		let extrinsic = extrinsic::signed_receipt_extrinsic(
			&self.key, &context, order, receipt, signer, signature,
		);
		self.rpc
			.call("author_submitExtrinsic", json!([extrinsic::to_hex(&extrinsic)]))
			.await
	}
}
