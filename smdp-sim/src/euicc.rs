//! A test eUICC with its LPA, driven like lpac: it downloads a profile through the simulator's
//! ES9+ and prints one JSON object per line, ending with `{"type":"lpa","payload":{…}}`.
//!
//! The eUICC signs with an Ed25519 key derived from its EID, so the same EID always has the same
//! key and its signed results can be checked by anyone holding [`test_euicc_key`].

use crate::{
	es9plus::{self, b64, function as es9},
	http::{HttpsClient, Reply},
	tls, SimError,
};
use ed25519_dalek::{Signer, SigningKey};
use gesim_esim_protocol::{
	es2plus::{confirmation_code_hash, header, ResponseHeader},
	install_result::{
		FinalResult, NotificationEvent, NotificationMetadata, OtherSignedNotification,
		ProfileInstallationResult, ProfileInstallationResultData,
	},
	ActivationCode, Eid, Iccid,
};
use serde::{de::DeserializeOwned, Deserialize, Serialize};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// EID the test eUICC uses when none is given.
pub const DEFAULT_EID: &str = "89049032000001000000000000000017";

/// AID of the ISD-P the test eUICC reports installing into.
const ISD_P_AID: [u8; 16] = [
	0xA0, 0x00, 0x00, 0x05, 0x59, 0x10, 0x10, 0xFF, 0xFF, 0xFF, 0xFF, 0x89, 0x00, 0x00, 0x10, 0x00,
];
/// SIMalliance `EUICCResponse` with one profile element answered OK.
const SIMA_OK: [u8; 9] = [0x30, 0x07, 0xA0, 0x05, 0x30, 0x03, 0x80, 0x01, 0x00];

/// The test eUICC's signing key: `SHA256("gesim/test-euicc/v1" ‖ EID)` as an Ed25519 seed.
pub fn test_euicc_key(eid: &Eid) -> SigningKey {
	let seed: [u8; 32] = Sha256::new()
		.chain_update(b"gesim/test-euicc/v1")
		.chain_update(eid.as_str())
		.finalize()
		.into();
	SigningKey::from_bytes(&seed)
}

/// A failed step, named as lpac names its steps.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{step}: {reason}")]
pub struct StepError {
	/// The step (`es9p_authenticate_client`, …).
	pub step: &'static str,
	/// Why: the SM-DP+'s status or the transport error.
	pub reason: String,
}

fn step_error(step: &'static str) -> impl Fn(String) -> StepError {
	move |reason| StepError { step, reason }
}

/// What `euicc download` needs.
#[derive(Clone, Debug)]
pub struct DownloadOptions {
	/// The scanned code.
	pub activation_code: ActivationCode,
	/// The eUICC's EID.
	pub eid: Eid,
	/// Confirmation code typed by the user (hashed with the transaction id before sending).
	pub confirmation_code: Option<String>,
	/// CA the SM-DP+'s ES9+ certificate must chain to.
	pub ca: PathBuf,
	/// Sequence number of the installation notification.
	pub seq_number: u32,
	/// Keep the installation notification here for `notification process` (as lpac does)
	/// instead of sending it at once.
	pub defer_notification_to: Option<PathBuf>,
}

/// A downloaded profile.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Downloaded {
	/// The profile.
	pub iccid: Iccid,
	/// Its type.
	pub profile_type: String,
	/// Sequence number of the installation notification.
	pub seq_number: u32,
	/// The signed ProfileInstallationResult (DER) sent, or kept, as the notification.
	pub install_result: Vec<u8>,
}

/// A notification kept for later, as `lpac notification list` would show it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StoredNotification {
	/// Sequence number.
	pub seq_number: u32,
	/// Where to send it.
	pub notification_address: String,
	/// The profile.
	pub iccid: String,
	/// Base64 DER.
	pub pending_notification: String,
}

/// Path of a kept notification.
pub fn stored_notification_path(dir: &Path, seq_number: u32) -> PathBuf {
	dir.join(format!("notification-{seq_number}.json"))
}

/// An LPA talking to one SM-DP+.
struct Lpa {
	client: HttpsClient,
}

impl Lpa {
	fn new(smdp_address: &str, ca: &Path) -> Result<Self, SimError> {
		Ok(Self {
			client: HttpsClient::new(
				tls::client_config(ca, None)?,
				&format!("https://{smdp_address}"),
			),
		})
	}

	/// Calls an ES9+ function that answers JSON with a header.
	async fn call<T: DeserializeOwned>(
		&self,
		step: &'static str,
		function: &str,
		body: &impl Serialize,
	) -> Result<T, StepError> {
		let fail = step_error(step);
		let reply = self.post(function, body).await.map_err(&fail)?;
		if reply.status != http::StatusCode::OK {
			return Err(fail(format!(
				"HTTP {}: {}",
				reply.status,
				String::from_utf8_lossy(&reply.body).trim()
			)));
		}
		check_failed(&reply).map_err(&fail)?;
		serde_json::from_slice(&reply.body).map_err(|e| fail(format!("response: {e}")))
	}

