//! Shared pieces of the simulator tests: a test PKI, a started simulator, an operator that
//! receives notifications over mutual TLS, and typed ES2+ calls.

#![allow(dead_code)]

use gesim_esim_protocol::{
	es2plus::{
		header, path, CancelOrderRequest, ConfirmOrderRequest, ConfirmOrderResponse,
		DownloadOrderRequest, DownloadOrderResponse, FinalProfileStatus, HeaderOnlyResponse,
		ReleaseProfileRequest, RequestHeader, StatusCode,
	},
	ActivationCode, Eid, Iccid, MatchingId,
};
use gesim_smdp_sim::{
	euicc::{self, DownloadOptions, Downloaded, StepError},
	http::{self as sim_http, empty, text, Handler, HttpsClient, Reply, Request, Response},
	pki,
	state::{ProfileSpec, ProfileView},
	tls, Clock, ManualClock, RunningSim, SimConfig,
};
use serde::{de::DeserializeOwned, Serialize};
use serde_json::Value;
use std::{
	path::PathBuf,
	sync::{
		atomic::{AtomicU32, Ordering},
		Arc,
	},
	time::Duration,
};
use tempfile::TempDir;
use tokio::{
	net::TcpListener,
	sync::{mpsc, watch},
};

pub const OPERATOR: &str = "gesim-operator";
pub const PROFILE_TYPE: &str = "gesim-data-1";
pub const EID: &str = "89049032123451234512345678901235";
pub const OTHER_EID: &str = "89049032123451234512345678909999";
pub const T0: u64 = 1_740_000_000;
/// How long a test waits for something that should happen at once.
pub const PATIENCE: Duration = Duration::from_secs(10);

pub fn iccid(n: u32) -> Iccid {
	// 19 digits: exercises the F padding on the wire.
	Iccid::parse(&format!("89882390000000{n:05}")).unwrap()
}

pub fn eid(s: &str) -> Eid {
	Eid::parse(s).unwrap()
}

pub fn mid(s: &str) -> MatchingId {
	MatchingId::parse(s).unwrap()
}

/// A test PKI in a temporary directory.
pub struct Pki(pub TempDir);

impl Pki {
	pub fn new() -> Self {
		let dir = tempfile::tempdir().unwrap();
		pki::write_test_pki(dir.path(), &[], &[], false).unwrap();
		Self(dir)
	}

	pub fn file(&self, name: &str) -> PathBuf {
		self.0.path().join(name)
	}

	pub fn ca(&self) -> PathBuf {
		self.file(pki::CA_CERT)
	}

	/// An ES2+ client with the operator's client certificate.
	pub fn operator_client(&self, sim: &RunningSim) -> HttpsClient {
		let identity = tls::Identity {
			cert: &self.file(pki::OPERATOR_CLIENT_CERT),
			key: &self.file(pki::OPERATOR_CLIENT_KEY),
		};
		HttpsClient::new(tls::client_config(&self.ca(), Some(identity)).unwrap(), &sim.es2_url())
	}
}

pub fn inventory(n: u32) -> Vec<ProfileSpec> {
	(1..=n)
		.map(|i| ProfileSpec { iccid: iccid(i), profile_type: PROFILE_TYPE.into() })
		.collect()
}

/// What the test operator saw of one notification.
#[derive(Debug, Clone)]
pub struct Received {
	pub body: Value,
	pub content_type: Option<String>,
	pub admin_protocol: Option<String>,
}

impl Received {
	pub fn point(&self) -> u64 {
		match &self.body["notificationPointId"] {
			Value::Number(n) => n.as_u64().unwrap(),
			Value::String(s) => s.parse().unwrap(),
			other => panic!("notificationPointId {other}"),
		}
	}
}

/// An operator endpoint on mutual TLS answering handleDownloadProgressInfo with 204 (or 500
/// for the first `fail_first` calls).
pub struct TestOperator {
	pub url: String,
	pub received: mpsc::UnboundedReceiver<Received>,
	pub attempts: Arc<AtomicU32>,
	_shutdown: watch::Sender<bool>,
}

struct OperatorHandler {
	tx: mpsc::UnboundedSender<Received>,
	fail_first: AtomicU32,
	attempts: Arc<AtomicU32>,
}

