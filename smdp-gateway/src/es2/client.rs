//! The ES2+ client: the operator calling its SM-DP+.
//!
//! Every answer is sorted into what the driver does next:
//! - `Executed-Success` → done; `Executed-WithWarning` → done, the warning logged;
//! - `Failed` (HTTP 200) → the protocol crate's [`Disposition`] of its status code for this
//!   function: fail the order, carry on (an earlier attempt got through: `downloadOrder` of our own
//!   ICCID answered "already in use"), or retry;
//! - `Expired`, transport errors, HTTP statuses other than 200 and unreadable bodies → retried with
//!   exponential backoff, a bounded number of times; then [`Es2Error::Unavailable`], which leaves
//!   the order for a later attempt.
//!
//! `functionCallIdentifier` is `gesim-order-<order>-<function>`: retries of one step share it,
//! so the SM-DP+'s logs tie them together (it is a correlation id, not an idempotency key).

use crate::metrics::Metrics;
use bytes::Bytes;
use gesim_chain_client::error_chain;
use gesim_esim_protocol::{
	es2plus::{
		header, CancelOrderRequest, CancelOrderResponse, ConfirmOrderRequest, ConfirmOrderResponse,
		Disposition, DownloadOrderRequest, DownloadOrderResponse, Eid, Es2Function,
		ExecutionStatus, FinalProfileStatus, FunctionExecutionStatus, RequestHeader,
		ResponseHeader,
	},
	Iccid, MatchingId,
};
use gesim_primitives::OrderId;
use http::{header::CONTENT_TYPE, Method, StatusCode as Http};
use http_body_util::{BodyExt, Full};
use hyper_rustls::HttpsConnector;
use hyper_util::{
	client::legacy::{connect::HttpConnector, Client},
	rt::TokioExecutor,
};
use rustls::ClientConfig;
use serde::{de::DeserializeOwned, Deserialize, Serialize};
use std::time::{Duration, Instant};

/// How hard one ES2+ step is tried before the order is left for later.
#[derive(Clone, Copy, Debug)]
pub struct RetryPolicy {
	/// Exchanges per step (at least one).
	pub attempts: u32,
	/// Wait after the first failed exchange; doubled after each.
	pub first_backoff: Duration,
	/// Longest wait between two exchanges.
	pub max_backoff: Duration,
	/// Longest wait for one answer.
	pub timeout: Duration,
}

impl Default for RetryPolicy {
	fn default() -> Self {
		Self {
			attempts: 5,
			first_backoff: Duration::from_millis(500),
			max_backoff: Duration::from_secs(30),
			timeout: Duration::from_secs(15),
		}
	}
}

/// An ES2+ step that went through.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Executed<T> {
	/// Executed now, with this answer.
	Done(T),
	/// Refused because an earlier attempt already did it.
	AlreadyDone,
}

/// An ES2+ step that did not go through.
#[derive(Debug, thiserror::Error)]
pub enum Es2Error {
	/// The SM-DP+ refused it for good: the order cannot proceed as asked.
	#[error("order {order}: {function} refused by the SM-DP+: {status}")]
	Refused {
		/// The order.
		order: OrderId,
		/// The function.
		function: Es2Function,
		/// The SM-DP+'s answer.
		status: FunctionExecutionStatus,
	},
	/// No usable answer within the retry policy; worth trying again later.
	#[error("order {order}: {function} got no usable answer in {attempts} attempts; last: {last}")]
	Unavailable {
		/// The order.
		order: OrderId,
		/// The function.
		function: Es2Function,
		/// Exchanges made.
		attempts: u32,
		/// What went wrong the last time.
		last: String,
	},
}

/// What one exchange calls for.
enum Verdict<T> {
	/// Stop trying: this is the step's result.
	Final(Result<Executed<T>, FunctionExecutionStatus>),
	/// Try again: this went wrong.
	Retry(String),
}

/// The ES2+ client of one SM-DP+.
#[derive(Clone)]
pub struct Es2Client {
	http: Client<HttpsConnector<HttpConnector>, Full<Bytes>>,
	base_url: String,
	requester: String,
	retry: RetryPolicy,
	metrics: Metrics,
}

