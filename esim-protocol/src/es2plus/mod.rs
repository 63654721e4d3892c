//! ES2+ (GSMA SGP.22 v2.5 §5.3): the operator ↔ SM-DP+ interface, JSON over HTTPS with mutual
//! TLS.
//!
//! Field names are the specification's (`functionRequesterIdentifier`, `releaseFlag`, …), so a
//! reader can hold SGP.22 beside these types. Every function is a `POST` to [`path`]`::*` with
//! the [`header`] values; an SM-DP+ reports a refusal as HTTP 200 with `status: "Failed"` and
//! `statusCodeData` (see [`StatusCode`]); other HTTP statuses are transport errors.
//! `handleDownloadProgressInfo` goes the other way (SM-DP+ → operator) and is answered with
//! HTTP 204 and no body.

mod notification;
mod status;

pub use crate::ids::{Eid, Iccid, MatchingId};
pub use notification::{NotificationPointId, ResultData, Timestamp, TimestampError};
pub use status::{
	Disposition, ExecutionStatus, FunctionExecutionStatus, StatusCode, StatusCodeData,
};

use core::{fmt, str::FromStr};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// Request paths, relative to the peer's base URL.
pub mod path {
	/// Prefix shared by every ES2+ function.
	pub const PREFIX: &str = "/gsma/rsp2/es2plus/";
	/// Operator → SM-DP+: reserve a profile.
	pub const DOWNLOAD_ORDER: &str = "/gsma/rsp2/es2plus/downloadOrder";
	/// Operator → SM-DP+: bind the order to a matching id / EID and optionally release it.
	pub const CONFIRM_ORDER: &str = "/gsma/rsp2/es2plus/confirmOrder";
	/// Operator → SM-DP+: give the profile back.
	pub const CANCEL_ORDER: &str = "/gsma/rsp2/es2plus/cancelOrder";
	/// Operator → SM-DP+: let a confirmed order be downloaded.
	pub const RELEASE_PROFILE: &str = "/gsma/rsp2/es2plus/releaseProfile";
	/// SM-DP+ → operator: progress of a download.
	pub const HANDLE_DOWNLOAD_PROGRESS_INFO: &str = "/gsma/rsp2/es2plus/handleDownloadProgressInfo";
}

/// HTTP headers every ES2+ request and response carries (SGP.22 §6.5.1).
pub mod header {
	/// `Content-Type` sent.
	pub const CONTENT_TYPE: &str = "application/json;charset=UTF-8";
	/// Name of the protocol version header.
	pub const X_ADMIN_PROTOCOL: &str = "X-Admin-Protocol";
	/// Value of the protocol version header sent.
	pub const ADMIN_PROTOCOL: &str = "gsma/rsp/v2.5.0";
	/// What a received `X-Admin-Protocol` must start with: any SGP.22 v2 minor version.
	pub const ADMIN_PROTOCOL_PREFIX: &str = "gsma/rsp/v2.";

	/// Whether a received `X-Admin-Protocol` is one this crate speaks.
	pub fn is_supported_admin_protocol(value: &str) -> bool {
		value.starts_with(ADMIN_PROTOCOL_PREFIX)
	}

	/// Whether a received `Content-Type` is JSON (parameters such as `charset` and the
	/// spacing around them vary between peers: pySim sends plain `application/json`).
	pub fn is_json_content_type(value: &str) -> bool {
		value
			.split(';')
			.next()
			.is_some_and(|media| media.trim().eq_ignore_ascii_case("application/json"))
	}
}

/// The ES2+ functions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Es2Function {
	/// `downloadOrder`.
	DownloadOrder,
	/// `confirmOrder`.
	ConfirmOrder,
	/// `cancelOrder`.
	CancelOrder,
	/// `releaseProfile`.
	ReleaseProfile,
	/// `handleDownloadProgressInfo` (SM-DP+ → operator).
	HandleDownloadProgressInfo,
}

