//! The running simulator: both listeners, the request handlers, and the notifier.

use crate::{
	clock::Clock,
	config::SimConfig,
	es9plus::{self, function as es9},
	http::{self, empty, json, text, Handler, HttpsClient, Request, Response},
	notify::{Notifier, NotifierSettings},
	state::{Fault, FaultAnswer, Notice, OrderRules, SmdpState},
	tls, SimError,
};
use ::http::{Method, StatusCode as Http};
use gesim_esim_protocol::{
	es2plus::{
		header, CancelOrderRequest, ConfirmOrderRequest, ConfirmOrderResponse,
		DownloadOrderRequest, DownloadOrderResponse, Es2Function, HeaderOnlyResponse,
		ReleaseProfileRequest, RequestHeader, ResponseHeader, StatusCode,
	},
	install_result::PendingNotification,
	Iccid, MatchingId,
};
use rand::{rngs::OsRng, Rng, RngCore};
use serde::de::DeserializeOwned;
use std::{
	net::SocketAddr,
	sync::{Arc, Mutex, MutexGuard},
};
use tokio::{net::TcpListener, sync::watch, task::JoinHandle};

/// A started simulator. Dropping it leaves the tasks running until the runtime ends; call
/// [`RunningSim::shutdown`] to stop accepting connections.
pub struct RunningSim {
	/// Where ES2+ and `/sim/*` listen (mutual TLS).
	pub es2_addr: SocketAddr,
	/// Where the device-facing ES9+ listens (server-only TLS).
	pub es9_addr: SocketAddr,
	/// The SM-DP+ address of activation codes.
	pub smdp_address: String,
	shutdown: watch::Sender<bool>,
	tasks: Vec<JoinHandle<()>>,
}

impl RunningSim {
	/// `https://127.0.0.1:<port>` of the ES2+ listener.
	pub fn es2_url(&self) -> String {
		format!("https://{}", self.es2_addr)
	}

	/// `https://<smdp address>` of the ES9+ listener.
	pub fn es9_url(&self) -> String {
		format!("https://{}", self.smdp_address)
	}

	/// Stops accepting connections and the notifier.
	pub async fn shutdown(self) {
		let _ = self.shutdown.send(true);
		for task in self.tasks {
			task.abort();
			let _ = task.await;
		}
	}
}

/// Binds both listeners and starts serving.
pub async fn start(config: SimConfig, clock: Arc<dyn Clock>) -> Result<RunningSim, SimError> {
	let es2_tls = tls::mutual_server_config(
		tls::Identity { cert: &config.server_cert, key: &config.server_key },
		&config.client_ca,
	)?;
	let es9_tls =
		tls::server_config(tls::Identity { cert: &config.server_cert, key: &config.server_key })?;
	let client = match &config.operator {
		Some(operator) => Some(HttpsClient::new(
			tls::client_config(
				&operator.ca,
				Some(tls::Identity { cert: &operator.client_cert, key: &operator.client_key }),
			)?,
			&operator.url,
		)),
		None => None,
	};
	let state = SmdpState::new(
		config.inventory,
		OrderRules {
			order_ttl_secs: config.order_ttl_secs,
			max_confirmation_code_attempts: config.max_cc_attempts.max(1),
		},
	)
	.map_err(|e| SimError::Inventory(e.to_string()))?;

	let bind = |addr: SocketAddr| async move {
		TcpListener::bind(addr).await.map_err(|source| SimError::Bind { addr, source })
	};
	let es2_listener = bind(config.es2_listen).await?;
	let es9_listener = bind(config.es9_listen).await?;
	let es2_addr = es2_listener
		.local_addr()
		.map_err(|source| SimError::Bind { addr: config.es2_listen, source })?;
	let es9_addr = es9_listener
		.local_addr()
		.map_err(|source| SimError::Bind { addr: config.es9_listen, source })?;
	let smdp_address =
		config.smdp_address.unwrap_or_else(|| format!("localhost:{}", es9_addr.port()));

	let (notifier, notifier_task) = Notifier::start(
		NotifierSettings {
			client,
			smdp_id: config.smdp_id,
			point_id_as_string: config.notification_point_id_as_string,
			attempts: config.notify_attempts,
			backoff: config.notify_backoff,
		},
		clock.clone(),
	);
	let smdp = Arc::new(Smdp {
		state: Mutex::new(state),
		clock,
		notifier,
		smdp_address: smdp_address.clone(),
		smdp_oid: config.smdp_oid,
	});
	let (shutdown, watch) = watch::channel(false);
	let tasks = vec![
		http::spawn_listener(
			"es2+",
			es2_listener,
			es2_tls,
			Arc::new(OperatorFacing(smdp.clone())),
			watch.clone(),
		),
		http::spawn_listener("es9+", es9_listener, es9_tls, Arc::new(DeviceFacing(smdp)), watch),
		notifier_task,
	];
	tracing::info!(%es2_addr, %es9_addr, %smdp_address, "SM-DP+ simulator listening");
	Ok(RunningSim { es2_addr, es9_addr, smdp_address, shutdown, tasks })
}

