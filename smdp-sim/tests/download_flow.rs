//! The whole flow: ES2+ order, device download through ES9+, and what the operator hears.

mod common;

use common::*;
use ed25519_dalek::{Signature, Verifier};
use gesim_esim_protocol::{
	es2plus::{ExecutionStatus, HandleDownloadProgressInfoRequest, NotificationPointId, Timestamp},
	install_result::{FinalResult, NotificationEvent, ProfileInstallationResult},
};
use gesim_smdp_sim::{
	es9plus,
	euicc::{self, DownloadOptions},
	state::ProfileState,
};
use sha2::{Digest, Sha256};
use std::time::Duration;

#[tokio::test]
async fn order_download_and_install_reach_the_operator_as_points_1_3_4() {
	let mut h = Harness::start(2).await;
	let code = h.ordered(&iccid(1), "GESIM-7-A", Some(&eid(EID)), None).await;
	assert_eq!(code.smdp_address, h.sim.smdp_address);
	let ordered = h.profile(&iccid(1)).await;
	assert_eq!(ordered.state, ProfileState::Released);
	assert_eq!(ordered.owner.as_deref(), Some(OPERATOR));
	assert_eq!(ordered.eid.as_deref(), Some(EID));
	assert_eq!(ordered.matching_id.as_deref(), Some("GESIM-7-A"));

	let downloaded = h.device(&code, &eid(EID), None).await.unwrap();
	assert_eq!(downloaded.iccid, iccid(1));
	assert_eq!(downloaded.profile_type, PROFILE_TYPE);

	let points: Vec<_> =
		[h.operator().next().await, h.operator().next().await, h.operator().next().await].into();
	assert_eq!(points.iter().map(Received::point).collect::<Vec<_>>(), [1, 3, 4]);
	for n in &points {
		assert_eq!(n.content_type.as_deref(), Some("application/json;charset=UTF-8"));
		assert_eq!(n.admin_protocol.as_deref(), Some("gsma/rsp/v2.5.0"));
		assert!(n.body["notificationPointId"].is_u64(), "integer by default");
		// 19-digit ICCID, padded on the wire.
		assert_eq!(n.body["iccid"], format!("{}F", iccid(1).digits()));
		let typed: HandleDownloadProgressInfoRequest =
			serde_json::from_value(n.body.clone()).unwrap();
		assert_eq!(typed.header.function_requester_identifier, "gesim-smdp-sim");
		assert_eq!(typed.eid, Some(eid(EID)));
		assert_eq!(typed.profile_type, PROFILE_TYPE);
		assert_eq!(typed.timestamp, Timestamp::parse("2025-02-19T21:20:00Z").unwrap());
		assert_eq!(typed.notification_point_status.status, ExecutionStatus::ExecutedSuccess);
	}
	assert!(points[0].body.get("resultData").is_none());
	assert!(points[1].body.get("resultData").is_none());

	// resultData is exactly what the eUICC signed, and checkable by its key.
	let installed: HandleDownloadProgressInfoRequest =
		serde_json::from_value(points[2].body.clone()).unwrap();
	assert_eq!(installed.notification_point_id, NotificationPointId::BPP_INSTALLATION);
	let result_data = installed.result_data.unwrap();
	assert_eq!(result_data.as_bytes(), downloaded.install_result.as_slice());
	let pir = ProfileInstallationResult::from_der(result_data.as_bytes()).unwrap();
	assert_eq!(pir.data.notification.iccid, Some(iccid(1)));
	assert_eq!(pir.data.notification.operation, NotificationEvent::Install);
	assert_eq!(pir.data.smdp_oid.as_deref(), Some("2.999.10"));
	assert!(matches!(pir.data.final_result, FinalResult::Success { .. }));
	let key = euicc::test_euicc_key(&eid(EID)).verifying_key();
	key.verify(&pir.signed_der, &Signature::from_slice(&pir.signature).unwrap())
		.unwrap();
	assert_eq!(
		Sha256::digest(result_data.as_bytes()).as_slice(),
		Sha256::digest(&downloaded.install_result).as_slice()
	);

	assert_eq!(h.profile(&iccid(1)).await.state, ProfileState::Installed);
	assert_eq!(h.profile(&iccid(2)).await.state, ProfileState::Available);
	let reply = h.es2.send(http::Method::GET, "/sim/notifications", None).await.unwrap();
	let records: Vec<serde_json::Value> = serde_json::from_slice(&reply.body).unwrap();
	assert_eq!(records.len(), 3);
	assert!(records.iter().all(|r| r["delivered"] == true && r["attempts"] == 1), "{records:?}");
}