impl Es2Client {
	/// A client of the SM-DP+ at `base_url` (`https://host:port`), identifying as `requester`
	/// (`functionRequesterIdentifier`) and by the client certificate in `tls`.
	pub fn new(
		tls: ClientConfig,
		base_url: &str,
		requester: &str,
		retry: RetryPolicy,
		metrics: Metrics,
	) -> Self {
		let connector = hyper_rustls::HttpsConnectorBuilder::new()
			.with_tls_config(tls)
			.https_only()
			.enable_http1()
			.build();
		Self {
			http: Client::builder(TokioExecutor::new()).build(connector),
			base_url: base_url.trim_end_matches('/').to_owned(),
			requester: requester.to_owned(),
			retry,
			metrics,
		}
	}

	/// `functionCallIdentifier` of `function` for `order`.
	pub fn call_identifier(order: OrderId, function: Es2Function) -> String {
		format!("gesim-order-{order}-{function}")
	}

	fn header(&self, order: OrderId, function: Es2Function) -> RequestHeader {
		RequestHeader {
			function_requester_identifier: self.requester.clone(),
			function_call_identifier: Self::call_identifier(order, function),
		}
	}

	/// `downloadOrder` of exactly `iccid`, so that a repeat collides instead of reserving
	/// another profile.
	pub async fn download_order(
		&self,
		order: OrderId,
		iccid: &Iccid,
		eid: Option<Eid>,
	) -> Result<Executed<DownloadOrderResponse>, Es2Error> {
		let function = Es2Function::DownloadOrder;
		let request = DownloadOrderRequest {
			header: self.header(order, function),
			eid,
			iccid: Some(iccid.clone()),
			profile_type: None,
		};
		self.call(order, function, &request).await
	}

	/// `confirmOrder` of `iccid` with the order's own `matching_id`, released at once.
	pub async fn confirm_order(
		&self,
		order: OrderId,
		iccid: &Iccid,
		matching_id: &MatchingId,
		eid: Option<Eid>,
		confirmation_code: Option<String>,
	) -> Result<Executed<ConfirmOrderResponse>, Es2Error> {
		let function = Es2Function::ConfirmOrder;
		let request = ConfirmOrderRequest {
			header: self.header(order, function),
			iccid: iccid.clone(),
			eid,
			matching_id: Some(matching_id.clone()),
			confirmation_code,
			smds_address: None,
			release_flag: true,
		};
		self.call(order, function, &request).await
	}

	/// `cancelOrder` of `iccid`, the profile going to `final_status`.
	pub async fn cancel_order(
		&self,
		order: OrderId,
		iccid: &Iccid,
		final_status: FinalProfileStatus,
	) -> Result<Executed<CancelOrderResponse>, Es2Error> {
		let function = Es2Function::CancelOrder;
		let request = CancelOrderRequest {
			header: self.header(order, function),
			iccid: iccid.clone(),
			eid: None,
			matching_id: None,
			final_profile_status_indicator: final_status,
		};
		self.call(order, function, &request).await
	}

	async fn call<T: DeserializeOwned>(
		&self,
		order: OrderId,
		function: Es2Function,
		request: &impl Serialize,
	) -> Result<Executed<T>, Es2Error> {
		let body = serde_json::to_vec(request).expect("ES2+ requests always serialize; qed");
		let attempts = self.retry.attempts.max(1);
		let mut backoff = self.retry.first_backoff;
		let mut last = String::new();
		for attempt in 1..=attempts {
			let started = Instant::now();
			let reply = self.exchange(function, body.clone()).await;
			self.metrics
				.es2_latency
				.with_label_values(&[function.name()])
				.observe(started.elapsed().as_secs_f64());
			match self.judge(order, function, reply) {
				Verdict::Final(Ok(done)) => return Ok(done),
				Verdict::Final(Err(status)) => {
					return Err(Es2Error::Refused { order, function, status })
				},
				Verdict::Retry(reason) => {
					if attempt < attempts {
						tracing::warn!(order, %function, attempt, "retrying in {backoff:?}: {reason}");
						tokio::time::sleep(backoff).await;
						backoff = (backoff * 2).min(self.retry.max_backoff);
					}
					last = reason;
				},
			}
		}
		Err(Es2Error::Unavailable { order, function, attempts, last })
	}

