//! handleDownloadProgressInfo: the SM-DP+'s notifications become progress receipts, over
//! mutual TLS only.

use crate::common::*;
use gesim_esim_protocol::{es2plus::path, sealed, Eid};
use gesim_runtime::RuntimeEvent;
use gesim_smdp_gateway::{
	chain::Chain,
	driver::{blake2_256, Driver},
	es2::{
		tls::{self, Identity},
		NotificationServer,
	},
	metrics::Metrics,
};
use gesim_smdp_sim::{
	euicc::{self, DownloadOptions},
	http::HttpsClient,
	pki,
};
use pallet_esim_provisioning::{OrderStatus, Receipt};
use serde_json::{json, Value};
use std::sync::Arc;

struct Setup {
	sim: Sim,
	chain: Arc<FakeChain>,
	driver: Arc<Driver<FakeChain>>,
	server: NotificationServer,
	metrics: Metrics,
	_files: tempfile::TempDir,
}

/// The gateway's notification server, the simulator notifying it, and order 7 released.
async fn released(point_id_as_string: bool) -> Setup {
	let pki_dir = test_pki();
	let sink = Arc::new(LateSink::default());
	let server_identity = Identity {
		cert: pki_dir.path().join(pki::OPERATOR_SERVER_CERT),
		key: pki_dir.path().join(pki::OPERATOR_SERVER_KEY),
	};
	let server_tls =
		tls::mutual_server_config(&server_identity, &pki_dir.path().join(pki::CA_CERT)).unwrap();
	let server_metrics = Metrics::unregistered();
	let server = NotificationServer::start(
		([127, 0, 0, 1], 0).into(),
		server_tls,
		sink.clone(),
		server_metrics.clone(),
	)
	.await
	.unwrap();
	let sim = Sim::start_in(pki_dir, 3, Some(server.url()), point_id_as_string).await;
	let files = tempfile::tempdir().unwrap();
	let inventory = inventory_file(&files, 3);
	let chain = FakeChain::new();
	let (driver, _) = gateway(&chain, &sim, &inventory);
	sink.set(driver.clone());
	chain.request(7, &device(1));
	driver.resync().await.unwrap();
	assert_eq!(chain.status(7), OrderStatus::CodeReleased);
	Setup { sim, chain, driver, server, metrics: server_metrics, _files: files }
}

impl Setup {
	/// A client of the notification server with the SM-DP+'s client certificate.
	fn smdp_client(&self) -> HttpsClient {
		let identity = gesim_smdp_sim::tls::Identity {
			cert: &self.sim.file(pki::SMDP_CLIENT_CERT),
			key: &self.sim.file(pki::SMDP_CLIENT_KEY),
		};
		let config =
			gesim_smdp_sim::tls::client_config(&self.sim.file(pki::CA_CERT), Some(identity))
				.unwrap();
		HttpsClient::new(config, &self.server.url())
	}

	async fn iccid(&self) -> String {
		self.sim.taken().await[0].iccid.clone()
	}

	fn notifications(&self, point: &str) -> u64 {
		self.metrics.notifications.with_label_values(&[point]).get()
	}
}

/// A notification as an SM-DP+ sends it.
fn notification(iccid: &str, point: Value, status: Value) -> Value {
	json!({
		"header": {"functionRequesterIdentifier": "smdp", "functionCallIdentifier": "n-1"},
		"iccid": iccid,
		"profileType": PROFILE_TYPE,
		"timestamp": "2025-03-01T10:20:30Z",
		"notificationPointId": point,
		"notificationPointStatus": status,
	})
}