impl Es2Function {
	/// Every function, operator-called ones first.
	pub const ALL: [Self; 5] = [
		Self::DownloadOrder,
		Self::ConfirmOrder,
		Self::CancelOrder,
		Self::ReleaseProfile,
		Self::HandleDownloadProgressInfo,
	];

	/// The name as in the path and in SGP.22.
	pub fn name(self) -> &'static str {
		match self {
			Self::DownloadOrder => "downloadOrder",
			Self::ConfirmOrder => "confirmOrder",
			Self::CancelOrder => "cancelOrder",
			Self::ReleaseProfile => "releaseProfile",
			Self::HandleDownloadProgressInfo => "handleDownloadProgressInfo",
		}
	}

	/// The request path.
	pub fn path(self) -> &'static str {
		match self {
			Self::DownloadOrder => path::DOWNLOAD_ORDER,
			Self::ConfirmOrder => path::CONFIRM_ORDER,
			Self::CancelOrder => path::CANCEL_ORDER,
			Self::ReleaseProfile => path::RELEASE_PROFILE,
			Self::HandleDownloadProgressInfo => path::HANDLE_DOWNLOAD_PROGRESS_INFO,
		}
	}

	/// The function a request path names, if any.
	pub fn from_path(path: &str) -> Option<Self> {
		path.strip_prefix(path::PREFIX).and_then(|name| name.parse().ok())
	}
}

impl fmt::Display for Es2Function {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		f.write_str(self.name())
	}
}

impl FromStr for Es2Function {
	type Err = UnknownFunction;
	fn from_str(s: &str) -> Result<Self, UnknownFunction> {
		Self::ALL
			.into_iter()
			.find(|f| f.name() == s)
			.ok_or_else(|| UnknownFunction(s.into()))
	}
}

/// A name that is not an ES2+ function.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not an ES2+ function")]
pub struct UnknownFunction(pub String);

/// Header of every ES2+ request (SGP.22 §6.5.1.3).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RequestHeader {
	/// Who calls: the operator's identifier at the SM-DP+ (or the SM-DP+'s, towards the
	/// operator).
	pub function_requester_identifier: String,
	/// Correlation id of this call. Not an idempotency key: SM-DP+s do not deduplicate on it.
	pub function_call_identifier: String,
}

/// Header of every ES2+ response (SGP.22 §6.5.1.4).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ResponseHeader {
	/// Outcome of the call.
	pub function_execution_status: FunctionExecutionStatus,
}

impl ResponseHeader {
	/// `Executed-Success`.
	pub fn success() -> Self {
		Self { function_execution_status: FunctionExecutionStatus::success() }
	}

	/// `Failed` with a status code and its readable message.
	pub fn failed(code: &StatusCode) -> Self {
		Self { function_execution_status: FunctionExecutionStatus::failed(code) }
	}
}

/// `downloadOrder` request: reserve a profile, by ICCID or by profile type.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DownloadOrderRequest {
	/// Call header.
	pub header: RequestHeader,
	/// EID the profile is for, when known this early.
	#[serde(default, skip_serializing_if = "Option::is_none")]
	pub eid: Option<Eid>,
	/// The exact profile wanted. A client that picks the ICCID itself makes a retried call
	/// collide (8.2.1/3.3) instead of reserving a second profile.
	#[serde(default, skip_serializing_if = "Option::is_none")]
	pub iccid: Option<Iccid>,
	/// Any available profile of this type (used when `iccid` is absent).
	#[serde(default, skip_serializing_if = "Option::is_none")]
	pub profile_type: Option<String>,
}

/// `downloadOrder` response.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DownloadOrderResponse {
	/// Outcome.
	pub header: ResponseHeader,
	/// The reserved profile; present on success.
	#[serde(default, skip_serializing_if = "Option::is_none")]
	pub iccid: Option<Iccid>,
}