struct Smdp {
	state: Mutex<SmdpState>,
	clock: Arc<dyn Clock>,
	notifier: Notifier,
	smdp_address: String,
	smdp_oid: String,
}

impl Smdp {
	fn state(&self) -> MutexGuard<'_, SmdpState> {
		self.state.lock().expect("state transitions do not panic; qed")
	}

	/// Runs `f` on the state, then queues the notifications it produced.
	fn with_state<T>(&self, f: impl FnOnce(&mut SmdpState, u64, &mut Vec<Notice>) -> T) -> T {
		let mut notices = Vec::new();
		let out = f(&mut self.state(), self.clock.now(), &mut notices);
		self.notifier.send(notices);
		out
	}

	fn fault(&self, function: &str) -> Option<Response> {
		let answer = self.state().take_fault(function)?;
		tracing::info!(function, "answering with an injected fault: {answer:?}");
		Some(match answer {
			FaultAnswer::Http(status) => {
				empty(Http::from_u16(status).unwrap_or(Http::SERVICE_UNAVAILABLE))
			},
			FaultAnswer::Failed(status) => json(
				Http::OK,
				&HeaderOnlyResponse {
					header: ResponseHeader { function_execution_status: status },
				},
			),
		})
	}
}

/// A transport-level refusal: HTTP status and what is wrong.
type Refusal = (Http, String);

/// Checks the GSMA transport headers and reads the JSON body.
fn read_gsma<T: DeserializeOwned>(req: &Request) -> Result<T, Refusal> {
	match req.header("content-type") {
		Some(ct) if header::is_json_content_type(ct) => {},
		other => {
			let found = other.unwrap_or("none");
			return Err((
				Http::UNSUPPORTED_MEDIA_TYPE,
				format!("Content-Type must be {} (got {found})", header::CONTENT_TYPE),
			));
		},
	}
	match req.header(header::X_ADMIN_PROTOCOL) {
		Some(v) if header::is_supported_admin_protocol(v) => {},
		Some(v) => {
			return Err((Http::BAD_REQUEST, format!("X-Admin-Protocol `{v}` is not gsma/rsp/v2.x")))
		},
		None => {
			return Err((
				Http::BAD_REQUEST,
				"X-Admin-Protocol header missing (gsma/rsp/v2.x.y)".into(),
			))
		},
	}
	serde_json::from_slice(&req.body).map_err(|e| (Http::BAD_REQUEST, format!("request body: {e}")))
}

fn check_request_header(h: &RequestHeader) -> Result<(), Refusal> {
	if h.function_requester_identifier.is_empty() || h.function_call_identifier.is_empty() {
		return Err((
			Http::BAD_REQUEST,
			"header.functionRequesterIdentifier and header.functionCallIdentifier must not be empty"
				.into(),
		));
	}
	Ok(())
}

fn response_header<T>(outcome: &Result<T, StatusCode>) -> ResponseHeader {
	match outcome {
		Ok(_) => ResponseHeader::success(),
		Err(code) => ResponseHeader::failed(code),
	}
}

fn log_outcome<T>(
	function: &str,
	call: &str,
	iccid: Option<&Iccid>,
	outcome: &Result<T, StatusCode>,
) {
	let iccid = iccid.map_or_else(|| "-".to_owned(), ToString::to_string);
	match outcome {
		Ok(_) => tracing::info!(function, call, %iccid, "Executed-Success"),
		Err(code) => tracing::info!(function, call, %iccid, "Failed {code}"),
	}
}

fn new_matching_id() -> MatchingId {
	// Four groups of four from an alphabet without look-alikes, as printed on QR cards.
	const ALPHABET: &[u8] = b"0123456789ABCDEFGHJKLMNPQRSTUVWXYZ";
	let mut rng = OsRng;
	let groups: Vec<String> = (0..4)
		.map(|_| (0..4).map(|_| char::from(ALPHABET[rng.gen_range(0..ALPHABET.len())])).collect())
		.collect();
	MatchingId::parse(&groups.join("-")).expect("alphabet and dashes only; qed")
}