#[tokio::test]
async fn order_without_eid_binds_the_first_device_that_authenticates() {
	let mut h = Harness::start(1).await;
	let code = h.ordered(&iccid(1), "GESIM-8", None, None).await;
	assert_eq!(h.profile(&iccid(1)).await.eid, None);
	h.device(&code, &eid(EID), None).await.unwrap();
	assert_eq!(h.profile(&iccid(1)).await.eid.as_deref(), Some(EID));
	let (_, installed) = h.operator().until_point(4).await;
	assert_eq!(installed.body["eid"], EID);
}

#[tokio::test]
async fn notification_point_id_goes_as_a_string_when_configured() {
	let mut h = Harness::start_with(1, Some(0), |c| c.notification_point_id_as_string = true).await;
	let code = h.ordered(&iccid(1), "GESIM-9", None, None).await;
	h.device(&code, &eid(EID), None).await.unwrap();
	for want in ["1", "3", "4"] {
		let n = h.operator().next().await;
		assert_eq!(n.body["notificationPointId"], want);
		let typed: HandleDownloadProgressInfoRequest = serde_json::from_value(n.body).unwrap();
		assert_eq!(typed.notification_point_id.0.to_string(), want);
	}
}

#[tokio::test]
async fn notifications_are_retried_until_the_operator_answers_204() {
	let mut h = Harness::start_with(1, Some(2), |_| {}).await;
	let code = h.ordered(&iccid(1), "GESIM-10", None, None).await;
	h.device(&code, &eid(EID), None).await.unwrap();
	// The first notification needed three attempts; order is kept.
	assert_eq!(h.operator().next().await.point(), 1);
	assert_eq!(h.operator().next().await.point(), 3);
	assert_eq!(h.operator().next().await.point(), 4);
	assert_eq!(h.operator().attempts.load(std::sync::atomic::Ordering::SeqCst), 5);
	let reply = h.es2.send(http::Method::GET, "/sim/notifications", None).await.unwrap();
	let records: Vec<serde_json::Value> = serde_json::from_slice(&reply.body).unwrap();
	assert_eq!(records[0]["attempts"], 3);
	assert_eq!(records[0]["delivered"], true);
}

#[tokio::test]
async fn notifications_are_given_up_after_the_configured_attempts() {
	let h = Harness::start_with(1, Some(u32::MAX), |c| c.notify_attempts = 2).await;
	let code = h.ordered(&iccid(1), "GESIM-11", None, None).await;
	h.device(&code, &eid(EID), None).await.unwrap();
	// Wait for the delivery task to settle the first record (it is retried in the background).
	let deadline = tokio::time::Instant::now() + PATIENCE;
	let first = loop {
		let reply = h.es2.send(http::Method::GET, "/sim/notifications", None).await.unwrap();
		let records: Vec<serde_json::Value> = serde_json::from_slice(&reply.body).unwrap();
		let first = records[0].clone();
		if first["attempts"] == 2 && first["lastError"].is_string() {
			break first;
		}
		assert!(
			tokio::time::Instant::now() < deadline,
			"first notification not settled: {records:?}"
		);
		tokio::time::sleep(Duration::from_millis(20)).await;
	};
	assert_eq!(first["delivered"], false);
	assert!(first["lastError"].as_str().unwrap().contains("500"), "{first}");
}

#[tokio::test]
async fn deferred_installation_notification_is_sent_by_notification_process() {
	let mut h = Harness::start(1).await;
	let code = h.ordered(&iccid(1), "GESIM-12", None, None).await;
	let kept = tempfile::tempdir().unwrap();
	let opts = DownloadOptions {
		activation_code: code.clone(),
		eid: eid(EID),
		confirmation_code: None,
		ca: h.pki.ca(),
		seq_number: 41,
		defer_notification_to: Some(kept.path().to_owned()),
	};
	let mut steps = Vec::new();
	let downloaded = euicc::download(&opts, &mut |s| steps.push(s)).await.unwrap();
	assert!(!steps.contains(&"es9p_handle_notification"), "{steps:?}");
	assert_eq!(h.operator().next().await.point(), 1);
	assert_eq!(h.operator().next().await.point(), 3);
	assert_eq!(h.profile(&iccid(1)).await.state, ProfileState::Downloaded);

	let sent = euicc::process_notification(kept.path(), 41, &h.pki.ca(), true).await.unwrap();
	assert_eq!(sent.iccid, iccid(1).digits());
	let installed = h.operator().next().await;
	assert_eq!(installed.point(), 4);
	assert_eq!(
		es9plus::unb64(installed.body["resultData"].as_str().unwrap()).unwrap(),
		downloaded.install_result
	);
	assert_eq!(h.profile(&iccid(1)).await.state, ProfileState::Installed);
	assert!(!euicc::stored_notification_path(kept.path(), 41).exists());
}

