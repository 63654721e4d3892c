//! Shared pieces: an in-memory chain with the pallet's receipt rules, the SM-DP+ simulator
//! started in-process over real mutual TLS, and a gateway driver wired to both.

use gesim_esim_protocol::{es2plus::HandleDownloadProgressInfoRequest, sealed::DeviceKey, Iccid};
use gesim_primitives::OrderId;
use gesim_runtime::AccountId;
use gesim_smdp_gateway::{
	chain::{At, Chain, ChainError, OrderView},
	driver::{Driver, DriverSettings},
	es2::{
		tls::{self, Identity},
		Es2Client, NotificationSink, RetryPolicy,
	},
	inventory::Inventory,
	keys::ReceiptKey,
	metrics::Metrics,
};
use gesim_smdp_sim::{
	http::HttpsClient,
	pki,
	state::{Fault, ProfileSpec, ProfileState, ProfileView},
	RunningSim, SimConfig, SystemClock,
};
use pallet_esim_provisioning::{
	receipt_payload, CancelReason, EidBinding, OrderStatus, ProvisioningOrder, Receipt,
	ReceiptKey as ReceiptPublic, ReceiptSignature,
};
use sp_core::{crypto::Pair as _, ed25519, sr25519, H256};
use std::{
	collections::{BTreeMap, VecDeque},
	path::PathBuf,
	sync::{Arc, Mutex, OnceLock},
	time::Duration,
};
use tempfile::TempDir;

pub const PROFILE_TYPE: &str = "gesim-data-1";
/// How long a test waits for something that should happen at once.
pub const PATIENCE: Duration = Duration::from_secs(15);

pub fn iccid(n: u32) -> Iccid {
	// 19 digits: the F padding on the wire is exercised.
	Iccid::parse(&format!("89882390000000{n:05}")).unwrap()
}

pub fn telco() -> AccountId {
	sr25519::Pair::from_string("//Alice", None).unwrap().public().into()
}

pub fn receipt_key() -> ReceiptKey {
	ReceiptKey::from_suri("//Alice").unwrap()
}

pub fn device(n: u8) -> DeviceKey {
	DeviceKey::from_bytes([n; 32])
}

/// A chain in memory that applies receipts by the pallet's rules (key, signature, state
/// machine) and keeps every one it was sent, applied or not.
pub struct FakeChain {
	genesis: H256,
	telco: AccountId,
	state: Mutex<FakeState>,
}

#[derive(Default)]
struct FakeState {
	orders: BTreeMap<OrderId, OrderView>,
	/// Every receipt sent, in order, and whether the chain applied it (else why not).
	sent: Vec<(OrderId, Receipt, Result<(), &'static str>)>,
	/// Outcomes of the next submissions: `false` fails one as a dead node would.
	script: VecDeque<bool>,
}

impl FakeChain {
	pub fn new() -> Arc<Self> {
		Arc::new(Self {
			genesis: H256::repeat_byte(0x6E),
			telco: telco(),
			state: Mutex::new(FakeState::default()),
		})
	}

	fn state(&self) -> std::sync::MutexGuard<'_, FakeState> {
		self.state.lock().unwrap()
	}

	/// A subscriber of this operator orders a profile for `device`.
	pub fn request(&self, id: OrderId, device: &DeviceKey) {
		self.request_for(id, device, self.telco.clone());
	}

	/// A subscriber of this operator orders a profile for `device`, bound to an EID.
	pub fn request_bound(&self, id: OrderId, device: &DeviceKey, eid: EidBinding) {
		self.request(id, device);
		self.state().orders.get_mut(&id).unwrap().order.eid = Some(eid);
	}

	/// A subscriber of `telco` orders a profile for `device`.
	pub fn request_for(&self, id: OrderId, device: &DeviceKey, telco: AccountId) {
		let order = ProvisioningOrder {
			entitlement: id as u32,
			subscriber: sr25519::Pair::from_string("//Bob", None).unwrap().public().into(),
			telco,
			device_key: device.public_key(),
			eid: None,
			requested_at: 1,
			serve_by: 100,
			status: OrderStatus::Requested,
			updated_at: 1,
			iccid_commitment: None,
			smdp_address: None,
			sealed_code: None,
			install_result_hash: None,
		};
		self.state().orders.insert(id, OrderView { id, order });
	}

