//! The activation code a device scans (GSMA SGP.22 §4.1):
//! `[LPA:]1$<SM-DP+ address>$<matchingId>[$<SM-DP+ OID>[$<1 if a confirmation code is required>]]`.
//!
//! Fields never contain `$`; empty fields are legal; a confirmation-code flag without an OID
//! keeps the empty OID field (`1$host$TOKEN$$1`, the form an lpac release once mis-parsed);
//! fields after the fifth are ignored (room for later versions).

use crate::ids::is_matching_id_charset;
use core::{fmt, str::FromStr};
use serde::{de, Deserialize, Deserializer, Serialize, Serializer};

/// Why an activation code was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ActivationCodeError {
	/// Over 255 characters (not counting the `LPA:` scheme).
	#[error(
		"activation code is {len} characters long; at most {} are allowed",
		ActivationCode::MAX_LEN
	)]
	TooLong {
		/// Characters after the scheme.
		len: usize,
	},
	/// The format field is not `1`, the only version defined.
	#[error("activation code format `{0}` is not supported (only `1`)")]
	UnsupportedFormat(String),
	/// No SM-DP+ address field, or an empty one.
	#[error("activation code has no SM-DP+ address")]
	MissingSmdpAddress,
	/// The SM-DP+ address is not `host` or `host:port`.
	#[error("SM-DP+ address `{0}` is not a host name or host:port")]
	InvalidSmdpAddress(String),
	/// No matching id field (it may be empty, but its `$` must be there).
	#[error("activation code has no matching id field")]
	MissingMatchingId,
	/// A matching id character outside `[0-9A-Za-z-]`.
	#[error("matching id `{0}` has characters outside [0-9A-Za-z-]")]
	InvalidMatchingId(String),
	/// The SM-DP+ OID is not dotted decimal.
	#[error("SM-DP+ OID `{0}` is not a dotted-decimal object identifier")]
	InvalidSmdpOid(String),
	/// The confirmation-code flag is neither empty nor `1`.
	#[error("confirmation code flag `{0}` is neither empty nor `1`")]
	InvalidConfirmationCodeFlag(String),
}

/// A parsed activation code.
///
/// Build one with [`ActivationCode::new`] or [`str::parse`] to have it checked; `Display`
/// writes the canonical `LPA:1$…` form, which parses back to the same value.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ActivationCode {
	/// Where the device downloads from: `host` or `host:port`.
	pub smdp_address: String,
	/// AC_Token: ties the download to one order at the SM-DP+ (may be empty).
	pub matching_id: String,
	/// OID of the SM-DP+ certificate, when the code pins it.
	pub smdp_oid: Option<String>,
	/// Whether the user must type a confirmation code.
	pub confirmation_code_required: bool,
}

impl ActivationCode {
	/// Longest activation code, scheme excluded.
	pub const MAX_LEN: usize = 255;
	/// The URI scheme a QR code puts in front.
	pub const SCHEME: &'static str = "LPA:";

	/// A checked activation code.
	pub fn new(
		smdp_address: impl Into<String>,
		matching_id: impl Into<String>,
		smdp_oid: Option<String>,
		confirmation_code_required: bool,
	) -> Result<Self, ActivationCodeError> {
		let code = Self {
			smdp_address: smdp_address.into(),
			matching_id: matching_id.into(),
			smdp_oid,
			confirmation_code_required,
		};
		code.validate()?;
		Ok(code)
	}

	/// Checks every field and the total length.
	pub fn validate(&self) -> Result<(), ActivationCodeError> {
		if self.smdp_address.is_empty() {
			return Err(ActivationCodeError::MissingSmdpAddress);
		}
		if !is_smdp_address(&self.smdp_address) {
			return Err(ActivationCodeError::InvalidSmdpAddress(self.smdp_address.clone()));
		}
		if !is_matching_id_charset(&self.matching_id) {
			return Err(ActivationCodeError::InvalidMatchingId(self.matching_id.clone()));
		}
		if let Some(oid) = &self.smdp_oid {
			if !is_oid(oid) {
				return Err(ActivationCodeError::InvalidSmdpOid(oid.clone()));
			}
		}
		let len = self.body().len();
		if len > Self::MAX_LEN {
			return Err(ActivationCodeError::TooLong { len });
		}
		Ok(())
	}

	/// Parses a code, with or without the `LPA:` scheme.
	pub fn parse(s: &str) -> Result<Self, ActivationCodeError> {
		let body = s.strip_prefix(Self::SCHEME).unwrap_or(s);
		if body.len() > Self::MAX_LEN {
			return Err(ActivationCodeError::TooLong { len: body.len() });
		}
		let mut fields = body.split('$');
		let format = fields.next().unwrap_or_default();
		if format != "1" {
			return Err(ActivationCodeError::UnsupportedFormat(format.to_owned()));
		}
		let smdp_address = match fields.next() {
			None | Some("") => return Err(ActivationCodeError::MissingSmdpAddress),
			Some(address) => address,
		};
		let matching_id = fields.next().ok_or(ActivationCodeError::MissingMatchingId)?;
		let smdp_oid = fields.next().filter(|oid| !oid.is_empty()).map(str::to_owned);
		let confirmation_code_required = match fields.next() {
			None | Some("") => false,
			Some("1") => true,
			Some(other) => {
				return Err(ActivationCodeError::InvalidConfirmationCodeFlag(other.to_owned()))
			},
		};
		Self::new(smdp_address, matching_id, smdp_oid, confirmation_code_required)
	}