/// ES2+ and `/sim/*` on the mutual-TLS listener.
struct OperatorFacing(Arc<Smdp>);

impl Handler for OperatorFacing {
	fn handle(&self, req: Request) -> Response {
		let smdp = &self.0;
		match (&req.method, req.path.as_str()) {
			(&Method::GET, "/sim/profiles") => {
				json(Http::OK, &smdp.state().profiles(smdp.clock.now()))
			},
			(&Method::GET, "/sim/notifications") => json(Http::OK, &smdp.notifier.records()),
			(&Method::GET, "/sim/faults") => json(Http::OK, &smdp.state().faults()),
			(&Method::DELETE, "/sim/faults") => {
				smdp.state().clear_faults();
				empty(Http::NO_CONTENT)
			},
			(&Method::POST, "/sim/faults") => {
				let fault: Fault = match serde_json::from_slice(&req.body) {
					Ok(fault) => fault,
					Err(e) => return text(Http::BAD_REQUEST, &format!("fault: {e}")),
				};
				if let Err(reason) = check_fault(&fault) {
					return text(Http::BAD_REQUEST, &reason);
				}
				tracing::info!(function = fault.function, count = fault.count, "fault armed");
				let mut state = smdp.state();
				state.set_fault(fault);
				json(Http::OK, &state.faults())
			},
			(method, path) => match Es2Function::from_path(path) {
				Some(Es2Function::HandleDownloadProgressInfo) | None => text(
					Http::NOT_FOUND,
					&format!("no such ES2+ function or /sim endpoint: {path}"),
				),
				Some(_) if method != Method::POST => {
					text(Http::METHOD_NOT_ALLOWED, "ES2+ functions take POST")
				},
				Some(function) => self.es2(function, &req),
			},
		}
	}
}

fn check_fault(fault: &Fault) -> Result<(), String> {
	let es2 = [
		Es2Function::DownloadOrder,
		Es2Function::ConfirmOrder,
		Es2Function::CancelOrder,
		Es2Function::ReleaseProfile,
	];
	let known = es2.iter().any(|f| f.name() == fault.function)
		|| es9::ALL.contains(&fault.function.as_str());
	if !known {
		return Err(format!(
			"fault: `{}` is not an ES2+ or ES9+ function of this simulator",
			fault.function
		));
	}
	match (fault.http_status, &fault.subject_code, &fault.reason_code) {
		(Some(status), None, None) if (100..=599).contains(&status) => Ok(()),
		(None, Some(s), Some(r)) if !s.is_empty() && !r.is_empty() => Ok(()),
		_ => {
			Err("fault: give either httpStatus (100-599) or both subjectCode and reasonCode".into())
		},
	}
}