	/// Sorts one exchange's outcome, counting it.
	fn judge<T: DeserializeOwned>(
		&self,
		order: OrderId,
		function: Es2Function,
		reply: Result<(Http, http::HeaderMap, Bytes), String>,
	) -> Verdict<T> {
		let count = |outcome: &str| {
			self.metrics.es2_calls.with_label_values(&[function.name(), outcome]).inc()
		};
		let (status, headers, body) = match reply {
			Ok(reply) => reply,
			Err(reason) => {
				count("transport_error");
				return Verdict::Retry(reason);
			},
		};
		if status != Http::OK {
			count("http_error");
			return Verdict::Retry(format!("HTTP {status}: {}", excerpt(&body)));
		}
		match headers.get(header::X_ADMIN_PROTOCOL).and_then(|v| v.to_str().ok()) {
			Some(v) if header::is_supported_admin_protocol(v) => {},
			other => {
				tracing::warn!(order, %function, "SM-DP+ answered X-Admin-Protocol {other:?}, not gsma/rsp/v2.x")
			},
		}
		#[derive(Deserialize)]
		struct WithHeader {
			header: ResponseHeader,
		}
		let execution = match serde_json::from_slice::<WithHeader>(&body) {
			Ok(parsed) => parsed.header.function_execution_status,
			Err(e) => {
				count("bad_response");
				return Verdict::Retry(format!("unreadable answer ({e}): {}", excerpt(&body)));
			},
		};
		match execution.disposition(function) {
			None => match serde_json::from_slice::<T>(&body) {
				Ok(answer) => {
					if execution.status == ExecutionStatus::ExecutedWithWarning {
						count("warning");
						tracing::warn!(order, %function, "executed with a warning: {execution}");
					} else {
						count("success");
						tracing::info!(order, %function, "Executed-Success");
					}
					Verdict::Final(Ok(Executed::Done(answer)))
				},
				Err(e) => {
					count("bad_response");
					Verdict::Retry(format!("unreadable answer ({e}): {}", excerpt(&body)))
				},
			},
			Some(Disposition::AlreadyDone) => {
				count("already_done");
				tracing::info!(order, %function, "already done by an earlier attempt: {execution}");
				Verdict::Final(Ok(Executed::AlreadyDone))
			},
			Some(Disposition::Fail) => {
				count("failed");
				tracing::warn!(order, %function, "{execution}");
				Verdict::Final(Err(execution))
			},
			Some(Disposition::Retry) => {
				count(if execution.status == ExecutionStatus::Expired {
					"expired"
				} else {
					"failed"
				});
				Verdict::Retry(execution.to_string())
			},
		}
	}

	/// One POST with the GSMA headers.
	async fn exchange(
		&self,
		function: Es2Function,
		body: Vec<u8>,
	) -> Result<(Http, http::HeaderMap, Bytes), String> {
		let url = format!("{}{}", self.base_url, function.path());
		let request = hyper::Request::builder()
			.method(Method::POST)
			.uri(&url)
			.header(CONTENT_TYPE, header::CONTENT_TYPE)
			.header(header::X_ADMIN_PROTOCOL, header::ADMIN_PROTOCOL)
			.body(Full::new(Bytes::from(body)))
			.map_err(|e| format!("{url}: {e}"))?;
		let exchange = async {
			let response = self
				.http
				.request(request)
				.await
				.map_err(|e| format!("{url}: {}", error_chain(&e)))?;
			let (parts, body) = response.into_parts();
			let body = body.collect().await.map_err(|e| format!("{url}: {e}"))?.to_bytes();
			Ok((parts.status, parts.headers, body))
		};
		tokio::time::timeout(self.retry.timeout, exchange)
			.await
			.map_err(|_| format!("{url}: no answer within {:?}", self.retry.timeout))?
	}
}

/// The start of a body, for a log line.
fn excerpt(body: &[u8]) -> String {
	let text = String::from_utf8_lossy(body);
	let text = text.trim();
	match text.char_indices().nth(200) {
		Some((at, _)) => format!("{}…", &text[..at]),
		None => text.to_owned(),
	}
}