/// `confirmOrder` request: bind the order and, with `releaseFlag`, make it downloadable.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ConfirmOrderRequest {
	/// Call header.
	pub header: RequestHeader,
	/// The reserved profile.
	pub iccid: Iccid,
	/// EID the download is bound to.
	#[serde(default, skip_serializing_if = "Option::is_none")]
	pub eid: Option<Eid>,
	/// Matching id chosen by the operator; the SM-DP+ generates one when absent.
	#[serde(default, skip_serializing_if = "Option::is_none")]
	pub matching_id: Option<MatchingId>,
	/// Code the subscriber must type on the device, if any.
	#[serde(default, skip_serializing_if = "Option::is_none")]
	pub confirmation_code: Option<String>,
	/// SM-DS to register an event with (unused by GeSIM).
	#[serde(default, skip_serializing_if = "Option::is_none")]
	pub smds_address: Option<String>,
	/// Release at once (true) or wait for `releaseProfile` (false). A JSON boolean.
	pub release_flag: bool,
}

/// `confirmOrder` response.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ConfirmOrderResponse {
	/// Outcome.
	pub header: ResponseHeader,
	/// EID bound to the order, if any.
	#[serde(default, skip_serializing_if = "Option::is_none")]
	pub eid: Option<Eid>,
	/// Matching id of the order; present on success. An empty string reads as absent.
	#[serde(
		default,
		skip_serializing_if = "Option::is_none",
		deserialize_with = "empty_matching_id_as_none"
	)]
	pub matching_id: Option<MatchingId>,
	/// SM-DP+ address for the activation code, if the SM-DP+ tells it.
	#[serde(default, skip_serializing_if = "Option::is_none")]
	pub smdp_address: Option<String>,
}

fn empty_matching_id_as_none<'de, D: serde::Deserializer<'de>>(
	d: D,
) -> Result<Option<MatchingId>, D::Error> {
	match Option::<String>::deserialize(d)? {
		None => Ok(None),
		Some(s) if s.is_empty() => Ok(None),
		Some(s) => MatchingId::parse(&s).map(Some).map_err(serde::de::Error::custom),
	}
}

/// State a cancelled order leaves its profile in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum FinalProfileStatus {
	/// Back in the pool for another order.
	Available,
	/// Withdrawn: never handed out again.
	Unavailable,
}

/// `cancelOrder` request.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CancelOrderRequest {
	/// Call header.
	pub header: RequestHeader,
	/// The profile of the order.
	pub iccid: Iccid,
	/// If given, must be the EID bound to the order.
	#[serde(default, skip_serializing_if = "Option::is_none")]
	pub eid: Option<Eid>,
	/// If given, must be the order's matching id.
	#[serde(default, skip_serializing_if = "Option::is_none")]
	pub matching_id: Option<MatchingId>,
	/// Where the profile goes.
	#[serde(rename = "finalProfileStatusIndicator")]
	pub final_profile_status_indicator: FinalProfileStatus,
}

/// `releaseProfile` request.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReleaseProfileRequest {
	/// Call header.
	pub header: RequestHeader,
	/// The confirmed profile to release.
	pub iccid: Iccid,
}

/// Response of the functions that return only a header.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HeaderOnlyResponse {
	/// Outcome.
	pub header: ResponseHeader,
}

/// `cancelOrder` response.
pub type CancelOrderResponse = HeaderOnlyResponse;
/// `releaseProfile` response.
pub type ReleaseProfileResponse = HeaderOnlyResponse;

