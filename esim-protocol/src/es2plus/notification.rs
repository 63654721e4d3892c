//! Fields of `handleDownloadProgressInfo` whose wire forms vary between SM-DP+s.

use base64::{
	alphabet,
	engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig},
	Engine,
};
use core::fmt;
use serde::{de, Deserialize, Deserializer, Serialize, Serializer};

/// Which step of a download a progress notification reports.
///
/// 1–4 are SGP.22's; above 4 they are vendor-specific (values some SM-DP+s send are named).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NotificationPointId(pub u32);

impl NotificationPointId {
	/// 1: eligibility and retry-limit check passed (device authenticated).
	pub const ELIGIBILITY_CHECK: Self = Self(1);
	/// 2: confirmation code refused.
	pub const CONFIRMATION_FAILURE: Self = Self(2);
	/// 3: the bound profile package was downloaded.
	pub const BPP_DOWNLOAD: Self = Self(3);
	/// 4: the profile was installed (or failed to); `resultData` holds the eUICC's result.
	pub const BPP_INSTALLATION: Self = Self(4);
	/// 5 (vendor-specific): the profile was deleted on the device.
	pub const DELETED: Self = Self(5);
	/// 101 (vendor-specific): the profile was enabled.
	pub const ENABLED: Self = Self(101);
	/// 102 (vendor-specific): the profile was disabled.
	pub const DISABLED: Self = Self(102);

	/// Whether SGP.22 leaves the meaning to the vendor.
	pub fn is_vendor_specific(self) -> bool {
		self.0 > 4
	}

	/// A name for logs.
	pub fn name(self) -> &'static str {
		match self.0 {
			1 => "eligibility check",
			2 => "confirmation failure",
			3 => "BPP download",
			4 => "BPP installation",
			5 => "deleted",
			101 => "enabled",
			102 => "disabled",
			_ => "vendor-specific",
		}
	}
}

impl fmt::Display for NotificationPointId {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		write!(f, "{} ({})", self.0, self.name())
	}
}

impl Serialize for NotificationPointId {
	fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
		s.serialize_u32(self.0)
	}
}

impl<'de> Deserialize<'de> for NotificationPointId {
	/// A JSON integer or a decimal string: SM-DP+s send both.
	fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
		struct Visitor;
		impl de::Visitor<'_> for Visitor {
			type Value = NotificationPointId;
			fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
				f.write_str("a notification point id as an integer or a decimal string")
			}
			fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
				u32::try_from(v)
					.map(NotificationPointId)
					.map_err(|_| E::invalid_value(de::Unexpected::Unsigned(v), &self))
			}
			fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
				u32::try_from(v)
					.map(NotificationPointId)
					.map_err(|_| E::invalid_value(de::Unexpected::Signed(v), &self))
			}
			fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
				let decimal =
					!v.is_empty() && v.len() <= 10 && v.bytes().all(|b| b.is_ascii_digit());
				decimal
					.then(|| v.parse().ok())
					.flatten()
					.map(NotificationPointId)
					.ok_or_else(|| E::invalid_value(de::Unexpected::Str(v), &self))
			}
		}
		d.deserialize_any(Visitor)
	}
}

/// Why a timestamp was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("timestamp `{0}` is not YYYY-MM-DDThh:mm:ssTZD (TZD = Z or ±hh:mm)")]
pub struct TimestampError(pub String);

/// A W3C date-time `YYYY-MM-DDThh:mm:ssTZD`, as ES2+ sends it. Fractions of a second are
/// accepted on receipt; the offset (`Z` or `±hh:mm`) is required.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Timestamp {
	text: String,
	unix_seconds: i64,
}

impl Timestamp {
	/// The UTC timestamp of a Unix time, e.g. `2025-03-01T10:20:30Z`.
	pub fn from_unix_seconds(unix_seconds: i64) -> Self {
		let days = unix_seconds.div_euclid(86_400);
		let secs = unix_seconds.rem_euclid(86_400);
		let (y, m, d) = civil_from_days(days);
		let text = format!(
			"{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
			secs / 3600,
			secs / 60 % 60,
			secs % 60
		);
		Self { text, unix_seconds }
	}

