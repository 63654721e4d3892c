//! Every kind of ES2+ answer, from a scripted SM-DP+ on mutual TLS: what the simulator never
//! says (warnings, `Expired`, unreadable bodies, failures without or with unknown codes).

use crate::common::*;
use gesim_smdp_sim::{
	http::{json, spawn_listener, text, Handler, Request, Response},
	pki,
	tls::{mutual_server_config, Identity},
};
use http::StatusCode as Http;
use pallet_esim_provisioning::{GsmaStatus, OrderStatus};
use serde_json::{json, Value};
use std::{
	collections::{HashMap, VecDeque},
	sync::{Arc, Mutex},
};

/// An answer the scripted SM-DP+ gives instead of its default success.
enum Answer {
	/// HTTP 200 with this `functionExecutionStatus`.
	Status(Value),
	/// HTTP 200 with a body that is not JSON.
	Garbage,
}

/// One request as the SM-DP+ received it.
struct Received {
	function: String,
	body: Value,
	content_type: Option<String>,
	admin_protocol: Option<String>,
}

#[derive(Default)]
struct Script {
	answers: Mutex<HashMap<String, VecDeque<Answer>>>,
	received: Mutex<Vec<Received>>,
}

impl Script {
	fn then(&self, function: &str, answer: Answer) {
		self.answers
			.lock()
			.unwrap()
			.entry(function.into())
			.or_default()
			.push_back(answer);
	}

	fn received(&self, function: &str) -> Vec<Value> {
		self.received
			.lock()
			.unwrap()
			.iter()
			.filter(|r| r.function == function)
			.map(|r| r.body.clone())
			.collect()
	}
}

struct ScriptedSmdp(Arc<Script>);

impl Handler for ScriptedSmdp {
	fn handle(&self, request: Request) -> Response {
		let function = request.path.trim_start_matches("/gsma/rsp2/es2plus/").to_owned();
		let body: Value = serde_json::from_slice(&request.body).unwrap();
		self.0.received.lock().unwrap().push(Received {
			function: function.clone(),
			body: body.clone(),
			content_type: request.header("content-type").map(str::to_owned),
			admin_protocol: request.header("x-admin-protocol").map(str::to_owned),
		});
		let scripted =
			self.0.answers.lock().unwrap().get_mut(&function).and_then(VecDeque::pop_front);
		match scripted {
			Some(Answer::Garbage) => text(Http::OK, "<html>maintenance</html>"),
			Some(Answer::Status(status)) => json(
				Http::OK,
				&json!({
					"header": {"functionExecutionStatus": status},
					"iccid": body["iccid"],
					"matchingId": body["matchingId"],
				}),
			),
			None => {
				let success = json!({"functionExecutionStatus": {"status": "Executed-Success"}});
				match function.as_str() {
					"downloadOrder" => {
						json(Http::OK, &json!({"header": success, "iccid": body["iccid"]}))
					},
					"confirmOrder" => json(
						Http::OK,
						&json!({"header": success, "matchingId": body["matchingId"]}),
					),
					_ => json(Http::OK, &json!({"header": success})),
				}
			},
		}
	}
}

struct Scripted {
	script: Arc<Script>,
	url: String,
	pki: tempfile::TempDir,
	_shutdown: tokio::sync::watch::Sender<bool>,
}

async fn scripted_smdp() -> Scripted {
	let pki_dir = test_pki();
	let tls = mutual_server_config(
		Identity {
			cert: &pki_dir.path().join(pki::SMDP_SERVER_CERT),
			key: &pki_dir.path().join(pki::SMDP_SERVER_KEY),
		},
		&pki_dir.path().join(pki::CA_CERT),
	)
	.unwrap();
	let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
	let url = format!("https://{}", listener.local_addr().unwrap());
	let script = Arc::new(Script::default());
	let (shutdown, stop) = tokio::sync::watch::channel(false);
	spawn_listener("scripted-smdp", listener, tls, Arc::new(ScriptedSmdp(script.clone())), stop);
	Scripted { script, url, pki: pki_dir, _shutdown: shutdown }
}

fn code(subject: &str, reason: &str) -> GsmaStatus {
	GsmaStatus {
		subject: subject.as_bytes().to_vec().try_into().unwrap(),
		reason: reason.as_bytes().to_vec().try_into().unwrap(),
	}
}