	/// The code without the scheme: `1$<address>$<matchingId>[$<OID>[$1]]`.
	pub fn body(&self) -> String {
		let mut out = format!("1${}${}", self.smdp_address, self.matching_id);
		if self.smdp_oid.is_some() || self.confirmation_code_required {
			out.push('$');
			out.push_str(self.smdp_oid.as_deref().unwrap_or_default());
		}
		if self.confirmation_code_required {
			out.push_str("$1");
		}
		out
	}
}

/// `host` or `host:port`; host = DNS labels of `[A-Za-z0-9-]` (which includes IPv4).
fn is_smdp_address(address: &str) -> bool {
	let (host, port) = match address.rsplit_once(':') {
		Some((host, port)) => (host, Some(port)),
		None => (address, None),
	};
	let port_ok = port.is_none_or(|p| {
		!p.is_empty()
			&& p.len() <= 5
			&& p.bytes().all(|b| b.is_ascii_digit())
			&& p.parse::<u16>().is_ok_and(|p| p > 0)
	});
	let label_ok = |l: &str| {
		!l.is_empty()
			&& l.len() <= 63
			&& !l.starts_with('-')
			&& !l.ends_with('-')
			&& l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
	};
	port_ok && !host.is_empty() && host.len() <= 253 && host.split('.').all(label_ok)
}

/// Dotted decimal with at least two arcs.
fn is_oid(oid: &str) -> bool {
	let arcs: Vec<&str> = oid.split('.').collect();
	arcs.len() >= 2 && arcs.iter().all(|a| !a.is_empty() && a.bytes().all(|b| b.is_ascii_digit()))
}

impl fmt::Display for ActivationCode {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		write!(f, "{}{}", Self::SCHEME, self.body())
	}
}

impl FromStr for ActivationCode {
	type Err = ActivationCodeError;
	fn from_str(s: &str) -> Result<Self, ActivationCodeError> {
		Self::parse(s)
	}
}

impl Serialize for ActivationCode {
	fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
		s.collect_str(self)
	}
}

impl<'de> Deserialize<'de> for ActivationCode {
	fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
		let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
		Self::parse(&s).map_err(de::Error::custom)
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use ActivationCodeError::*;

	fn ac(address: &str, mid: &str, oid: Option<&str>, cc: bool) -> ActivationCode {
		ActivationCode::new(address, mid, oid.map(str::to_owned), cc).unwrap()
	}

	#[test]
	fn parses_every_documented_shape() {
		let cases = [
			(
				"LPA:1$smdp.example.com$QR-G-5C-1LS",
				ac("smdp.example.com", "QR-G-5C-1LS", None, false),
			),
			("1$smdp.example.com$QR-G-5C-1LS", ac("smdp.example.com", "QR-G-5C-1LS", None, false)),
			("LPA:1$localhost:8444$ABC", ac("localhost:8444", "ABC", None, false)),
			("LPA:1$127.0.0.1:8444$ABC", ac("127.0.0.1:8444", "ABC", None, false)),
			("LPA:1$smdp.example.com$", ac("smdp.example.com", "", None, false)),
			(
				"LPA:1$smdp.example.com$ABC$1.3.6.1.4.1.31746",
				ac("smdp.example.com", "ABC", Some("1.3.6.1.4.1.31746"), false),
			),
			(
				"LPA:1$smdp.example.com$ABC$1.3.6.1.4.1.31746$1",
				ac("smdp.example.com", "ABC", Some("1.3.6.1.4.1.31746"), true),
			),
			("LPA:1$smdp.example.com$ABC$$1", ac("smdp.example.com", "ABC", None, true)),
			("LPA:1$smdp.example.com$ABC$$", ac("smdp.example.com", "ABC", None, false)),
			(
				"LPA:1$smdp.example.com$ABC$$1$future$fields",
				ac("smdp.example.com", "ABC", None, true),
			),
		];
		for (text, want) in cases {
			assert_eq!(ActivationCode::parse(text).as_ref(), Ok(&want), "{text}");
		}
	}

	#[test]
	fn display_is_canonical_and_round_trips() {
		let cases = [
			("1$smdp.example.com$ABC", "LPA:1$smdp.example.com$ABC"),
			("LPA:1$smdp.example.com$ABC$$", "LPA:1$smdp.example.com$ABC"),
			("LPA:1$smdp.example.com$ABC$$1", "LPA:1$smdp.example.com$ABC$$1"),
			("LPA:1$h$ABC$1.2$1$x", "LPA:1$h$ABC$1.2$1"),
			("LPA:1$h$ABC$1.2$", "LPA:1$h$ABC$1.2"),
		];
		for (text, canonical) in cases {
			let code = ActivationCode::parse(text).unwrap();
			assert_eq!(code.to_string(), canonical);
			assert_eq!(ActivationCode::parse(canonical).unwrap(), code);
		}
	}