	/// Parses the W3C form.
	pub fn parse(s: &str) -> Result<Self, TimestampError> {
		let err = || TimestampError(s.to_owned());
		let b = s.as_bytes();
		let num = |range: core::ops::Range<usize>| -> Result<i64, TimestampError> {
			let part = b.get(range).ok_or_else(err)?;
			if part.iter().all(u8::is_ascii_digit) {
				Ok(part.iter().fold(0, |acc, d| acc * 10 + i64::from(d - b'0')))
			} else {
				Err(err())
			}
		};
		let sep = |at: usize, c: u8| if b.get(at) == Some(&c) { Ok(()) } else { Err(err()) };
		let (year, month, day) = (num(0..4)?, num(5..7)?, num(8..10)?);
		sep(4, b'-')?;
		sep(7, b'-')?;
		sep(10, b'T')?;
		let (hour, minute, second) = (num(11..13)?, num(14..16)?, num(17..19)?);
		sep(13, b':')?;
		sep(16, b':')?;
		let mut rest = &s[19..];
		if let Some(frac) = rest.strip_prefix('.') {
			let digits = frac.bytes().take_while(u8::is_ascii_digit).count();
			if digits == 0 {
				return Err(err());
			}
			rest = &frac[digits..];
		}
		let offset = match rest.as_bytes() {
			[b'Z'] => 0,
			[sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
				let digits = [*h1, *h2, *m1, *m2];
				if !digits.iter().all(u8::is_ascii_digit) {
					return Err(err());
				}
				let d = |i: usize| i64::from(digits[i] - b'0');
				let (oh, om) = (d(0) * 10 + d(1), d(2) * 10 + d(3));
				if oh > 23 || om > 59 {
					return Err(err());
				}
				let minutes = oh * 60 + om;
				if *sign == b'+' {
					minutes
				} else {
					-minutes
				}
			},
			_ => return Err(err()),
		};
		let month_days =
			[31, if is_leap(year) { 29 } else { 28 }, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
		let valid = (1..=12).contains(&month)
			&& day >= 1
			&& day <= month_days[(month - 1) as usize]
			&& hour <= 23
			&& minute <= 59
			&& second <= 60;
		if !valid {
			return Err(err());
		}
		let unix_seconds =
			days_from_civil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second
				- offset * 60;
		Ok(Self { text: s.to_owned(), unix_seconds })
	}

	/// The text as sent or received.
	pub fn as_str(&self) -> &str {
		&self.text
	}

	/// Seconds since the Unix epoch (offset applied, fraction dropped).
	pub fn unix_seconds(&self) -> i64 {
		self.unix_seconds
	}
}

fn is_leap(y: i64) -> bool {
	y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)
}

// Howard Hinnant's days_from_civil / civil_from_days (proleptic Gregorian calendar).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
	let y = if m <= 2 { y - 1 } else { y };
	let era = y.div_euclid(400);
	let yoe = y - era * 400;
	let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
	let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, i64, i64) {
	let z = z + 719_468;
	let era = z.div_euclid(146_097);
	let doe = z - era * 146_097;
	let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
	let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	let mp = (5 * doy + 2) / 153;
	let d = doy - (153 * mp + 2) / 5 + 1;
	let m = if mp < 10 { mp + 3 } else { mp - 9 };
	(yoe + era * 400 + i64::from(m <= 2), m, d)
}

impl fmt::Display for Timestamp {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		f.write_str(&self.text)
	}
}

impl Serialize for Timestamp {
	fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
		s.serialize_str(&self.text)
	}
}

impl<'de> Deserialize<'de> for Timestamp {
	fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
		let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
		Self::parse(&s).map_err(de::Error::custom)
	}
}

/// Standard base64; padding optional on receipt (peers differ).
const BASE64: GeneralPurpose = GeneralPurpose::new(
	&alphabet::STANDARD,
	GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// `resultData`: bytes sent as base64 (for point 4, the eUICC-signed
/// ProfileInstallationResult, DER).
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct ResultData(pub Vec<u8>);

impl ResultData {
	/// The decoded bytes.
	pub fn as_bytes(&self) -> &[u8] {
		&self.0
	}

	/// The base64 text as sent.
	pub fn to_base64(&self) -> String {
		BASE64.encode(&self.0)
	}
}

impl fmt::Debug for ResultData {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		write!(f, "ResultData({} bytes)", self.0.len())
	}
}

