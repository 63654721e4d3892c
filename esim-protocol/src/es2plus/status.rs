//! Function execution status, SGP.22 status codes, and what a client does about each.

use super::Es2Function;
use core::fmt;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

/// `functionExecutionStatus.status`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ExecutionStatus {
	/// Done.
	#[serde(rename = "Executed-Success")]
	ExecutedSuccess,
	/// Done, with a remark in `statusCodeData`.
	#[serde(rename = "Executed-WithWarning")]
	ExecutedWithWarning,
	/// Refused; `statusCodeData` says why.
	Failed,
	/// The call ran out of time inside the SM-DP+ before completing.
	Expired,
}

/// `functionExecutionStatus` (also the shape of `notificationPointStatus`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FunctionExecutionStatus {
	/// Outcome.
	pub status: ExecutionStatus,
	/// Why, when not a plain success.
	#[serde(default, skip_serializing_if = "Option::is_none")]
	pub status_code_data: Option<StatusCodeData>,
}

impl FunctionExecutionStatus {
	/// `Executed-Success` without remarks.
	pub fn success() -> Self {
		Self { status: ExecutionStatus::ExecutedSuccess, status_code_data: None }
	}

	/// `Failed` with the code and its readable message.
	pub fn failed(code: &StatusCode) -> Self {
		Self { status: ExecutionStatus::Failed, status_code_data: Some(code.to_data()) }
	}

	/// Whether the function was executed (with or without warning).
	pub fn is_executed(&self) -> bool {
		matches!(
			self.status,
			ExecutionStatus::ExecutedSuccess | ExecutionStatus::ExecutedWithWarning
		)
	}

	/// The status code, if the peer sent one.
	pub fn code(&self) -> Option<StatusCode> {
		self.status_code_data.as_ref().map(StatusCodeData::code)
	}

	/// What a client should do after calling `function` and getting this; `None` when the
	/// call was executed. `Expired` is retried; `Failed` without a code is final.
	pub fn disposition(&self, function: Es2Function) -> Option<Disposition> {
		match self.status {
			ExecutionStatus::ExecutedSuccess | ExecutionStatus::ExecutedWithWarning => None,
			ExecutionStatus::Expired => Some(Disposition::Retry),
			ExecutionStatus::Failed => {
				Some(self.code().map_or(Disposition::Fail, |c| c.disposition(function)))
			},
		}
	}
}

impl fmt::Display for FunctionExecutionStatus {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		let status = match self.status {
			ExecutionStatus::ExecutedSuccess => "Executed-Success",
			ExecutionStatus::ExecutedWithWarning => "Executed-WithWarning",
			ExecutionStatus::Failed => "Failed",
			ExecutionStatus::Expired => "Expired",
		};
		f.write_str(status)?;
		if let Some(data) = &self.status_code_data {
			let code = data.code();
			write!(f, " {}/{}: ", code.subject, code.reason)?;
			match (&data.message, code.known_message()) {
				(_, Some(known)) => f.write_str(known)?,
				(Some(theirs), None) => f.write_str(theirs)?,
				(None, None) => f.write_str("status code unknown to GeSIM")?,
			}
			if let Some(subject) = &data.subject_identifier {
				write!(f, " (subject {subject})")?;
			}
		}
		Ok(())
	}
}

/// `statusCodeData`: why a function failed or warned.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StatusCodeData {
	/// What the reason is about (`8.2.1` = the ICCID, …).
	pub subject_code: String,
	/// What went wrong with it (`3.9` = unknown, …).
	pub reason_code: String,
	/// Which instance of the subject, e.g. the ICCID.
	#[serde(default, skip_serializing_if = "Option::is_none")]
	pub subject_identifier: Option<String>,
	/// Free text from the peer.
	#[serde(default, skip_serializing_if = "Option::is_none")]
	pub message: Option<String>,
}

impl StatusCodeData {
	/// The subject/reason pair.
	pub fn code(&self) -> StatusCode {
		StatusCode::new(self.subject_code.clone(), self.reason_code.clone())
	}
}

/// What a client does after a refused call.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Disposition {
	/// Transient: call again later, unchanged.
	Retry,
	/// Final: the order cannot proceed as asked.
	Fail,
	/// The effect asked for already holds (an earlier attempt got through): carry on.
	AlreadyDone,
}

