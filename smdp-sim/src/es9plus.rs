//! The device-facing side: a simplified ES9+ (LPA → SM-DP+) under `/gsma/rsp2/es9plus/`, on
//! server-only TLS as the real one. See the crate documentation for where it departs from
//! SGP.22 and why.
//!
//! Binary fields travel as base64 and the transaction id as hex, as in real ES9+; requests
//! carry no header, responses carry `header.functionExecutionStatus`.

use base64::{engine::general_purpose::STANDARD as BASE64, Engine};
use gesim_esim_protocol::{es2plus::ResponseHeader, Eid, Iccid, MatchingId};
use serde::{Deserialize, Serialize};

/// Path prefix of the device-facing functions.
pub const PREFIX: &str = "/gsma/rsp2/es9plus/";

/// The functions, by name as in their paths.
pub mod function {
	/// Opens a session; the SM-DP+ answers with a transaction id.
	pub const INITIATE_AUTHENTICATION: &str = "initiateAuthentication";
	/// Ties the session to an order (matching id, EID, confirmation code).
	pub const AUTHENTICATE_CLIENT: &str = "authenticateClient";
	/// Hands over the profile.
	pub const GET_BOUND_PROFILE_PACKAGE: &str = "getBoundProfilePackage";
	/// Takes an eUICC-signed notification (installation result or later event).
	pub const HANDLE_NOTIFICATION: &str = "handleNotification";
	/// Abandons a session.
	pub const CANCEL_SESSION: &str = "cancelSession";
	/// All of them.
	pub const ALL: [&str; 5] = [
		INITIATE_AUTHENTICATION,
		AUTHENTICATE_CLIENT,
		GET_BOUND_PROFILE_PACKAGE,
		HANDLE_NOTIFICATION,
		CANCEL_SESSION,
	];
}

/// `initiateAuthentication` request.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InitiateAuthenticationRequest {
	/// The SM-DP+ address from the activation code (checked against this SM-DP+'s).
	pub smdp_address: String,
}

/// `initiateAuthentication` response.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InitiateAuthenticationResponse {
	/// Outcome.
	pub header: ResponseHeader,
	/// The session's transaction id (hex); present on success.
	#[serde(default, skip_serializing_if = "Option::is_none")]
	pub transaction_id: Option<String>,
	/// The SM-DP+'s OID, standing in for the certificate a real SM-DP+ sends here; the eUICC
	/// checks it against the activation code's and puts it in its installation result.
	#[serde(default, skip_serializing_if = "Option::is_none")]
	pub smdp_oid: Option<String>,
}

/// `authenticateClient` request.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AuthenticateClientRequest {
	/// The session (hex).
	pub transaction_id: String,
	/// Matching id from the activation code.
	pub matching_id: MatchingId,
	/// The device's EID.
	pub eid: Eid,
	/// `SHA256(SHA256(code) ‖ transactionId)`, base64, when a confirmation code is required.
	#[serde(default, skip_serializing_if = "Option::is_none")]
	pub confirmation_code_hash: Option<String>,
	/// The test eUICC's Ed25519 public key (base64), standing in for its certificate chain.
	pub euicc_public_key: String,
}

/// Response of the functions that return the transaction id only.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TransactionResponse {
	/// Outcome.
	pub header: ResponseHeader,
	/// The session (hex); present on success.
	#[serde(default, skip_serializing_if = "Option::is_none")]
	pub transaction_id: Option<String>,
}

/// `authenticateClient` response.
pub type AuthenticateClientResponse = TransactionResponse;

/// `getBoundProfilePackage` request.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GetBoundProfilePackageRequest {
	/// The authenticated session (hex).
	pub transaction_id: String,
}

/// `getBoundProfilePackage` response: the profile's identity instead of an encrypted package.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GetBoundProfilePackageResponse {
	/// Outcome.
	pub header: ResponseHeader,
	/// The session (hex).
	#[serde(default, skip_serializing_if = "Option::is_none")]
	pub transaction_id: Option<String>,
	/// The profile handed over.
	#[serde(default, skip_serializing_if = "Option::is_none")]
	pub iccid: Option<Iccid>,
	/// Its profile type.
	#[serde(default, skip_serializing_if = "Option::is_none")]
	pub profile_type: Option<String>,
}

/// `handleNotification` request. Answered with HTTP 204 when accepted.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HandleNotificationRequest {
	/// Base64 DER of a ProfileInstallationResult or an OtherSignedNotification.
	pub pending_notification: String,
}

/// `cancelSession` request.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CancelSessionRequest {
	/// The session (hex).
	pub transaction_id: String,
	/// `CancelSessionReason` of SGP.22 (0 = end user rejection, …), for the log.
	#[serde(default)]
	pub reason: Option<u8>,
}

/// Hex of a transaction id, upper case as SM-DP+s send it.
pub fn transaction_id_hex(transaction_id: &[u8]) -> String {
	hex::encode_upper(transaction_id)
}

/// Bytes of a hex transaction id (1 to 16 bytes).
pub fn parse_transaction_id(hex_id: &str) -> Option<Vec<u8>> {
	hex::decode(hex_id).ok().filter(|b| (1..=16).contains(&b.len()))
}

/// Base64 of bytes.
pub fn b64(bytes: &[u8]) -> String {
	BASE64.encode(bytes)
}

/// Bytes of base64.
pub fn unb64(text: &str) -> Option<Vec<u8>> {
	BASE64.decode(text).ok()
}