/// The device downloads and installs with the code on chain; the simulator notifies the
/// gateway (points 1, 3, 4), which reports the download and the installation.
async fn downloaded_and_installed(point_id_as_string: bool) {
	let setup = released(point_id_as_string).await;
	let chain = &setup.chain;
	let sealed_code = chain.view(7).order.sealed_code.unwrap();
	let envelope =
		sealed::open(&device(1), chain.genesis_hash().as_fixed_bytes(), 7, &sealed_code).unwrap();

	let downloaded = euicc::download(
		&DownloadOptions {
			activation_code: envelope.parsed_activation_code().unwrap(),
			eid: Eid::parse(euicc::DEFAULT_EID).unwrap(),
			confirmation_code: envelope.confirmation_code.clone(),
			ca: setup.sim.file(pki::CA_CERT),
			seq_number: 1,
			defer_notification_to: None,
		},
		&mut |_| {},
	)
	.await
	.unwrap();
	eventually("the installation on chain", || chain.status(7) == OrderStatus::Installed).await;

	let expected = blake2_256(&downloaded.install_result);
	let applied = chain.applied(7);
	assert!(
		matches!(
			&applied[..],
			[Receipt::Accepted { .. }, Receipt::CodeReleased { .. }, Receipt::Downloaded, Receipt::Installed { result_hash }]
				if *result_hash == expected
		),
		"{applied:?}"
	);
	assert_eq!(chain.view(7).order.install_result_hash, Some(expected));
	assert_eq!(
		(setup.notifications("1"), setup.notifications("3"), setup.notifications("4")),
		(1, 1, 1)
	);
	assert!(chain.refused().is_empty(), "{:?}", chain.refused());
	// An installed profile is the order's for good (recorded just after the receipt is sent).
	eventually("the profile settled", || {
		setup.driver.inventory().held_by(7).is_some_and(|held| held.settled)
	})
	.await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn notifications_with_integer_point_ids_become_downloaded_and_installed_receipts() {
	downloaded_and_installed(false).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn notifications_with_string_point_ids_become_downloaded_and_installed_receipts() {
	downloaded_and_installed(true).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_repeated_notification_submits_nothing() {
	let setup = released(false).await;
	let client = setup.smdp_client();
	let iccid = setup.iccid().await;
	let success = json!({"status": "Executed-Success"});
	for _ in 0..2 {
		let reply = client
			.post_json(
				path::HANDLE_DOWNLOAD_PROGRESS_INFO,
				&notification(&iccid, json!("3"), success.clone()),
			)
			.await
			.unwrap();
		assert_eq!(reply.status, http::StatusCode::NO_CONTENT);
	}
	let mut installed = notification(&iccid, json!(4), success);
	installed["resultData"] = json!("vzc=");
	for _ in 0..2 {
		let reply =
			client.post_json(path::HANDLE_DOWNLOAD_PROGRESS_INFO, &installed).await.unwrap();
		assert_eq!(reply.status, http::StatusCode::NO_CONTENT);
	}

	let applied = setup.chain.applied(7);
	assert_eq!(applied.len(), 4, "{applied:?}");
	assert_eq!(applied[2], Receipt::Downloaded);
	assert_eq!(applied[3], Receipt::Installed { result_hash: blake2_256(&[0xBF, 0x37]) });
	assert!(setup.chain.refused().is_empty(), "{:?}", setup.chain.refused());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failed_installation_fails_the_order_with_its_code_and_gives_the_profile_back() {
	let setup = released(false).await;
	let iccid = setup.iccid().await;
	let failed = json!({
		"status": "Failed",
		"statusCodeData": {"subjectCode": "8.1", "reasonCode": "4.8", "message": "no memory"}
	});
	let reply = setup
		.smdp_client()
		.post_json(path::HANDLE_DOWNLOAD_PROGRESS_INFO, &notification(&iccid, json!(4), failed))
		.await
		.unwrap();
	assert_eq!(reply.status, http::StatusCode::NO_CONTENT);
	let OrderStatus::Failed(status) = setup.chain.status(7) else {
		panic!("{:?}", setup.chain.status(7))
	};
	assert_eq!((&status.subject[..], &status.reason[..]), (&b"8.1"[..], &b"4.8"[..]));

	// The chain's OrderFailed event: the profile goes back to the SM-DP+'s pool.
	setup
		.driver
		.on_event(&RuntimeEvent::EsimProvisioning(pallet_esim_provisioning::Event::OrderFailed {
			order: 7,
			entitlement: 7,
			status,
		}))
		.await;
	assert!(setup.sim.taken().await.is_empty());
	assert_eq!(setup.driver.inventory().counts().free, 3);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn notifications_of_unknown_profiles_and_points_change_nothing() {
	let setup = released(false).await;
	let client = setup.smdp_client();
	let success = json!({"status": "Executed-Success"});
	let unknown = notification(&iccid(99).to_string(), json!(3), success.clone());
	let vendor = notification(&setup.iccid().await, json!(102), success);
	for body in [unknown, vendor] {
		let reply = client.post_json(path::HANDLE_DOWNLOAD_PROGRESS_INFO, &body).await.unwrap();
		assert_eq!(reply.status, http::StatusCode::NO_CONTENT);
	}
	assert_eq!(setup.chain.applied(7).len(), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_requests_get_400_other_paths_404_other_methods_405() {
	let setup = released(false).await;
	let client = setup.smdp_client();
	let bad = client
		.send(
			http::Method::POST,
			path::HANDLE_DOWNLOAD_PROGRESS_INFO,
			Some(("application/json", b"{not json".to_vec())),
		)
		.await
		.unwrap();
	assert_eq!(bad.status, http::StatusCode::BAD_REQUEST);
	let missing_field = client
		.post_json(path::HANDLE_DOWNLOAD_PROGRESS_INFO, &json!({"iccid": setup.iccid().await}))
		.await
		.unwrap();
	assert_eq!(missing_field.status, http::StatusCode::BAD_REQUEST);
	let elsewhere = client.post_json(path::DOWNLOAD_ORDER, &json!({})).await.unwrap();
	assert_eq!(elsewhere.status, http::StatusCode::NOT_FOUND);
	let get = client
		.send(http::Method::GET, path::HANDLE_DOWNLOAD_PROGRESS_INFO, None)
		.await
		.unwrap();
	assert_eq!(get.status, http::StatusCode::METHOD_NOT_ALLOWED);
	assert!(get.header("x-admin-protocol").is_some_and(|v| v.starts_with("gsma/rsp/v2.")));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_without_a_certificate_of_the_ca_is_refused() {
	let setup = released(false).await;
	let ca = setup.sim.file(pki::CA_CERT);
	let body = notification(&setup.iccid().await, json!(3), json!({"status": "Executed-Success"}));

	let anonymous = HttpsClient::new(
		gesim_smdp_sim::tls::client_config(&ca, None).unwrap(),
		&setup.server.url(),
	);
	let refused = anonymous.post_json(path::HANDLE_DOWNLOAD_PROGRESS_INFO, &body).await;
	assert!(refused.is_err(), "no client certificate: {refused:?}");

	let other_pki = test_pki();
	let stranger = gesim_smdp_sim::tls::Identity {
		cert: &other_pki.path().join(pki::SMDP_CLIENT_CERT),
		key: &other_pki.path().join(pki::SMDP_CLIENT_KEY),
	};
	let foreign = HttpsClient::new(
		gesim_smdp_sim::tls::client_config(&ca, Some(stranger)).unwrap(),
		&setup.server.url(),
	);
	let refused = foreign.post_json(path::HANDLE_DOWNLOAD_PROGRESS_INFO, &body).await;
	assert!(refused.is_err(), "a certificate of another CA: {refused:?}");

	assert_eq!(setup.chain.applied(7).len(), 2, "nothing got through");
	let admitted = setup
		.smdp_client()
		.post_json(path::HANDLE_DOWNLOAD_PROGRESS_INFO, &body)
		.await
		.unwrap();
	assert_eq!(admitted.status, http::StatusCode::NO_CONTENT);
	assert_eq!(setup.chain.applied(7).last(), Some(&Receipt::Downloaded));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_notification_repeated_to_a_restarted_gateway_submits_nothing() {
	let setup = released(false).await;
	let body = notification(&setup.iccid().await, json!(3), json!({"status": "Executed-Success"}));
	let reply = setup
		.smdp_client()
		.post_json(path::HANDLE_DOWNLOAD_PROGRESS_INFO, &body)
		.await
		.unwrap();
	assert_eq!(reply.status, http::StatusCode::NO_CONTENT);
	assert_eq!(setup.chain.status(7), OrderStatus::Downloaded);

	// The SM-DP+ sends it again to a gateway that remembers nothing: the chain says enough.
	let files = tempfile::tempdir().unwrap();
	let inventory = files.path().join("inventory.json");
	std::fs::write(&inventory, serde_json::to_vec(&setup.driver.inventory().snapshot()).unwrap())
		.unwrap();
	let (restarted, _) = gateway(&setup.chain, &setup.sim, &inventory);
	restarted.on_notification(&serde_json::from_value(body).unwrap()).await.unwrap();

	assert_eq!(setup.chain.applied(7).len(), 3);
	assert!(setup.chain.refused().is_empty(), "{:?}", setup.chain.refused());
}