#[tokio::test]
async fn life_cycle_events_are_reported_as_vendor_points_5_101_102() {
	let mut h = Harness::start(1).await;
	let code = h.ordered(&iccid(1), "GESIM-13", None, None).await;
	h.device(&code, &eid(EID), None).await.unwrap();
	h.operator().until_point(4).await;
	let address = h.sim.smdp_address.clone();
	let ca = h.pki.ca();
	for (event, point, state) in [
		(NotificationEvent::Enable, 101, ProfileState::Enabled),
		(NotificationEvent::Disable, 102, ProfileState::Disabled),
		(NotificationEvent::Delete, 5, ProfileState::Deleted),
	] {
		euicc::send_profile_event(&address, &ca, &eid(EID), &iccid(1), event, 2)
			.await
			.unwrap();
		let n = h.operator().next().await;
		assert_eq!(n.point(), point);
		assert_eq!(h.profile(&iccid(1)).await.state, state);
	}
}

#[tokio::test]
async fn events_signed_by_another_euicc_or_repeated_installs_change_nothing() {
	let mut h = Harness::start(1).await;
	let code = h.ordered(&iccid(1), "GESIM-14", None, None).await;
	let downloaded = h.device(&code, &eid(EID), None).await.unwrap();
	h.operator().until_point(4).await;
	let address = h.sim.smdp_address.clone();
	let ca = h.pki.ca();

	let forged = euicc::send_profile_event(
		&address,
		&ca,
		&eid(OTHER_EID),
		&iccid(1),
		NotificationEvent::Delete,
		2,
	)
	.await;
	let err = forged.unwrap_err();
	assert!(err.reason.starts_with("Failed 8.1/6.1"), "{err}");
	assert_eq!(h.profile(&iccid(1)).await.state, ProfileState::Installed);

	// The device resends its installation result: accepted, no second point 4.
	let device = gesim_smdp_sim::http::HttpsClient::new(
		gesim_smdp_sim::tls::client_config(&ca, None).unwrap(),
		&h.sim.es9_url(),
	);
	let resend = device
		.post_json(
			&format!("{}handleNotification", es9plus::PREFIX),
			&es9plus::HandleNotificationRequest {
				pending_notification: es9plus::b64(&downloaded.install_result),
			},
		)
		.await
		.unwrap();
	assert_eq!(resend.status, http::StatusCode::NO_CONTENT);
	euicc::send_profile_event(&address, &ca, &eid(EID), &iccid(1), NotificationEvent::Enable, 3)
		.await
		.unwrap();
	assert_eq!(h.operator().next().await.point(), 101, "no second installation notification");
}

#[tokio::test]
async fn an_installation_result_not_signed_by_the_authenticated_euicc_is_refused() {
	let mut h = Harness::start(1).await;
	let code = h.ordered(&iccid(1), "GESIM-15", None, None).await;
	let kept = tempfile::tempdir().unwrap();
	let opts = DownloadOptions {
		activation_code: code,
		eid: eid(EID),
		confirmation_code: None,
		ca: h.pki.ca(),
		seq_number: 1,
		defer_notification_to: Some(kept.path().to_owned()),
	};
	let downloaded = euicc::download(&opts, &mut |_| {}).await.unwrap();
	let pir = ProfileInstallationResult::from_der(&downloaded.install_result).unwrap();
	let device = gesim_smdp_sim::http::HttpsClient::new(
		gesim_smdp_sim::tls::client_config(&h.pki.ca(), None).unwrap(),
		&h.sim.es9_url(),
	);
	let send = |der: Vec<u8>| {
		let device = device.clone();
		async move {
			device
				.post_json(
					&format!("{}handleNotification", es9plus::PREFIX),
					&es9plus::HandleNotificationRequest {
						pending_notification: es9plus::b64(&der),
					},
				)
				.await
				.unwrap()
		}
	};
	// Signed by another eUICC's key, and the right signature over altered data.
	let other_key = euicc::test_euicc_key(&eid(OTHER_EID));
	let resigned = ProfileInstallationResult::assemble(
		&pir.signed_der,
		&ed25519_dalek::Signer::sign(&other_key, &pir.signed_der).to_bytes(),
	);
	let mut altered = downloaded.install_result.clone();
	let at = altered.len() - 70;
	altered[at] ^= 0x01;
	for forged in [resigned, altered] {
		let reply = send(forged).await;
		assert_eq!(reply.status, http::StatusCode::OK);
		let body: serde_json::Value = serde_json::from_slice(&reply.body).unwrap();
		assert_eq!(
			body["header"]["functionExecutionStatus"]["statusCodeData"]["subjectCode"],
			"8.1"
		);
		assert_eq!(
			body["header"]["functionExecutionStatus"]["statusCodeData"]["reasonCode"],
			"6.1"
		);
		assert_eq!(h.profile(&iccid(1)).await.state, ProfileState::Downloaded);
	}
	assert_eq!(send(downloaded.install_result.clone()).await.status, http::StatusCode::NO_CONTENT);
	let (before, _) = h.operator().until_point(4).await;
	assert_eq!(before, [1, 3]);
	assert_eq!(h.profile(&iccid(1)).await.state, ProfileState::Installed);
}