impl OperatorFacing {
	fn es2(&self, function: Es2Function, req: &Request) -> Response {
		let smdp = &self.0;
		macro_rules! read {
			($ty:ty) => {{
				let body: $ty = match read_gsma(req) {
					Ok(body) => body,
					Err((status, reason)) => return text(status, &reason),
				};
				if let Err((status, reason)) = check_request_header(&body.header) {
					return text(status, &reason);
				}
				if let Some(response) = smdp.fault(function.name()) {
					return response;
				}
				body
			}};
		}
		match function {
			Es2Function::DownloadOrder => {
				let r = read!(DownloadOrderRequest);
				let caller = &r.header.function_requester_identifier;
				let outcome = smdp.with_state(|s, now, _| {
					s.download_order(
						now,
						caller,
						r.eid.clone(),
						r.iccid.as_ref(),
						r.profile_type.as_deref(),
					)
				});
				log_outcome(
					function.name(),
					&r.header.function_call_identifier,
					outcome.as_ref().ok().or(r.iccid.as_ref()),
					&outcome,
				);
				json(
					Http::OK,
					&DownloadOrderResponse {
						header: response_header(&outcome),
						iccid: outcome.ok(),
					},
				)
			},
			Es2Function::ConfirmOrder => {
				let r = read!(ConfirmOrderRequest);
				let caller = &r.header.function_requester_identifier;
				let outcome = smdp.with_state(|s, now, _| {
					s.confirm_order(
						now,
						caller,
						&r.iccid,
						r.eid.clone(),
						r.matching_id.clone(),
						r.confirmation_code.clone(),
						r.smds_address.as_deref(),
						r.release_flag,
						new_matching_id(),
					)
				});
				log_outcome(
					function.name(),
					&r.header.function_call_identifier,
					Some(&r.iccid),
					&outcome,
				);
				let header = response_header(&outcome);
				let (matching_id, eid) = match outcome {
					Ok((matching_id, eid)) => (Some(matching_id), eid),
					Err(_) => (None, None),
				};
				let smdp_address = matching_id.as_ref().map(|_| smdp.smdp_address.clone());
				json(Http::OK, &ConfirmOrderResponse { header, eid, matching_id, smdp_address })
			},
			Es2Function::CancelOrder => {
				let r = read!(CancelOrderRequest);
				let caller = &r.header.function_requester_identifier;
				let outcome = smdp.with_state(|s, _, _| {
					s.cancel_order(
						caller,
						&r.iccid,
						r.eid.as_ref(),
						r.matching_id.as_ref(),
						r.final_profile_status_indicator,
					)
				});
				log_outcome(
					function.name(),
					&r.header.function_call_identifier,
					Some(&r.iccid),
					&outcome,
				);
				json(Http::OK, &HeaderOnlyResponse { header: response_header(&outcome) })
			},
			Es2Function::ReleaseProfile => {
				let r = read!(ReleaseProfileRequest);
				let caller = &r.header.function_requester_identifier;
				let outcome = smdp.with_state(|s, now, _| s.release_profile(now, caller, &r.iccid));
				log_outcome(
					function.name(),
					&r.header.function_call_identifier,
					Some(&r.iccid),
					&outcome,
				);
				json(Http::OK, &HeaderOnlyResponse { header: response_header(&outcome) })
			},
			Es2Function::HandleDownloadProgressInfo => {
				text(Http::NOT_FOUND, "the operator handles this function")
			},
		}
	}
}

/// The device-facing ES9+ listener.
struct DeviceFacing(Arc<Smdp>);

impl Handler for DeviceFacing {
	fn handle(&self, req: Request) -> Response {
		let Some(function) =
			req.path.strip_prefix(es9plus::PREFIX).filter(|f| es9::ALL.contains(f))
		else {
			return text(Http::NOT_FOUND, &format!("no such ES9+ function: {}", req.path));
		};
		if req.method != Method::POST {
			return text(Http::METHOD_NOT_ALLOWED, "ES9+ functions take POST");
		}
		let function = function.to_owned();
		self.es9(&function, &req)
	}
}

fn failed(code: &StatusCode) -> Response {
	json(Http::OK, &HeaderOnlyResponse { header: ResponseHeader::failed(code) })
}