impl Serialize for ResultData {
	fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
		s.serialize_str(&self.to_base64())
	}
}

impl<'de> Deserialize<'de> for ResultData {
	fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
		let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
		BASE64.decode(s.as_bytes()).map(ResultData).map_err(de::Error::custom)
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn point_id_from_integer_or_decimal_string_only() {
		let read = |s: &str| serde_json::from_str::<NotificationPointId>(s);
		assert_eq!(read("3").unwrap(), NotificationPointId::BPP_DOWNLOAD);
		assert_eq!(read("\"4\"").unwrap(), NotificationPointId::BPP_INSTALLATION);
		assert_eq!(read("\"101\"").unwrap(), NotificationPointId::ENABLED);
		for bad in ["\"\"", "\"4a\"", "\"-1\"", "\" 4\"", "-1", "4.0", "\"99999999999\"", "null"] {
			assert!(read(bad).is_err(), "{bad}");
		}
		assert_eq!(serde_json::to_string(&NotificationPointId::DELETED).unwrap(), "5");
		assert!(NotificationPointId::DISABLED.is_vendor_specific());
		assert!(!NotificationPointId::BPP_INSTALLATION.is_vendor_specific());
	}

	#[test]
	fn timestamp_from_unix_seconds() {
		assert_eq!(Timestamp::from_unix_seconds(0).as_str(), "1970-01-01T00:00:00Z");
		assert_eq!(Timestamp::from_unix_seconds(951_782_400).as_str(), "2000-02-29T00:00:00Z");
		assert_eq!(Timestamp::from_unix_seconds(1_740_824_430).as_str(), "2025-03-01T10:20:30Z");
		for t in [0, 951_782_400, 1_740_824_430, 4_102_444_799] {
			let ts = Timestamp::from_unix_seconds(t);
			assert_eq!(Timestamp::parse(ts.as_str()).unwrap().unix_seconds(), t);
		}
	}

	#[test]
	fn timestamp_offsets_and_fractions() {
		let utc = Timestamp::parse("2025-03-01T10:20:30Z").unwrap();
		let plus = Timestamp::parse("2025-03-01T11:50:30+01:30").unwrap();
		let frac = Timestamp::parse("2025-03-01T05:20:30.123456-05:00").unwrap();
		assert_eq!(utc.unix_seconds(), plus.unix_seconds());
		assert_eq!(utc.unix_seconds(), frac.unix_seconds());
		assert_eq!(frac.as_str(), "2025-03-01T05:20:30.123456-05:00");
	}

	#[test]
	fn timestamp_rejects_malformed() {
		for bad in [
			"2025-03-01T10:20:30",
			"2025-03-01 10:20:30Z",
			"2025-03-01T10:20Z",
			"2025-02-29T10:20:30Z",
			"2025-13-01T10:20:30Z",
			"2025-03-01T24:00:00Z",
			"2025-03-01T10:20:30.Z",
			"2025-03-01T10:20:30+0100",
			"2025-03-01T10:20:30+24:00",
			"2025-03-01T10:20:30ZZ",
			"25-03-01T10:20:30Z",
		] {
			assert!(Timestamp::parse(bad).is_err(), "{bad}");
		}
	}

	#[test]
	fn result_data_base64_with_or_without_padding() {
		let a: ResultData = serde_json::from_str("\"vzcC\"").unwrap();
		let b: ResultData = serde_json::from_str("\"vzc=\"").unwrap();
		let c: ResultData = serde_json::from_str("\"vzc\"").unwrap();
		assert_eq!(a.as_bytes(), &[0xBF, 0x37, 0x02]);
		assert_eq!(b, c);
		assert_eq!(serde_json::to_string(&b).unwrap(), "\"vzc=\"");
		assert!(serde_json::from_str::<ResultData>("\"v!c=\"").is_err());
	}
}