impl Handler for OperatorHandler {
	fn handle(&self, req: Request) -> Response {
		self.attempts.fetch_add(1, Ordering::SeqCst);
		if req.path != path::HANDLE_DOWNLOAD_PROGRESS_INFO {
			return text(http::StatusCode::NOT_FOUND, "not here");
		}
		if self.fail_first.load(Ordering::SeqCst) > 0 {
			self.fail_first.fetch_sub(1, Ordering::SeqCst);
			return text(http::StatusCode::INTERNAL_SERVER_ERROR, "try again");
		}
		let body = serde_json::from_slice(&req.body).expect("notification is JSON");
		let _ = self.tx.send(Received {
			body,
			content_type: req.header("content-type").map(str::to_owned),
			admin_protocol: req.header(header::X_ADMIN_PROTOCOL).map(str::to_owned),
		});
		empty(http::StatusCode::NO_CONTENT)
	}
}

impl TestOperator {
	pub async fn start(pki: &Pki, fail_first: u32) -> Self {
		let tls = tls::mutual_server_config(
			tls::Identity {
				cert: &pki.file(pki::OPERATOR_SERVER_CERT),
				key: &pki.file(pki::OPERATOR_SERVER_KEY),
			},
			&pki.ca(),
		)
		.unwrap();
		let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
		let url = format!("https://localhost:{}", listener.local_addr().unwrap().port());
		let (tx, received) = mpsc::unbounded_channel();
		let attempts = Arc::new(AtomicU32::new(0));
		let handler = OperatorHandler {
			tx,
			fail_first: AtomicU32::new(fail_first),
			attempts: attempts.clone(),
		};
		let (shutdown, watch) = watch::channel(false);
		sim_http::spawn_listener("operator", listener, tls, Arc::new(handler), watch);
		Self { url, received, attempts, _shutdown: shutdown }
	}

	/// The next notification, or a panic after [`PATIENCE`].
	pub async fn next(&mut self) -> Received {
		tokio::time::timeout(PATIENCE, self.received.recv())
			.await
			.expect("a notification within the patience window")
			.expect("operator channel open")
	}

	/// Receives notifications until one with `point`, returning the points seen before it.
	pub async fn until_point(&mut self, point: u64) -> (Vec<u64>, Received) {
		let mut before = Vec::new();
		loop {
			let n = self.next().await;
			if n.point() == point {
				return (before, n);
			}
			before.push(n.point());
		}
	}
}

/// A simulator with a manual clock, and the pieces tests use.
pub struct Harness {
	pub pki: Pki,
	pub sim: RunningSim,
	pub es2: HttpsClient,
	pub clock: Arc<ManualClock>,
	pub operator: Option<TestOperator>,
}

impl Harness {
	/// A simulator notifying a test operator that accepts everything.
	pub async fn start(profiles: u32) -> Self {
		Self::start_with(profiles, Some(0), |_| {}).await
	}

	/// `operator`: none, or a test operator refusing its first N notifications.
	pub async fn start_with(
		profiles: u32,
		operator: Option<u32>,
		tweak: impl FnOnce(&mut SimConfig),
	) -> Self {
		let pki = Pki::new();
		let operator = match operator {
			Some(fail_first) => Some(TestOperator::start(&pki, fail_first).await),
			None => None,
		};
		let mut config = SimConfig::for_test(
			pki.0.path(),
			inventory(profiles),
			operator.as_ref().map(|o| o.url.clone()),
		);
		tweak(&mut config);
		let clock = Arc::new(ManualClock::new(T0));
		let sim = gesim_smdp_sim::start(config, clock.clone() as Arc<dyn Clock>).await.unwrap();
		let es2 = pki.operator_client(&sim);
		Self { pki, sim, es2, clock, operator }
	}

	pub fn operator(&mut self) -> &mut TestOperator {
		self.operator.as_mut().expect("started with an operator")
	}

	/// POSTs an ES2+ request and checks the transport answer is a proper GSMA one.
	pub async fn call<Resp: DeserializeOwned>(&self, path: &str, body: &impl Serialize) -> Resp {
		let reply = self.es2.post_json(path, body).await.unwrap();
		assert_eq!(reply.status, http::StatusCode::OK, "{}", String::from_utf8_lossy(&reply.body));
		assert_gsma_json(&reply);
		serde_json::from_slice(&reply.body).unwrap()
	}