/// `handleDownloadProgressInfo` request (SM-DP+ → operator), answered with HTTP 204.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HandleDownloadProgressInfoRequest {
	/// Call header (the SM-DP+ is the requester).
	pub header: RequestHeader,
	/// EID of the device, when the SM-DP+ knows it.
	#[serde(default, skip_serializing_if = "Option::is_none")]
	pub eid: Option<Eid>,
	/// The profile.
	pub iccid: Iccid,
	/// Its profile type.
	pub profile_type: String,
	/// When the event happened.
	pub timestamp: Timestamp,
	/// Which step (a JSON integer or a decimal string on the wire).
	pub notification_point_id: NotificationPointId,
	/// Outcome of the step.
	pub notification_point_status: FunctionExecutionStatus,
	/// For installation (point 4): the eUICC-signed ProfileInstallationResult.
	#[serde(default, skip_serializing_if = "Option::is_none")]
	pub result_data: Option<ResultData>,
}

/// The confirmation-code hash a device sends: `SHA256(SHA256(code) ‖ transactionId)`.
///
/// The code is hashed as its ASCII bytes (lpac's rule; some SM-DP+ test code hex-decodes it
/// first, which gives another hash): both ends must use this function.
pub fn confirmation_code_hash(confirmation_code: &str, transaction_id: &[u8]) -> [u8; 32] {
	let inner = Sha256::digest(confirmation_code.as_bytes());
	let mut outer = Sha256::new();
	outer.update(inner);
	outer.update(transaction_id);
	outer.finalize().into()
}

#[cfg(test)]
mod tests {
	use super::*;
	use serde_json::json;

	fn req_header() -> RequestHeader {
		RequestHeader {
			function_requester_identifier: "gesim-operator".into(),
			function_call_identifier: "order-7-download".into(),
		}
	}

	#[test]
	fn download_order_uses_gsma_field_names_and_omits_absent_fields() {
		let req = DownloadOrderRequest {
			header: req_header(),
			eid: None,
			iccid: Some(Iccid::parse("8944500102198304826").unwrap()),
			profile_type: None,
		};
		assert_eq!(
			serde_json::to_value(&req).unwrap(),
			json!({
				"header": {
					"functionRequesterIdentifier": "gesim-operator",
					"functionCallIdentifier": "order-7-download"
				},
				"iccid": "8944500102198304826F"
			})
		);
		let by_type: DownloadOrderRequest = serde_json::from_value(json!({
			"header": {"functionRequesterIdentifier": "x", "functionCallIdentifier": "y"},
			"profileType": "gesim-data-1"
		}))
		.unwrap();
		assert_eq!(by_type.profile_type.as_deref(), Some("gesim-data-1"));
	}

	#[test]
	fn confirm_order_release_flag_is_a_json_bool() {
		let req: ConfirmOrderRequest = serde_json::from_value(json!({
			"header": {"functionRequesterIdentifier": "x", "functionCallIdentifier": "y"},
			"iccid": "89445001021983048261",
			"eid": "89049032123451234512345678901235",
			"matchingId": "ABC-123",
			"confirmationCode": "1234",
			"releaseFlag": true
		}))
		.unwrap();
		assert!(req.release_flag);
		assert_eq!(req.matching_id.unwrap().as_str(), "ABC-123");
		let as_string = serde_json::from_value::<ConfirmOrderRequest>(json!({
			"header": {"functionRequesterIdentifier": "x", "functionCallIdentifier": "y"},
			"iccid": "89445001021983048261",
			"releaseFlag": "true"
		}));
		assert!(as_string.is_err());
	}

	#[test]
	fn confirm_order_response_reads_an_empty_matching_id_as_absent() {
		let resp: ConfirmOrderResponse = serde_json::from_value(json!({
			"header": {"functionExecutionStatus": {"status": "Executed-Success"}},
			"matchingId": ""
		}))
		.unwrap();
		assert_eq!(resp.matching_id, None);
	}