	/// The subscriber withdraws `id`.
	pub fn cancel(&self, id: OrderId) {
		self.state().orders.get_mut(&id).unwrap().order.status =
			OrderStatus::Cancelled(CancelReason::BySubscriber);
	}

	pub fn status(&self, id: OrderId) -> OrderStatus {
		self.state().orders[&id].order.status.clone()
	}

	pub fn view(&self, id: OrderId) -> OrderView {
		self.state().orders[&id].clone()
	}

	/// Receipts the chain applied to `id`, in order.
	pub fn applied(&self, id: OrderId) -> Vec<Receipt> {
		self.state()
			.sent
			.iter()
			.filter(|(o, _, ok)| *o == id && ok.is_ok())
			.map(|(_, r, _)| r.clone())
			.collect()
	}

	/// Receipts the chain refused, with why: a gateway that is idempotent sends none.
	pub fn refused(&self) -> Vec<(OrderId, Receipt, &'static str)> {
		self.state()
			.sent
			.iter()
			.filter_map(|(o, r, ok)| ok.err().map(|why| (*o, r.clone(), why)))
			.collect()
	}

	/// The next submissions succeed (`true`) or fail as if the node were gone (`false`).
	pub fn script(&self, outcomes: &[bool]) {
		self.state().script = outcomes.iter().copied().collect();
	}

	/// The pallet's own state machine, with its error names.
	fn apply(status: &OrderStatus, receipt: &Receipt) -> Result<OrderStatus, &'static str> {
		use pallet_esim_provisioning::ReceiptRefusal;
		let next = status.after(receipt).map_err(|refusal| match refusal {
			ReceiptRefusal::Duplicate => "DuplicateReceipt",
			ReceiptRefusal::Closed => "OrderClosed",
			ReceiptRefusal::OutOfOrder => "ReceiptOutOfOrder",
		})?;
		if let Receipt::Failed { status } = receipt {
			if !status.is_well_formed() {
				return Err("MalformedStatusCode");
			}
		}
		Ok(next)
	}
}

#[async_trait::async_trait]
impl Chain for FakeChain {
	fn genesis_hash(&self) -> H256 {
		self.genesis
	}

	fn telco(&self) -> &AccountId {
		&self.telco
	}

	async fn order(&self, id: OrderId, _at: At) -> Result<Option<OrderView>, ChainError> {
		Ok(self.state().orders.get(&id).cloned())
	}

	async fn open_orders(&self) -> Result<Vec<OrderView>, ChainError> {
		Ok(self
			.state()
			.orders
			.values()
			.filter(|v| v.order.status.is_open())
			.cloned()
			.collect())
	}

	async fn submit_receipt(
		&self,
		order: OrderId,
		receipt: Receipt,
		signer: ReceiptPublic,
		signature: ReceiptSignature,
	) -> Result<H256, ChainError> {
		let mut state = self.state();
		if state.script.pop_front() == Some(false) {
			return Err(ChainError::Transport { url: "fake".into(), reason: "node gone".into() });
		}
		let signed = ed25519::Pair::verify(
			&ed25519::Signature::from_raw(signature),
			receipt_payload(&self.genesis, order, &receipt),
			&ed25519::Public::from_raw(signer),
		);
		let outcome = match state.orders.get(&order) {
			None => Err("UnknownOrder"),
			Some(_) if signer != receipt_key().public() => Err("ReceiptKeyNotValid"),
			Some(_) if !signed => Err("InvalidReceiptSignature"),
			Some(view) => Self::apply(&view.order.status, &receipt),
		};
		let result = outcome.map(|next| {
			let view = state.orders.get_mut(&order).unwrap();
			match &receipt {
				Receipt::Accepted { iccid_commitment, smdp_address } => {
					view.order.iccid_commitment = Some(*iccid_commitment);
					view.order.smdp_address = Some(smdp_address.clone());
				},
				Receipt::CodeReleased { sealed_code } => {
					view.order.sealed_code = Some(sealed_code.clone())
				},
				Receipt::Installed { result_hash } => {
					view.order.install_result_hash = Some(*result_hash)
				},
				_ => {},
			}
			view.order.status = next;
		});
		state.sent.push((order, receipt, result));
		Ok(H256::from_low_u64_be(state.sent.len() as u64))
	}
}