	#[test]
	fn serde_as_the_canonical_string() {
		let code = ac("localhost:8444", "ABC", None, true);
		let json = serde_json::to_string(&code).unwrap();
		assert_eq!(json, "\"LPA:1$localhost:8444$ABC$$1\"");
		assert_eq!(serde_json::from_str::<ActivationCode>(&json).unwrap(), code);
	}

	#[test]
	fn rejects_an_overlong_code() {
		let mid = "A".repeat(ActivationCode::MAX_LEN - "1$h$".len());
		assert!(ActivationCode::parse(&format!("LPA:1$h${mid}")).is_ok());
		assert_eq!(
			ActivationCode::parse(&format!("LPA:1$h${mid}A")),
			Err(TooLong { len: ActivationCode::MAX_LEN + 1 })
		);
		assert_eq!(
			ActivationCode::new("h", format!("{mid}A"), None, false),
			Err(TooLong { len: ActivationCode::MAX_LEN + 1 })
		);
	}

	#[test]
	fn rejects_each_malformed_field() {
		let cases = [
			("", UnsupportedFormat("".into())),
			("LPA:", UnsupportedFormat("".into())),
			("LPA:2$h$ABC", UnsupportedFormat("2".into())),
			("lpa:1$h$ABC", UnsupportedFormat("lpa:1".into())),
			("LPA:1", MissingSmdpAddress),
			("LPA:1$$ABC", MissingSmdpAddress),
			("LPA:1$h", MissingMatchingId),
			("LPA:1$h:$ABC", InvalidSmdpAddress("h:".into())),
			("LPA:1$h:0$ABC", InvalidSmdpAddress("h:0".into())),
			("LPA:1$h:65536$ABC", InvalidSmdpAddress("h:65536".into())),
			("LPA:1$:443$ABC", InvalidSmdpAddress(":443".into())),
			("LPA:1$h..example$ABC", InvalidSmdpAddress("h..example".into())),
			("LPA:1$-h.example$ABC", InvalidSmdpAddress("-h.example".into())),
			("LPA:1$https://h$ABC", InvalidSmdpAddress("https://h".into())),
			("LPA:1$h/path$ABC", InvalidSmdpAddress("h/path".into())),
			("LPA:1$h$AB_C", InvalidMatchingId("AB_C".into())),
			("LPA:1$h$AB C", InvalidMatchingId("AB C".into())),
			("LPA:1$h$ABC$1.x", InvalidSmdpOid("1.x".into())),
			("LPA:1$h$ABC$1", InvalidSmdpOid("1".into())),
			("LPA:1$h$ABC$1..2", InvalidSmdpOid("1..2".into())),
			("LPA:1$h$ABC$$0", InvalidConfirmationCodeFlag("0".into())),
			("LPA:1$h$ABC$$yes", InvalidConfirmationCodeFlag("yes".into())),
		];
		for (text, want) in cases {
			assert_eq!(ActivationCode::parse(text), Err(want), "{text}");
		}
	}

	#[test]
	fn new_rejects_what_parse_would() {
		assert_eq!(ActivationCode::new("", "A", None, false), Err(MissingSmdpAddress));
		assert_eq!(
			ActivationCode::new("h$x", "A", None, false),
			Err(InvalidSmdpAddress("h$x".into()))
		);
		assert_eq!(
			ActivationCode::new("h", "A$B", None, false),
			Err(InvalidMatchingId("A$B".into()))
		);
		assert_eq!(
			ActivationCode::new("h", "A", Some(String::new()), false),
			Err(InvalidSmdpOid(String::new()))
		);
	}

	mod round_trip {
		use super::super::ActivationCode;
		use proptest::prelude::*;

		fn address() -> impl Strategy<Value = String> {
			(
				proptest::collection::vec("[a-z0-9]([a-z0-9-]{0,10}[a-z0-9])?", 1..4),
				proptest::option::of(1u16..),
			)
				.prop_map(|(labels, port)| {
					let host = labels.join(".");
					port.map_or(host.clone(), |p| format!("{host}:{p}"))
				})
		}

		proptest! {
			#[test]
			fn display_then_parse_is_identity(
				address in address(),
				matching_id in "[0-9A-Za-z-]{0,64}",
				oid in proptest::option::of("[0-9]{1,3}(\\.[0-9]{1,6}){1,8}"),
				cc in any::<bool>(),
			) {
				let code = ActivationCode::new(address, matching_id, oid, cc).unwrap();
				let text = code.to_string();
				prop_assert_eq!(ActivationCode::parse(&text).unwrap(), code.clone());
				prop_assert_eq!(ActivationCode::parse(text.strip_prefix("LPA:").unwrap()).unwrap(), code);
			}
		}
	}
}