impl DeviceFacing {
	fn es9(&self, function: &str, req: &Request) -> Response {
		let smdp = &self.0;
		macro_rules! read {
			($ty:ty) => {{
				let body: $ty = match read_gsma(req) {
					Ok(body) => body,
					Err((status, reason)) => return text(status, &reason),
				};
				if let Some(response) = smdp.fault(function) {
					return response;
				}
				body
			}};
		}
		macro_rules! transaction {
			($hex:expr) => {
				match es9plus::parse_transaction_id($hex) {
					Some(id) => id,
					None => {
						tracing::info!(
							function,
							"Failed: transaction id `{}` is not 1-16 bytes of hex",
							$hex
						);
						return failed(&StatusCode::TRANSACTION_UNKNOWN);
					},
				}
			};
		}
		match function {
			es9::INITIATE_AUTHENTICATION => {
				let r = read!(es9plus::InitiateAuthenticationRequest);
				if !r.smdp_address.eq_ignore_ascii_case(&smdp.smdp_address) {
					tracing::info!(
						function,
						"Failed: SM-DP+ address {} is not {}",
						r.smdp_address,
						smdp.smdp_address
					);
					return failed(&StatusCode::SMDP_ADDRESS_INVALID);
				}
				let mut transaction_id = vec![0u8; 16];
				OsRng.fill_bytes(&mut transaction_id);
				smdp.state().open_session(transaction_id.clone());
				let hex = es9plus::transaction_id_hex(&transaction_id);
				tracing::info!(function, transaction = %hex, "Executed-Success");
				json(
					Http::OK,
					&es9plus::InitiateAuthenticationResponse {
						header: ResponseHeader::success(),
						transaction_id: Some(hex),
						smdp_oid: Some(smdp.smdp_oid.clone()),
					},
				)
			},
			es9::AUTHENTICATE_CLIENT => {
				let r = read!(es9plus::AuthenticateClientRequest);
				let transaction_id = transaction!(&r.transaction_id);
				let Some(euicc_key) =
					es9plus::unb64(&r.euicc_public_key).and_then(|k| <[u8; 32]>::try_from(k).ok())
				else {
					tracing::info!(function, "Failed: euiccPublicKey is not 32 bytes of base64");
					return failed(&StatusCode::EUICC_SIGNATURE_INVALID);
				};
				let cc_hash = match r.confirmation_code_hash.as_deref().map(es9plus::unb64) {
					None => None,
					Some(Some(h)) if h.len() == 32 => {
						Some(<[u8; 32]>::try_from(h).expect("length checked; qed"))
					},
					Some(_) => return failed(&StatusCode::CONFIRMATION_CODE_REFUSED),
				};
				let outcome = smdp.with_state(|s, now, notices| {
					s.authenticate_client(
						now,
						&transaction_id,
						&r.matching_id,
						&r.eid,
						cc_hash,
						euicc_key,
						notices,
					)
				});
				log_outcome(function, &r.transaction_id, outcome.as_ref().ok(), &outcome);
				json(
					Http::OK,
					&es9plus::AuthenticateClientResponse {
						header: response_header(&outcome),
						transaction_id: outcome.ok().map(|_| r.transaction_id),
					},
				)
			},
			es9::GET_BOUND_PROFILE_PACKAGE => {
				let r = read!(es9plus::GetBoundProfilePackageRequest);
				let transaction_id = transaction!(&r.transaction_id);
				let outcome = smdp.with_state(|s, now, notices| {
					s.get_bound_profile_package(now, &transaction_id, notices)
				});
				log_outcome(
					function,
					&r.transaction_id,
					outcome.as_ref().ok().map(|(i, _)| i),
					&outcome,
				);
				let header = response_header(&outcome);
				let (iccid, profile_type) =
					outcome.map_or((None, None), |(i, t)| (Some(i), Some(t)));
				json(
					Http::OK,
					&es9plus::GetBoundProfilePackageResponse {
						header,
						transaction_id: iccid.as_ref().map(|_| r.transaction_id.clone()),
						iccid,
						profile_type,
					},
				)
			},
			es9::HANDLE_NOTIFICATION => {
				let r = read!(es9plus::HandleNotificationRequest);
				let Some(der) = es9plus::unb64(&r.pending_notification) else {
					return text(Http::BAD_REQUEST, "pendingNotification is not base64");
				};
				let notification = match PendingNotification::from_der(&der) {
					Ok(n) => n,
					Err(e) => {
						tracing::info!(function, "Failed: {e}");
						return failed(&StatusCode::EUICC_SIGNATURE_INVALID);
					},
				};
				let outcome = smdp.with_state(|s, _, notices| match &notification {
					PendingNotification::ProfileInstallationResult(pir) => {
						// The eUICC names the SM-DP+ it installed from: it must be this one.
						if pir.data.smdp_oid.as_ref().is_some_and(|oid| *oid != smdp.smdp_oid) {
							return Err(StatusCode::SMDP_OID_INVALID);
						}
						s.install_result(pir, &der, notices)
					},
					PendingNotification::OtherSignedNotification(other) => {
						let iccid =
							other.metadata.iccid.clone().ok_or(StatusCode::ICCID_UNKNOWN)?;
						s.profile_event(
							&iccid,
							other.metadata.operation,
							&other.signed_der,
							&other.signature,
							notices,
						)
						.map(|()| iccid)
					},
				});
				log_outcome(function, "-", outcome.as_ref().ok(), &outcome);
				match outcome {
					Ok(_) => empty(Http::NO_CONTENT),
					Err(code) => failed(&code),
				}
			},
			es9::CANCEL_SESSION => {
				let r = read!(es9plus::CancelSessionRequest);
				let transaction_id = transaction!(&r.transaction_id);
				let outcome = smdp.state().cancel_session(&transaction_id);
				tracing::info!(function, transaction = %r.transaction_id, reason = ?r.reason, "session cancelled by the device");
				log_outcome(function, &r.transaction_id, None, &outcome);
				json(Http::OK, &HeaderOnlyResponse { header: response_header(&outcome) })
			},
			_ => text(Http::NOT_FOUND, "no such ES9+ function"),
		}
	}
}
