//! `/sim/faults`: make the next calls of a function fail, to drive a client's failure paths.

mod common;

use common::*;
use gesim_esim_protocol::es2plus::{path, DownloadOrderRequest, StatusCode};
use gesim_smdp_sim::state::{Fault, ProfileState};
use http::{Method, StatusCode as Http};
use serde_json::{json, Value};

async fn arm(h: &Harness, fault: Value) -> (Http, Value) {
	let reply = h
		.es2
		.send(
			Method::POST,
			"/sim/faults",
			Some(("application/json", fault.to_string().into_bytes())),
		)
		.await
		.unwrap();
	let body = serde_json::from_slice(&reply.body).unwrap_or(Value::Null);
	(reply.status, body)
}

#[tokio::test]
async fn a_failed_fault_answers_the_next_calls_then_lets_them_through() {
	let h = Harness::start(2).await;
	let (status, armed) = arm(
		&h,
		json!({"function": "downloadOrder", "count": 2, "subjectCode": "8.2.5", "reasonCode": "3.7", "message": "pool drained by test"}),
	)
	.await;
	assert_eq!(status, Http::OK);
	assert_eq!(armed[0]["count"], 2);
	for _ in 0..2 {
		let resp = h.download_order(Some(&iccid(1)), None, None).await;
		let status = &resp.header.function_execution_status;
		assert_eq!(failure(status), StatusCode::PROFILE_TYPE_UNAVAILABLE);
		assert_eq!(
			status.status_code_data.as_ref().unwrap().message.as_deref(),
			Some("pool drained by test")
		);
	}
	assert!(
		h.profiles().await.iter().all(|p| p.state == ProfileState::Available),
		"faulted calls change nothing"
	);
	assert_eq!(h.download_order(Some(&iccid(1)), None, None).await.iccid, Some(iccid(1)));
	let reply = h.es2.send(Method::GET, "/sim/faults", None).await.unwrap();
	let left: Vec<Fault> = serde_json::from_slice(&reply.body).unwrap();
	assert!(left.is_empty(), "{left:?}");
}

#[tokio::test]
async fn an_http_fault_answers_a_bare_status() {
	let h = Harness::start(1).await;
	let (status, _) =
		arm(&h, json!({"function": "confirmOrder", "count": 1, "httpStatus": 503})).await;
	assert_eq!(status, Http::OK);
	h.download_order(Some(&iccid(1)), None, None).await;
	let reply = h
		.es2
		.post_json(path::CONFIRM_ORDER, &confirm(&iccid(1), Some("F-1"), None, None, true))
		.await
		.unwrap();
	assert_eq!(reply.status, Http::SERVICE_UNAVAILABLE);
	assert!(reply.body.is_empty());
	let resp = h.confirm_order(confirm(&iccid(1), Some("F-1"), None, None, true)).await;
	assert!(resp.header.function_execution_status.is_executed());
}

#[tokio::test]
async fn device_functions_can_be_faulted_too() {
	let h = Harness::start(1).await;
	let code = h.ordered(&iccid(1), "F-2", None, None).await;
	arm(&h, json!({"function": "getBoundProfilePackage", "count": 1, "subjectCode": "8.2", "reasonCode": "3.7"})).await;
	let err = h.device(&code, &eid(EID), None).await.unwrap_err();
	assert_eq!(err.step, "es9p_get_bound_profile_package");
	assert_eq!(h.profile(&iccid(1)).await.state, ProfileState::Released);
	assert_eq!(h.device(&code, &eid(EID), None).await.unwrap().iccid, iccid(1));
}

#[tokio::test]
async fn malformed_faults_are_refused_and_delete_disarms() {
	let h = Harness::start(1).await;
	for bad in [
		json!({"function": "deleteEverything", "count": 1, "httpStatus": 500}),
		json!({"function": "downloadOrder", "count": 1}),
		json!({"function": "downloadOrder", "count": 1, "subjectCode": "8.2.5"}),
		json!({"function": "downloadOrder", "count": 1, "httpStatus": 99}),
		json!({"function": "downloadOrder", "count": 1, "httpStatus": 500, "subjectCode": "8.2.5", "reasonCode": "3.7"}),
		json!({"count": 1}),
	] {
		let (status, _) = arm(&h, bad.clone()).await;
		assert_eq!(status, Http::BAD_REQUEST, "{bad}");
	}
	arm(&h, json!({"function": "downloadOrder", "count": 5, "httpStatus": 500})).await;
	let reply = h.es2.send(Method::DELETE, "/sim/faults", None).await.unwrap();
	assert_eq!(reply.status, Http::NO_CONTENT);
	let request = DownloadOrderRequest {
		header: header_for("after"),
		eid: None,
		iccid: Some(iccid(1)),
		profile_type: None,
	};
	let ok: gesim_esim_protocol::es2plus::DownloadOrderResponse =
		h.call(path::DOWNLOAD_ORDER, &request).await;
	assert_eq!(ok.iccid, Some(iccid(1)));
}