	async fn post(&self, function: &str, body: &impl Serialize) -> Result<Reply, String> {
		let reply = self
			.client
			.post_json(&format!("{}{function}", es9plus::PREFIX), body)
			.await
			.map_err(|e| e.to_string())?;
		match reply.header(header::X_ADMIN_PROTOCOL) {
			Some(v) if header::is_supported_admin_protocol(v) => Ok(reply),
			other => Err(format!("SM-DP+ answered X-Admin-Protocol {other:?}, not gsma/rsp/v2.x")),
		}
	}

	/// Sends a signed notification; the SM-DP+ answers 204.
	async fn notify(&self, step: &'static str, der: &[u8]) -> Result<(), StepError> {
		let fail = step_error(step);
		let body = es9plus::HandleNotificationRequest { pending_notification: b64(der) };
		let reply = self.post(es9::HANDLE_NOTIFICATION, &body).await.map_err(&fail)?;
		match reply.status {
			http::StatusCode::NO_CONTENT => Ok(()),
			http::StatusCode::OK => Err(fail(
				check_failed(&reply).err().unwrap_or_else(|| "200 without a failure".into()),
			)),
			status => {
				Err(fail(format!("HTTP {status}: {}", String::from_utf8_lossy(&reply.body).trim())))
			},
		}
	}
}

/// The SM-DP+'s refusal, readable, if the reply is one.
fn check_failed(reply: &Reply) -> Result<(), String> {
	#[derive(Deserialize)]
	struct WithHeader {
		header: ResponseHeader,
	}
	let parsed: WithHeader =
		serde_json::from_slice(&reply.body).map_err(|e| format!("response: {e}"))?;
	let status = parsed.header.function_execution_status;
	if status.is_executed() {
		Ok(())
	} else {
		Err(status.to_string())
	}
}