async fn served(
	smdp: &Scripted,
	orders: &[u64],
) -> (Arc<FakeChain>, gesim_smdp_gateway::metrics::Metrics, tempfile::TempDir) {
	let files = tempfile::tempdir().unwrap();
	let inventory = inventory_file(&files, 3);
	let chain = FakeChain::new();
	for order in orders {
		chain.request(*order, &device(1));
	}
	let (driver, metrics) =
		gateway_to(&chain, &smdp.url, smdp.pki.path(), "smdp.example:8444", &inventory);
	driver.resync().await.unwrap();
	(chain, metrics, files)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_answer_with_a_warning_is_taken() {
	let smdp = scripted_smdp().await;
	smdp.script.then(
		"downloadOrder",
		Answer::Status(json!({
			"status": "Executed-WithWarning",
			"statusCodeData": {"subjectCode": "8.9", "reasonCode": "5.1", "message": "SM-DS unavailable"}
		})),
	);
	let (chain, metrics, _files) = served(&smdp, &[7]).await;
	assert_eq!(chain.status(7), OrderStatus::CodeReleased);
	assert_eq!(es2_calls(&metrics, "downloadOrder", "warning"), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn expired_and_unreadable_answers_are_retried_as_the_same_call() {
	let smdp = scripted_smdp().await;
	smdp.script.then("confirmOrder", Answer::Status(json!({"status": "Expired"})));
	smdp.script.then("confirmOrder", Answer::Garbage);
	let (chain, metrics, _files) = served(&smdp, &[7]).await;

	assert_eq!(chain.status(7), OrderStatus::CodeReleased);
	assert_eq!(es2_calls(&metrics, "confirmOrder", "expired"), 1);
	assert_eq!(es2_calls(&metrics, "confirmOrder", "bad_response"), 1);
	let calls = smdp.script.received("confirmOrder");
	assert_eq!(calls.len(), 3);
	for call in &calls {
		assert_eq!(call, &calls[0], "a retry is the same request");
	}
	assert_eq!(calls[0]["header"]["functionCallIdentifier"], "gesim-order-7-confirmOrder");
	assert_eq!(calls[0]["header"]["functionRequesterIdentifier"], "gesim-operator");
	assert_eq!(calls[0]["releaseFlag"], json!(true));
	assert_eq!(
		calls[0]["matchingId"].as_str().unwrap().len(),
		gesim_smdp_gateway::keys::MATCHING_ID_LEN
	);
	let download = &smdp.script.received("downloadOrder")[0];
	assert_eq!(download["iccid"], json!(iccid(1).to_wire()), "the inventory's ICCID, F-padded");
	assert!(
		download.get("profileType").is_none(),
		"never any profile of a type: a retry would reserve another"
	);
	for received in smdp.script.received.lock().unwrap().iter() {
		assert_eq!(received.content_type.as_deref(), Some("application/json;charset=UTF-8"));
		assert!(received
			.admin_protocol
			.as_deref()
			.is_some_and(|v| v.starts_with("gsma/rsp/v2.")));
	}
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn failures_without_a_usable_code_fail_the_order_with_a_fallback_code() {
	let smdp = scripted_smdp().await;
	smdp.script.then("downloadOrder", Answer::Status(json!({"status": "Failed"})));
	smdp.script.then(
		"downloadOrder",
		Answer::Status(
			json!({"status": "Failed", "statusCodeData": {"subjectCode": "8.99", "reasonCode": "1.1"}}),
		),
	);
	smdp.script.then(
		"downloadOrder",
		Answer::Status(
			json!({"status": "Failed", "statusCodeData": {"subjectCode": "eight", "reasonCode": "1"}}),
		),
	);
	let (chain, metrics, _files) = served(&smdp, &[1, 2, 3]).await;

	let (subject, reason) = gesim_smdp_gateway::driver::REFUSED_WITHOUT_CODE;
	assert_eq!(
		chain.status(1),
		OrderStatus::Failed(code(subject, reason)),
		"no code: the fallback"
	);
	assert_eq!(
		chain.status(2),
		OrderStatus::Failed(code("8.99", "1.1")),
		"an unknown code is final, and kept"
	);
	assert_eq!(
		chain.status(3),
		OrderStatus::Failed(code(subject, reason)),
		"a code the chain would refuse"
	);
	assert_eq!(es2_calls(&metrics, "downloadOrder", "failed"), 3);
	assert!(chain.refused().is_empty(), "{:?}", chain.refused());
}
