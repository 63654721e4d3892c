//! Transport rules: mutual TLS on ES2+, server-only TLS on ES9+, and HTTP statuses only for
//! transport-level problems.

mod common;

use bytes::Bytes;
use common::*;
use gesim_esim_protocol::es2plus::{header, path, DownloadOrderRequest};
use gesim_smdp_sim::{
	es9plus::{self, InitiateAuthenticationRequest, InitiateAuthenticationResponse},
	http::HttpsClient,
	pki,
	state::ProfileState,
	tls,
};
use http::{Method, StatusCode};
use http_body_util::Full;

fn download_by_iccid() -> DownloadOrderRequest {
	DownloadOrderRequest {
		header: header_for("d-1"),
		eid: None,
		iccid: Some(iccid(1)),
		profile_type: None,
	}
}

async fn assert_nothing_allocated(h: &Harness) {
	assert!(h.profiles().await.iter().all(|p| p.state == ProfileState::Available));
}

#[tokio::test]
async fn es2_refuses_a_client_without_a_certificate() {
	let h = Harness::start_with(1, None, |_| {}).await;
	let anonymous =
		HttpsClient::new(tls::client_config(&h.pki.ca(), None).unwrap(), &h.sim.es2_url());
	let refused = anonymous.post_json(path::DOWNLOAD_ORDER, &download_by_iccid()).await;
	let reason = refused.expect_err("answered without a client certificate").to_string();
	assert!(reason.contains("CertificateRequired"), "{reason}");
	assert_nothing_allocated(&h).await;
}

#[tokio::test]
async fn es2_refuses_a_client_certificate_from_another_ca() {
	let h = Harness::start_with(1, None, |_| {}).await;
	let stranger = Pki::new();
	let identity = tls::Identity {
		cert: &stranger.file(pki::OPERATOR_CLIENT_CERT),
		key: &stranger.file(pki::OPERATOR_CLIENT_KEY),
	};
	let client = HttpsClient::new(
		tls::client_config(&h.pki.ca(), Some(identity)).unwrap(),
		&h.sim.es2_url(),
	);
	let refused = client.post_json(path::DOWNLOAD_ORDER, &download_by_iccid()).await;
	// Same CA name, other key: the chain fails on the signature.
	let reason = refused.expect_err("answered a stranger's certificate").to_string();
	assert!(reason.contains("received fatal alert"), "{reason}");
	// The same call with the right certificate goes through: the refusal was the certificate.
	let ok: gesim_esim_protocol::es2plus::DownloadOrderResponse =
		h.call(path::DOWNLOAD_ORDER, &download_by_iccid()).await;
	assert_eq!(ok.iccid, Some(iccid(1)));
}

#[tokio::test]
async fn es2_client_refuses_a_server_from_another_ca() {
	let h = Harness::start_with(1, None, |_| {}).await;
	let stranger = Pki::new();
	let identity = tls::Identity {
		cert: &h.pki.file(pki::OPERATOR_CLIENT_CERT),
		key: &h.pki.file(pki::OPERATOR_CLIENT_KEY),
	};
	let client = HttpsClient::new(
		tls::client_config(&stranger.ca(), Some(identity)).unwrap(),
		&h.sim.es2_url(),
	);
	let reason = client
		.post_json(path::DOWNLOAD_ORDER, &download_by_iccid())
		.await
		.expect_err("trusted a stranger")
		.to_string();
	assert!(reason.contains("invalid peer certificate"), "{reason}");
	assert_nothing_allocated(&h).await;
}

#[tokio::test]
async fn es9_serves_devices_without_a_client_certificate_and_not_es2() {
	let h = Harness::start_with(1, None, |_| {}).await;
	let device = HttpsClient::new(tls::client_config(&h.pki.ca(), None).unwrap(), &h.sim.es9_url());
	let reply = device
		.post_json(
			&format!("{}initiateAuthentication", es9plus::PREFIX),
			&InitiateAuthenticationRequest { smdp_address: h.sim.smdp_address.clone() },
		)
		.await
		.unwrap();
	assert_eq!(reply.status, StatusCode::OK);
	assert_gsma_json(&reply);
	let init: InitiateAuthenticationResponse = serde_json::from_slice(&reply.body).unwrap();
	assert!(init.header.function_execution_status.is_executed());
	assert_eq!(init.transaction_id.unwrap().len(), 32);

	let es2_on_es9 = device.post_json(path::DOWNLOAD_ORDER, &download_by_iccid()).await.unwrap();
	assert_eq!(es2_on_es9.status, StatusCode::NOT_FOUND);
	assert_nothing_allocated(&h).await;
}