/// A test PKI, the simulator on it, and an admin client of the simulator.
pub struct Sim {
	pub pki: TempDir,
	pub running: RunningSim,
	admin: HttpsClient,
}

impl Sim {
	/// The simulator with profiles 1..=`profiles` of [`PROFILE_TYPE`], notifying
	/// `operator_url` if given.
	pub async fn start(
		profiles: u32,
		operator_url: Option<String>,
		point_id_as_string: bool,
	) -> Self {
		Self::start_in(test_pki(), profiles, operator_url, point_id_as_string).await
	}

	/// The simulator on the test PKI in `pki`.
	pub async fn start_in(
		pki: TempDir,
		profiles: u32,
		operator_url: Option<String>,
		point_id_as_string: bool,
	) -> Self {
		let inventory = (1..=profiles)
			.map(|n| ProfileSpec { iccid: iccid(n), profile_type: PROFILE_TYPE.into() })
			.collect();
		let mut config = SimConfig::for_test(pki.path(), inventory, operator_url);
		config.notification_point_id_as_string = point_id_as_string;
		let running = gesim_smdp_sim::start(config, Arc::new(SystemClock)).await.unwrap();
		let identity = gesim_smdp_sim::tls::Identity {
			cert: &pki.path().join(pki::OPERATOR_CLIENT_CERT),
			key: &pki.path().join(pki::OPERATOR_CLIENT_KEY),
		};
		let admin = HttpsClient::new(
			gesim_smdp_sim::tls::client_config(&pki.path().join(pki::CA_CERT), Some(identity))
				.unwrap(),
			&running.es2_url(),
		);
		Self { pki, running, admin }
	}

	pub fn file(&self, name: &str) -> PathBuf {
		self.pki.path().join(name)
	}

	/// `GET /sim/profiles`.
	pub async fn profiles(&self) -> Vec<ProfileView> {
		let reply = self.admin.send(http::Method::GET, "/sim/profiles", None).await.unwrap();
		assert_eq!(reply.status, http::StatusCode::OK);
		serde_json::from_slice(&reply.body).unwrap()
	}

	/// Profiles the simulator has handed to an order (anything but `Available`).
	pub async fn taken(&self) -> Vec<ProfileView> {
		self.profiles()
			.await
			.into_iter()
			.filter(|p| p.state != ProfileState::Available)
			.collect()
	}

	/// `POST /sim/faults`: the next `count` calls of `function` answer `Failed` with
	/// `subject`/`reason`.
	pub async fn fail_next(&self, function: &str, count: u32, subject: &str, reason: &str) {
		self.arm(Fault {
			function: function.into(),
			count,
			http_status: None,
			subject_code: Some(subject.into()),
			reason_code: Some(reason.into()),
			message: None,
		})
		.await;
	}

	/// `POST /sim/faults`: the next `count` calls of `function` answer HTTP `status`.
	pub async fn http_error_next(&self, function: &str, count: u32, status: u16) {
		self.arm(Fault {
			function: function.into(),
			count,
			http_status: Some(status),
			subject_code: None,
			reason_code: None,
			message: None,
		})
		.await;
	}

	async fn arm(&self, fault: Fault) {
		let body = serde_json::to_vec(&fault).unwrap();
		let reply = self
			.admin
			.send(http::Method::POST, "/sim/faults", Some(("application/json", body)))
			.await
			.unwrap();
		assert_eq!(reply.status, http::StatusCode::OK, "{}", String::from_utf8_lossy(&reply.body));
	}
}