	#[test]
	fn cancel_order_final_status_indicator() {
		let req: CancelOrderRequest = serde_json::from_value(json!({
			"header": {"functionRequesterIdentifier": "x", "functionCallIdentifier": "y"},
			"iccid": "89445001021983048261",
			"finalProfileStatusIndicator": "Unavailable"
		}))
		.unwrap();
		assert_eq!(req.final_profile_status_indicator, FinalProfileStatus::Unavailable);
		assert!(serde_json::from_value::<CancelOrderRequest>(json!({
			"header": {"functionRequesterIdentifier": "x", "functionCallIdentifier": "y"},
			"iccid": "89445001021983048261",
			"finalProfileStatusIndicator": "Gone"
		}))
		.is_err());
	}

	#[test]
	fn failed_response_header_carries_status_code_data() {
		let resp =
			HeaderOnlyResponse { header: ResponseHeader::failed(&StatusCode::ICCID_UNKNOWN) };
		assert_eq!(
			serde_json::to_value(&resp).unwrap(),
			json!({"header": {"functionExecutionStatus": {
				"status": "Failed",
				"statusCodeData": {
					"subjectCode": "8.2.1",
					"reasonCode": "3.9",
					"message": StatusCode::ICCID_UNKNOWN.message()
				}
			}}})
		);
	}

	#[test]
	fn progress_info_accepts_point_id_as_integer_or_string() {
		let mut body = json!({
			"header": {"functionRequesterIdentifier": "smdp", "functionCallIdentifier": "n-1"},
			"eid": "89049032123451234512345678901235",
			"iccid": "8944500102198304826F",
			"profileType": "gesim-data-1",
			"timestamp": "2025-03-01T10:20:30Z",
			"notificationPointId": 4,
			"notificationPointStatus": {"status": "Executed-Success"},
			"resultData": "vzc="
		});
		let as_int: HandleDownloadProgressInfoRequest =
			serde_json::from_value(body.clone()).unwrap();
		body["notificationPointId"] = json!("4");
		let as_str: HandleDownloadProgressInfoRequest = serde_json::from_value(body).unwrap();
		assert_eq!(as_int, as_str);
		assert_eq!(as_int.notification_point_id, NotificationPointId::BPP_INSTALLATION);
		assert_eq!(as_int.result_data.unwrap().as_bytes(), &[0xBF, 0x37]);
		assert_eq!(as_int.iccid.digits(), "8944500102198304826");
	}

	#[test]
	fn function_names_and_paths() {
		for f in Es2Function::ALL {
			assert_eq!(Es2Function::from_path(f.path()), Some(f));
			assert_eq!(f.name().parse::<Es2Function>(), Ok(f));
		}
		assert_eq!(Es2Function::from_path("/gsma/rsp2/es2plus/deleteOrder"), None);
		assert_eq!(Es2Function::from_path("/gsma/rsp2/es9plus/downloadOrder"), None);
	}

	#[test]
	fn header_checks() {
		assert!(header::is_supported_admin_protocol("gsma/rsp/v2.5.0"));
		assert!(header::is_supported_admin_protocol("gsma/rsp/v2.1.0"));
		assert!(!header::is_supported_admin_protocol("gsma/rsp/v3.0.0"));
		assert!(header::is_json_content_type("application/json;charset=UTF-8"));
		assert!(header::is_json_content_type("application/json"));
		assert!(header::is_json_content_type("Application/JSON; charset=utf-8"));
		assert!(!header::is_json_content_type("text/plain"));
		assert!(!header::is_json_content_type("application/jsonp"));
	}

	#[test]
	fn confirmation_code_hash_is_sha256_of_sha256_code_and_transaction_id() {
		// Computed independently: sha256(sha256(b"12345678") + bytes.fromhex("0123456789ABCDEF")).
		let tid = [0x01, 0x23, 0x45, 0x67, 0x89, 0xAB, 0xCD, 0xEF];
		assert_eq!(
			hex::encode(confirmation_code_hash("12345678", &tid)),
			"f2c294f13be780a590e70b815392f423756fc30246f785acbe2523882dcaab19"
		);
		assert_ne!(
			confirmation_code_hash("12345678", &tid),
			confirmation_code_hash("12345679", &tid)
		);
	}
}