fn raw(
	client: &HttpsClient,
	method: Method,
	path: &str,
	headers: &[(&str, &str)],
	body: &[u8],
) -> hyper::Request<Full<Bytes>> {
	let mut builder = hyper::Request::builder().method(method).uri(client.url(path));
	for (name, value) in headers {
		builder = builder.header(*name, *value);
	}
	builder.body(Full::new(Bytes::copy_from_slice(body))).unwrap()
}

#[tokio::test]
async fn transport_problems_get_http_statuses_not_failed() {
	let h = Harness::start_with(1, None, |_| {}).await;
	let valid = serde_json::to_vec(&download_by_iccid()).unwrap();
	let gsma = [
		("content-type", header::CONTENT_TYPE),
		(header::X_ADMIN_PROTOCOL, header::ADMIN_PROTOCOL),
	];
	type Case<'a> = (&'a str, Method, &'a str, Vec<(&'a str, &'a str)>, Vec<u8>, StatusCode);
	let cases: Vec<Case> = vec![
		("unknown function", Method::POST, "/gsma/rsp2/es2plus/deleteOrder", gsma.to_vec(), valid.clone(), StatusCode::NOT_FOUND),
		("operator-side function", Method::POST, path::HANDLE_DOWNLOAD_PROGRESS_INFO, gsma.to_vec(), valid.clone(), StatusCode::NOT_FOUND),
		("GET", Method::GET, path::DOWNLOAD_ORDER, gsma.to_vec(), vec![], StatusCode::METHOD_NOT_ALLOWED),
		(
			"text body",
			Method::POST,
			path::DOWNLOAD_ORDER,
			vec![("content-type", "text/plain"), (header::X_ADMIN_PROTOCOL, header::ADMIN_PROTOCOL)],
			valid.clone(),
			StatusCode::UNSUPPORTED_MEDIA_TYPE,
		),
		("no X-Admin-Protocol", Method::POST, path::DOWNLOAD_ORDER, vec![("content-type", header::CONTENT_TYPE)], valid.clone(), StatusCode::BAD_REQUEST),
		(
			"v3 X-Admin-Protocol",
			Method::POST,
			path::DOWNLOAD_ORDER,
			vec![("content-type", header::CONTENT_TYPE), (header::X_ADMIN_PROTOCOL, "gsma/rsp/v3.0.0")],
			valid.clone(),
			StatusCode::BAD_REQUEST,
		),
		("not JSON", Method::POST, path::DOWNLOAD_ORDER, gsma.to_vec(), b"{".to_vec(), StatusCode::BAD_REQUEST),
		(
			"malformed ICCID",
			Method::POST,
			path::DOWNLOAD_ORDER,
			gsma.to_vec(),
			br#"{"header":{"functionRequesterIdentifier":"o","functionCallIdentifier":"c"},"iccid":"12AB"}"#.to_vec(),
			StatusCode::BAD_REQUEST,
		),
		(
			"empty call identifier",
			Method::POST,
			path::DOWNLOAD_ORDER,
			gsma.to_vec(),
			br#"{"header":{"functionRequesterIdentifier":"o","functionCallIdentifier":""},"profileType":"x"}"#.to_vec(),
			StatusCode::BAD_REQUEST,
		),
	];
	for (what, method, path, headers, body, want) in cases {
		let reply = h.es2.request(raw(&h.es2, method, path, &headers, &body)).await.unwrap();
		assert_eq!(reply.status, want, "{what}: {}", String::from_utf8_lossy(&reply.body));
	}
	assert_nothing_allocated(&h).await;

	// pySim sends a bare `application/json`: accepted.
	let pysim =
		[("content-type", "application/json"), (header::X_ADMIN_PROTOCOL, "gsma/rsp/v2.2.0")];
	let reply = h
		.es2
		.request(raw(&h.es2, Method::POST, path::DOWNLOAD_ORDER, &pysim, &valid))
		.await
		.unwrap();
	assert_eq!(reply.status, StatusCode::OK);
	assert_gsma_json(&reply);
	assert_eq!(h.profile(&iccid(1)).await.state, ProfileState::Allocated);
}