/// A fresh test PKI, as `gesim-smdp-sim certs` writes it.
pub fn test_pki() -> TempDir {
	let dir = tempfile::tempdir().unwrap();
	pki::write_test_pki(dir.path(), &[], &[], false).unwrap();
	dir
}

/// An inventory file of profiles 1..=`profiles`, all free.
pub fn inventory_file(dir: &TempDir, profiles: u32) -> PathBuf {
	let path = dir.path().join("inventory.json");
	let entries: Vec<_> = (1..=profiles)
		.map(|n| serde_json::json!({"iccid": iccid(n).to_string(), "profileType": PROFILE_TYPE}))
		.collect();
	std::fs::write(&path, serde_json::to_vec_pretty(&entries).unwrap()).unwrap();
	path
}

/// A fresh gateway driver (nothing in memory) on `chain`, `sim` and the inventory at `path`.
pub fn gateway(
	chain: &Arc<FakeChain>,
	sim: &Sim,
	inventory: &std::path::Path,
) -> (Arc<Driver<FakeChain>>, Metrics) {
	gateway_to(chain, &sim.running.es2_url(), sim.pki.path(), &sim.running.smdp_address, inventory)
}

/// A fresh gateway driver on `chain`, calling the SM-DP+ at `es2_url` with the operator's
/// client certificate of the test PKI in `pki_dir`.
pub fn gateway_to(
	chain: &Arc<FakeChain>,
	es2_url: &str,
	pki_dir: &std::path::Path,
	smdp_address: &str,
	inventory: &std::path::Path,
) -> (Arc<Driver<FakeChain>>, Metrics) {
	let metrics = Metrics::unregistered();
	let identity = Identity {
		cert: pki_dir.join(pki::OPERATOR_CLIENT_CERT),
		key: pki_dir.join(pki::OPERATOR_CLIENT_KEY),
	};
	let tls = tls::client_config(&pki_dir.join(pki::CA_CERT), &identity).unwrap();
	let retry = RetryPolicy {
		attempts: 4,
		first_backoff: Duration::from_millis(20),
		max_backoff: Duration::from_millis(100),
		timeout: Duration::from_secs(5),
	};
	let es2 = Es2Client::new(tls, es2_url, "gesim-operator", retry, metrics.clone());
	let driver = Driver::new(
		chain.clone(),
		es2,
		Arc::new(Inventory::open(inventory).unwrap()),
		receipt_key(),
		DriverSettings {
			smdp_address: smdp_address.into(),
			profile_type: PROFILE_TYPE.into(),
			confirmation_code: false,
			receipt_timeout: Duration::from_secs(60),
			retry_delay: Duration::from_millis(10),
			max_retry_delay: Duration::from_millis(100),
		},
		metrics.clone(),
	);
	(Arc::new(driver), metrics)
}

/// A notification sink wired after the server started (the simulator needs the server's URL
/// before the driver can be built).
#[derive(Default)]
pub struct LateSink(OnceLock<Arc<dyn NotificationSink>>);

impl LateSink {
	pub fn set(&self, sink: Arc<dyn NotificationSink>) {
		assert!(self.0.set(sink).is_ok());
	}
}

#[async_trait::async_trait]
impl NotificationSink for LateSink {
	async fn notify(&self, notification: HandleDownloadProgressInfoRequest) -> Result<(), String> {
		match self.0.get() {
			Some(sink) => sink.notify(notification).await,
			None => Err("gateway not ready".into()),
		}
	}
}

/// Waits until `check` holds, or panics with `what`.
pub async fn eventually(what: &str, mut check: impl FnMut() -> bool) {
	let deadline = tokio::time::Instant::now() + PATIENCE;
	while !check() {
		assert!(tokio::time::Instant::now() < deadline, "timed out waiting for {what}");
		tokio::time::sleep(Duration::from_millis(50)).await;
	}
}

/// The value of counter `es2_calls{function, outcome}`.
pub fn es2_calls(metrics: &Metrics, function: &str, outcome: &str) -> u64 {
	metrics.es2_calls.with_label_values(&[function, outcome]).get()
}