/// A status code: subject code and reason code (SGP.22 §5.3 tables, §6.5.1.4).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct StatusCode {
	/// Subject code, e.g. `8.2.1`.
	pub subject: Cow<'static, str>,
	/// Reason code, e.g. `3.9`.
	pub reason: Cow<'static, str>,
}

macro_rules! known_codes {
	($($(#[doc = $doc:literal])* $name:ident = ($subject:literal, $reason:literal, $message:literal);)*) => {
		impl StatusCode {
			$(
				$(#[doc = $doc])*
				pub const $name: Self = Self::new_static($subject, $reason);
			)*
		}

		const KNOWN: &[(&str, &str, &str)] = &[$(($subject, $reason, $message)),*];
	};
}

known_codes! {
	/// 8.1/4.8: the eUICC lacks memory for the profile.
	EUICC_INSUFFICIENT_MEMORY = ("8.1", "4.8", "the eUICC does not have enough space for this profile");
	/// 8.1/6.1: the eUICC's signature (or the server challenge) does not verify.
	EUICC_SIGNATURE_INVALID = ("8.1", "6.1", "the eUICC's signature is invalid or the server challenge is wrong");
	/// 8.1.1/2.2: this order needs an EID and none was given.
	EID_REQUIRED = ("8.1.1", "2.2", "an EID is required for this order (SM-DS address given or matching id empty)");
	/// 8.1.1/3.1: another EID is associated with the ICCID (before SGP.22 v2.2).
	EID_OTHER_ASSOCIATED_LEGACY = ("8.1.1", "3.1", "a different EID is already associated with this ICCID");
	/// 8.1.1/3.8: the device's EID is not the one the order is bound to.
	EID_MISMATCH = ("8.1.1", "3.8", "the EID does not match the one the order is bound to");
	/// 8.2/1.2: the profile has not been released yet.
	PROFILE_NOT_RELEASED = ("8.2", "1.2", "the profile has not been released yet (confirmOrder without releaseFlag, no releaseProfile)");
	/// 8.2/3.7: the bound profile package was already handed out.
	BPP_NOT_AVAILABLE = ("8.2", "3.7", "the profile package is not available for a new binding (already downloaded)");
	/// 8.2.1/1.2: the caller may not act on this profile.
	ICCID_NOT_AUTHORISED = ("8.2.1", "1.2", "the caller is not allowed to act on this profile");
	/// 8.2.1/3.1: another EID is associated with the ICCID (before SGP.22 v2.2).
	ICCID_OTHER_EID_LEGACY = ("8.2.1", "3.1", "a different EID is associated with this ICCID");
	/// 8.2.1/3.3: the profile is already in use (reserved or downloaded).
	ICCID_ALREADY_IN_USE = ("8.2.1", "3.3", "the profile is already in use (reserved by an order or downloaded)");
	/// 8.2.1/3.5: the profile is not in a state that can be released.
	ICCID_CANNOT_BE_RELEASED = ("8.2.1", "3.5", "the profile cannot be released in its current state");
	/// 8.2.1/3.9: the SM-DP+ does not know the ICCID.
	ICCID_UNKNOWN = ("8.2.1", "3.9", "the ICCID is unknown to the SM-DP+");
	/// 8.2.1/3.10: the order is bound to another EID.
	ICCID_OTHER_EID_ASSOCIATED = ("8.2.1", "3.10", "a different EID is already associated with this profile");
	/// 8.2.5/1.2: the caller may not order this profile type.
	PROFILE_TYPE_NOT_AUTHORISED = ("8.2.5", "1.2", "the caller is not allowed to order this profile type");
	/// 8.2.5/2.2: `downloadOrder` named neither an ICCID nor a profile type.
	PROFILE_TYPE_MISSING = ("8.2.5", "2.2", "neither an ICCID nor a profile type was given");
	/// 8.2.5/3.7: no profile of the type is left.
	PROFILE_TYPE_UNAVAILABLE = ("8.2.5", "3.7", "no profile of the requested type is available");
	/// 8.2.5/3.8: the profile type does not match the ICCID's.
	PROFILE_TYPE_MISMATCH = ("8.2.5", "3.8", "the profile type does not match the profile identified by the ICCID");
	/// 8.2.5/3.9: the SM-DP+ does not know the profile type.
	PROFILE_TYPE_UNKNOWN = ("8.2.5", "3.9", "the profile type is unknown to the SM-DP+");
	/// 8.2.5/4.3: no profile fits this eUICC or device.
	PROFILE_TYPE_NOT_ELIGIBLE = ("8.2.5", "4.3", "no eligible profile for this eUICC or device");
	/// 8.2.6/3.1: another matching id is associated with the ICCID (before SGP.22 v2.2).
	MATCHING_ID_OTHER_ASSOCIATED_LEGACY = ("8.2.6", "3.1", "a different matching id is associated with this ICCID");
	/// 8.2.6/3.3: the matching id is already used by another order.
	MATCHING_ID_CONFLICT = ("8.2.6", "3.3", "the matching id is already used by another order");
	/// 8.2.6/3.8: the matching id is refused (unknown, or not this order's).
	MATCHING_ID_REFUSED = ("8.2.6", "3.8", "the matching id is refused (unknown or not this order's)");
	/// 8.2.6/3.10: the order already has another matching id.
	MATCHING_ID_OTHER_ASSOCIATED = ("8.2.6", "3.10", "a different matching id is already associated with this profile");
	/// 8.2.7/2.2: the order needs a confirmation code and none was sent.
	CONFIRMATION_CODE_MISSING = ("8.2.7", "2.2", "the confirmation code is missing");
	/// 8.2.7/3.8: the confirmation code is wrong.
	CONFIRMATION_CODE_REFUSED = ("8.2.7", "3.8", "the confirmation code is refused");
	/// 8.2.7/6.4: too many wrong confirmation codes; the order is unusable.
	CONFIRMATION_CODE_RETRIES_EXCEEDED = ("8.2.7", "6.4", "too many wrong confirmation codes: the order is blocked");
	/// 8.8/3.1: the SM-DP+ OID is not this SM-DP+'s.
	SMDP_OID_INVALID = ("8.8", "3.1", "the SM-DP+ OID is invalid");
	/// 8.8.1/3.8: the SM-DP+ address is not this SM-DP+'s.
	SMDP_ADDRESS_INVALID = ("8.8.1", "3.8", "the SM-DP+ address is invalid");
	/// 8.8.5/4.1: the order expired (code used before SGP.22 v2.2).
	ORDER_EXPIRED_LEGACY = ("8.8.5", "4.1", "the download order has expired");
	/// 8.8.5/4.10: the order's time to live is over.
	ORDER_EXPIRED = ("8.8.5", "4.10", "the download order has expired (time to live exceeded)");
	/// 8.8.5/6.4: too many download attempts for the order.
	ORDER_RETRIES_EXCEEDED = ("8.8.5", "6.4", "the maximum number of download attempts for the order has been exceeded");
	/// 8.9/4.2: the SM-DS reported an error.
	SMDS_ERROR = ("8.9", "4.2", "the SM-DS reported an error");
	/// 8.9/5.1: the SM-DS could not be reached.
	SMDS_UNAVAILABLE = ("8.9", "5.1", "the SM-DS is unavailable");
	/// 8.10.1/3.9: the RSP session (transaction id) is unknown.
	TRANSACTION_UNKNOWN = ("8.10.1", "3.9", "the RSP session identified by the transaction id is unknown");
}

impl StatusCode {
	/// A code from static strings (usable in `const`).
	pub const fn new_static(subject: &'static str, reason: &'static str) -> Self {
		Self { subject: Cow::Borrowed(subject), reason: Cow::Borrowed(reason) }
	}

	/// A code as received.
	pub fn new(subject: impl Into<String>, reason: impl Into<String>) -> Self {
		Self { subject: Cow::Owned(subject.into()), reason: Cow::Owned(reason.into()) }
	}

	/// The readable reason, if GeSIM knows the code.
	pub fn known_message(&self) -> Option<&'static str> {
		KNOWN
			.iter()
			.find(|(s, r, _)| *s == self.subject && *r == self.reason)
			.map(|(_, _, message)| *message)
	}

	/// The readable reason, or a generic one for a code GeSIM does not know.
	pub fn message(&self) -> &'static str {
		self.known_message().unwrap_or("status code unknown to GeSIM")
	}

	/// What a client should do after `function` was refused with this code.
	///
	/// `downloadOrder` of an ICCID the client chose itself answered "already in use" means an
	/// earlier attempt reserved it: done. SM-DS trouble is transient. Anything else, known or
	/// not, is final: retrying an unknown refusal could reserve a second profile.
	pub fn disposition(&self, function: Es2Function) -> Disposition {
		if *self == Self::ICCID_ALREADY_IN_USE && function == Es2Function::DownloadOrder {
			Disposition::AlreadyDone
		} else if *self == Self::SMDS_UNAVAILABLE || *self == Self::SMDS_ERROR {
			Disposition::Retry
		} else {
			Disposition::Fail
		}
	}

	/// `statusCodeData` for this code, with its readable message.
	pub fn to_data(&self) -> StatusCodeData {
		StatusCodeData {
			subject_code: self.subject.clone().into_owned(),
			reason_code: self.reason.clone().into_owned(),
			subject_identifier: None,
			message: Some(self.message().to_owned()),
		}
	}
}

impl fmt::Display for StatusCode {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		write!(f, "{}/{} ({})", self.subject, self.reason, self.message())
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn every_known_code_is_listed_once_with_a_message() {
		for (i, (s, r, m)) in KNOWN.iter().enumerate() {
			assert!(!m.is_empty());
			assert!(
				KNOWN[i + 1..].iter().all(|(s2, r2, _)| (s, r) != (s2, r2)),
				"{s}/{r} listed twice"
			);
		}
		assert_eq!(
			StatusCode::new("8.2.5", "3.7").message(),
			"no profile of the requested type is available"
		);
		assert_eq!(StatusCode::new("9.9", "9.9").known_message(), None);
	}

	#[test]
	fn dispositions() {
		use Disposition::*;
		use Es2Function::*;
		let cases = [
			(StatusCode::PROFILE_TYPE_UNAVAILABLE, DownloadOrder, Fail),
			(StatusCode::ICCID_ALREADY_IN_USE, DownloadOrder, AlreadyDone),
			(StatusCode::ICCID_ALREADY_IN_USE, ConfirmOrder, Fail),
			(StatusCode::ORDER_EXPIRED, ConfirmOrder, Fail),
			(StatusCode::ORDER_EXPIRED_LEGACY, ReleaseProfile, Fail),
			(StatusCode::ICCID_UNKNOWN, DownloadOrder, Fail),
			(StatusCode::SMDS_UNAVAILABLE, ConfirmOrder, Retry),
			(StatusCode::new("9.9", "9.9"), DownloadOrder, Fail),
		];
		for (code, function, want) in cases {
			assert_eq!(code.disposition(function), want, "{code} on {function}");
		}
	}

	#[test]
	fn execution_status_dispositions() {
		let f = Es2Function::ConfirmOrder;
		assert_eq!(FunctionExecutionStatus::success().disposition(f), None);
		let warned = FunctionExecutionStatus {
			status: ExecutionStatus::ExecutedWithWarning,
			status_code_data: Some(StatusCode::SMDS_ERROR.to_data()),
		};
		assert_eq!(warned.disposition(f), None);
		let expired =
			FunctionExecutionStatus { status: ExecutionStatus::Expired, status_code_data: None };
		assert_eq!(expired.disposition(f), Some(Disposition::Retry));
		let bare =
			FunctionExecutionStatus { status: ExecutionStatus::Failed, status_code_data: None };
		assert_eq!(bare.disposition(f), Some(Disposition::Fail));
		assert_eq!(
			FunctionExecutionStatus::failed(&StatusCode::ICCID_ALREADY_IN_USE)
				.disposition(Es2Function::DownloadOrder),
			Some(Disposition::AlreadyDone)
		);
	}

	#[test]
	fn display_is_readable() {
		let failed = FunctionExecutionStatus::failed(&StatusCode::ORDER_EXPIRED);
		assert_eq!(
			failed.to_string(),
			"Failed 8.8.5/4.10: the download order has expired (time to live exceeded)"
		);
		let foreign = FunctionExecutionStatus {
			status: ExecutionStatus::Failed,
			status_code_data: Some(StatusCodeData {
				subject_code: "8.99".into(),
				reason_code: "1.1".into(),
				subject_identifier: Some("x".into()),
				message: Some("vendor says no".into()),
			}),
		};
		assert_eq!(foreign.to_string(), "Failed 8.99/1.1: vendor says no (subject x)");
	}
}