/// Downloads the profile of an activation code, reporting each step to `progress`.
pub async fn download(
	opts: &DownloadOptions,
	progress: &mut dyn FnMut(&'static str),
) -> Result<Downloaded, StepError> {
	let address = &opts.activation_code.smdp_address;
	let lpa = Lpa::new(address, &opts.ca)
		.map_err(|e| StepError { step: "es9p_initiate_authentication", reason: e.to_string() })?;
	let key = test_euicc_key(&opts.eid);

	progress("es9p_initiate_authentication");
	let init: es9plus::InitiateAuthenticationResponse = lpa
		.call(
			"es9p_initiate_authentication",
			es9::INITIATE_AUTHENTICATION,
			&es9plus::InitiateAuthenticationRequest { smdp_address: address.clone() },
		)
		.await?;
	let transaction_hex = init.transaction_id.ok_or_else(|| StepError {
		step: "es9p_initiate_authentication",
		reason: "no transactionId in the response".into(),
	})?;
	let transaction_id =
		es9plus::parse_transaction_id(&transaction_hex).ok_or_else(|| StepError {
			step: "es9p_initiate_authentication",
			reason: format!("transactionId `{transaction_hex}` is not 1-16 bytes of hex"),
		})?;
	// A code that pins the SM-DP+ OID must meet that SM-DP+ (a real LPA checks the certificate).
	let smdp_oid = init.smdp_oid;
	if let (Some(pinned), Some(served)) = (&opts.activation_code.smdp_oid, &smdp_oid) {
		if pinned != served {
			return Err(StepError {
				step: "es9p_initiate_authentication",
				reason: format!("SM-DP+ OID {served} is not the activation code's {pinned}"),
			});
		}
	}

	progress("es9p_authenticate_client");
	let matching_id = opts.activation_code.matching_id.parse().map_err(|e| StepError {
		step: "es9p_authenticate_client",
		reason: format!("the activation code's matching id is unusable: {e}"),
	})?;
	let _: es9plus::AuthenticateClientResponse = lpa
		.call(
			"es9p_authenticate_client",
			es9::AUTHENTICATE_CLIENT,
			&es9plus::AuthenticateClientRequest {
				transaction_id: transaction_hex.clone(),
				matching_id,
				eid: opts.eid.clone(),
				confirmation_code_hash: opts
					.confirmation_code
					.as_deref()
					.map(|cc| b64(&confirmation_code_hash(cc, &transaction_id))),
				euicc_public_key: b64(key.verifying_key().as_bytes()),
			},
		)
		.await?;

	progress("es9p_get_bound_profile_package");
	let bpp: es9plus::GetBoundProfilePackageResponse = lpa
		.call(
			"es9p_get_bound_profile_package",
			es9::GET_BOUND_PROFILE_PACKAGE,
			&es9plus::GetBoundProfilePackageRequest { transaction_id: transaction_hex.clone() },
		)
		.await?;
	let (Some(iccid), Some(profile_type)) = (bpp.iccid, bpp.profile_type) else {
		return Err(StepError {
			step: "es9p_get_bound_profile_package",
			reason: "no iccid or profileType in the response".into(),
		});
	};

	progress("es10b_load_bound_profile_package");
	let data = ProfileInstallationResultData {
		transaction_id,
		notification: NotificationMetadata {
			seq_number: opts.seq_number,
			operation: NotificationEvent::Install,
			notification_address: address.clone(),
			iccid: Some(iccid.clone()),
		},
		smdp_oid: smdp_oid.or_else(|| opts.activation_code.smdp_oid.clone()),
		final_result: FinalResult::Success {
			aid: ISD_P_AID.to_vec(),
			sima_response: SIMA_OK.to_vec(),
		},
	};
	let signed = data.to_der().map_err(|e| StepError {
		step: "es10b_load_bound_profile_package",
		reason: e.to_string(),
	})?;
	let install_result =
		ProfileInstallationResult::assemble(&signed, &key.sign(&signed).to_bytes());

	match &opts.defer_notification_to {
		Some(dir) => {
			let stored = StoredNotification {
				seq_number: opts.seq_number,
				notification_address: address.clone(),
				iccid: iccid.digits().to_owned(),
				pending_notification: b64(&install_result),
			};
			store_notification(dir, &stored).map_err(|e| StepError {
				step: "es10b_load_bound_profile_package",
				reason: e.to_string(),
			})?;
		},
		None => {
			progress("es9p_handle_notification");
			lpa.notify("es9p_handle_notification", &install_result).await?;
		},
	}
	Ok(Downloaded { iccid, profile_type, seq_number: opts.seq_number, install_result })
}

fn store_notification(dir: &Path, stored: &StoredNotification) -> Result<(), SimError> {
	std::fs::create_dir_all(dir).map_err(|source| SimError::Io { file: dir.to_owned(), source })?;
	let path = stored_notification_path(dir, stored.seq_number);
	let text = serde_json::to_string_pretty(stored).expect("always serializes; qed");
	std::fs::write(&path, text).map_err(|source| SimError::Io { file: path, source })
}

/// Sends a kept notification (`lpac notification process <seq>`); removes it once accepted
/// when `remove`.
pub async fn process_notification(
	dir: &Path,
	seq_number: u32,
	ca: &Path,
	remove: bool,
) -> Result<StoredNotification, StepError> {
	const STEP: &str = "es9p_handle_notification";
	let path = stored_notification_path(dir, seq_number);
	let fail = step_error(STEP);
	let text =
		std::fs::read_to_string(&path).map_err(|e| fail(format!("{}: {e}", path.display())))?;
	let stored: StoredNotification =
		serde_json::from_str(&text).map_err(|e| fail(format!("{}: {e}", path.display())))?;
	let der = es9plus::unb64(&stored.pending_notification)
		.ok_or_else(|| fail(format!("{}: not base64", path.display())))?;
	let lpa = Lpa::new(&stored.notification_address, ca).map_err(|e| fail(e.to_string()))?;
	lpa.notify(STEP, &der).await?;
	if remove {
		std::fs::remove_file(&path).map_err(|e| fail(format!("{}: {e}", path.display())))?;
	}
	Ok(stored)
}

/// Signs and sends a later life-cycle event of an installed profile (enable, disable, delete).
pub async fn send_profile_event(
	smdp_address: &str,
	ca: &Path,
	eid: &Eid,
	iccid: &Iccid,
	event: NotificationEvent,
	seq_number: u32,
) -> Result<Vec<u8>, StepError> {
	const STEP: &str = "es9p_handle_notification";
	let metadata = NotificationMetadata {
		seq_number,
		operation: event,
		notification_address: smdp_address.to_owned(),
		iccid: Some(iccid.clone()),
	};
	let signed = metadata.to_der();
	let der =
		OtherSignedNotification::assemble(&signed, &test_euicc_key(eid).sign(&signed).to_bytes());
	let lpa =
		Lpa::new(smdp_address, ca).map_err(|e| StepError { step: STEP, reason: e.to_string() })?;
	lpa.notify(STEP, &der).await?;
	Ok(der)
}

/// lpac's progress line.
pub fn progress_line(step: &str) -> Value {
	json!({"type": "progress", "payload": {"code": 0, "message": step, "data": null}})
}

/// lpac's final line on success.
pub fn success_line(data: Value) -> Value {
	json!({"type": "lpa", "payload": {"code": 0, "message": "success", "data": data}})
}

/// lpac's final line on failure: the step in `message`, the reason in `data`.
pub fn failure_line(error: &StepError) -> Value {
	json!({"type": "lpa", "payload": {"code": -1, "message": error.step, "data": error.reason}})
}