	pub async fn download_order(
		&self,
		iccid: Option<&Iccid>,
		profile_type: Option<&str>,
		eid: Option<&Eid>,
	) -> DownloadOrderResponse {
		self.call(
			path::DOWNLOAD_ORDER,
			&DownloadOrderRequest {
				header: header_for("download"),
				eid: eid.cloned(),
				iccid: iccid.cloned(),
				profile_type: profile_type.map(str::to_owned),
			},
		)
		.await
	}

	pub async fn confirm_order(&self, request: ConfirmOrderRequest) -> ConfirmOrderResponse {
		self.call(path::CONFIRM_ORDER, &request).await
	}

	pub async fn release_profile(&self, iccid: &Iccid) -> HeaderOnlyResponse {
		self.call(
			path::RELEASE_PROFILE,
			&ReleaseProfileRequest { header: header_for("release"), iccid: iccid.clone() },
		)
		.await
	}

	pub async fn cancel_order(
		&self,
		iccid: &Iccid,
		status: FinalProfileStatus,
	) -> HeaderOnlyResponse {
		self.call(
			path::CANCEL_ORDER,
			&CancelOrderRequest {
				header: header_for("cancel"),
				iccid: iccid.clone(),
				eid: None,
				matching_id: None,
				final_profile_status_indicator: status,
			},
		)
		.await
	}

	/// Reserves and releases `iccid` under `matching_id`; returns the activation code.
	pub async fn ordered(
		&self,
		iccid: &Iccid,
		matching_id: &str,
		eid: Option<&Eid>,
		confirmation_code: Option<&str>,
	) -> ActivationCode {
		let ordered = self.download_order(Some(iccid), None, eid).await;
		assert!(
			ordered.header.function_execution_status.is_executed(),
			"{}",
			ordered.header.function_execution_status
		);
		let confirmed = self
			.confirm_order(confirm(iccid, Some(matching_id), None, confirmation_code, true))
			.await;
		assert!(
			confirmed.header.function_execution_status.is_executed(),
			"{}",
			confirmed.header.function_execution_status
		);
		ActivationCode::new(
			confirmed.smdp_address.unwrap(),
			matching_id,
			None,
			confirmation_code.is_some(),
		)
		.unwrap()
	}

	pub async fn profiles(&self) -> Vec<ProfileView> {
		let reply = self.es2.send(http::Method::GET, "/sim/profiles", None).await.unwrap();
		assert_eq!(reply.status, http::StatusCode::OK);
		serde_json::from_slice(&reply.body).unwrap()
	}

	pub async fn profile(&self, iccid: &Iccid) -> ProfileView {
		self.profiles().await.into_iter().find(|p| p.iccid == iccid.digits()).unwrap()
	}

	/// Runs the test eUICC against the simulator.
	pub async fn device(
		&self,
		code: &ActivationCode,
		eid: &Eid,
		confirmation_code: Option<&str>,
	) -> Result<Downloaded, StepError> {
		let opts = DownloadOptions {
			activation_code: code.clone(),
			eid: eid.clone(),
			confirmation_code: confirmation_code.map(str::to_owned),
			ca: self.pki.ca(),
			seq_number: 1,
			defer_notification_to: None,
		};
		euicc::download(&opts, &mut |_| {}).await
	}
}

pub fn header_for(call: &str) -> RequestHeader {
	RequestHeader {
		function_requester_identifier: OPERATOR.into(),
		function_call_identifier: call.into(),
	}
}

pub fn confirm(
	iccid: &Iccid,
	matching_id: Option<&str>,
	eid: Option<&Eid>,
	cc: Option<&str>,
	release: bool,
) -> ConfirmOrderRequest {
	ConfirmOrderRequest {
		header: header_for("confirm"),
		iccid: iccid.clone(),
		eid: eid.cloned(),
		matching_id: matching_id.map(mid),
		confirmation_code: cc.map(str::to_owned),
		smds_address: None,
		release_flag: release,
	}
}

pub fn assert_gsma_json(reply: &Reply) {
	assert_eq!(reply.header("content-type"), Some(header::CONTENT_TYPE));
	assert!(header::is_supported_admin_protocol(reply.header(header::X_ADMIN_PROTOCOL).unwrap()));
}

/// The status code of a `Failed` header, or a panic.
pub fn failure(status: &gesim_esim_protocol::es2plus::FunctionExecutionStatus) -> StatusCode {
	assert_eq!(status.status, gesim_esim_protocol::es2plus::ExecutionStatus::Failed, "{status}");
	status.code().expect("statusCodeData")
}
