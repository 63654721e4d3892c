//! Identifiers that cross the ES2+ interface, validated once where they enter.

use core::{fmt, str::FromStr};
use serde::{de, Deserialize, Deserializer, Serialize, Serializer};

/// Why an identifier was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IdError {
	/// Not 18 to 20 decimal digits (after stripping `F` padding).
	#[error("ICCID `{0}` is not 18 to 20 decimal digits")]
	MalformedIccid(String),
	/// Not exactly 32 decimal digits.
	#[error("EID `{0}` is not exactly 32 decimal digits")]
	MalformedEid(String),
	/// Empty, too long, or a character outside `[0-9A-Za-z-]`.
	#[error("matching id `{0}` is not 1 to {max} characters of [0-9A-Za-z-]", max = MatchingId::MAX_LEN)]
	MalformedMatchingId(String),
}

/// Integrated Circuit Card Identifier of a profile: 18 to 20 decimal digits.
///
/// Held without padding. On the wire a 19-digit ICCID is sent padded with a trailing `F`
/// (SGP.22 before v2.2 required 20 characters); padding is stripped on receipt.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Iccid(String);

impl Iccid {
	/// Fewest digits accepted.
	pub const MIN_DIGITS: usize = 18;
	/// Most digits accepted (the 10 BCD bytes of EF.ICCID).
	pub const MAX_DIGITS: usize = 20;

	/// Parses the wire or the plain form (`F`/`f` padding accepted up to 20 characters).
	pub fn parse(s: &str) -> Result<Self, IdError> {
		let digits = s.trim_end_matches(['F', 'f']);
		let ok = s.len() <= Self::MAX_DIGITS
			&& (Self::MIN_DIGITS..=Self::MAX_DIGITS).contains(&digits.len())
			&& digits.bytes().all(|b| b.is_ascii_digit());
		if ok {
			Ok(Self(digits.to_owned()))
		} else {
			Err(IdError::MalformedIccid(s.to_owned()))
		}
	}

	/// The digits, without padding.
	pub fn digits(&self) -> &str {
		&self.0
	}

	/// The form sent in ES2+ JSON: a 19-digit ICCID gets a trailing `F`.
	pub fn to_wire(&self) -> String {
		if self.0.len() == 19 {
			format!("{}F", self.0)
		} else {
			self.0.clone()
		}
	}

	/// The ASN.1 `Iccid` / EF.ICCID form: 10 bytes of nibble-swapped BCD, `F`-padded.
	pub fn to_bcd(&self) -> [u8; 10] {
		let mut nibbles = [0xFu8; 20];
		for (n, b) in nibbles.iter_mut().zip(self.0.bytes()) {
			*n = b - b'0';
		}
		let mut out = [0u8; 10];
		for (i, o) in out.iter_mut().enumerate() {
			*o = (nibbles[2 * i + 1] << 4) | nibbles[2 * i];
		}
		out
	}

	/// Reads the 10-byte BCD form back.
	pub fn from_bcd(bcd: &[u8]) -> Result<Self, IdError> {
		let s: String = bcd
			.iter()
			.flat_map(|b| [b & 0x0F, b >> 4])
			.map(|n| char::from_digit(n.into(), 16).unwrap_or('?').to_ascii_uppercase())
			.collect();
		if bcd.len() != 10 {
			return Err(IdError::MalformedIccid(s));
		}
		Self::parse(&s)
	}
}

impl fmt::Display for Iccid {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		f.write_str(&self.0)
	}
}

impl fmt::Debug for Iccid {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		write!(f, "Iccid({})", self.0)
	}
}

impl FromStr for Iccid {
	type Err = IdError;
	fn from_str(s: &str) -> Result<Self, IdError> {
		Self::parse(s)
	}
}

impl Serialize for Iccid {
	fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
		s.serialize_str(&self.to_wire())
	}
}

impl<'de> Deserialize<'de> for Iccid {
	fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
		let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
		Self::parse(&s).map_err(de::Error::custom)
	}
}

/// eUICC identifier: exactly 32 decimal digits.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Eid(String);

impl Eid {
	/// Digits in an EID.
	pub const DIGITS: usize = 32;

	/// Parses an EID.
	pub fn parse(s: &str) -> Result<Self, IdError> {
		if s.len() == Self::DIGITS && s.bytes().all(|b| b.is_ascii_digit()) {
			Ok(Self(s.to_owned()))
		} else {
			Err(IdError::MalformedEid(s.to_owned()))
		}
	}

	/// The 32 digits.
	pub fn as_str(&self) -> &str {
		&self.0
	}
}

/// A matching id (AC_Token): what ties a device's download to one order at the SM-DP+.
///
/// Non-empty here: the empty matching id of SM-DS and default-SM-DP+ flows is not used by
/// GeSIM, which always hands out an activation code.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct MatchingId(String);

impl MatchingId {
	/// Longest accepted: an activation code, which carries it, is at most 255 characters.
	pub const MAX_LEN: usize = 255;

	/// Parses a matching id.
	pub fn parse(s: &str) -> Result<Self, IdError> {
		if !s.is_empty() && s.len() <= Self::MAX_LEN && is_matching_id_charset(s) {
			Ok(Self(s.to_owned()))
		} else {
			Err(IdError::MalformedMatchingId(s.to_owned()))
		}
	}

	/// The matching id.
	pub fn as_str(&self) -> &str {
		&self.0
	}
}

/// `[0-9A-Za-z-]*`: the characters of a matching id (SGP.22 §4.1).
pub(crate) fn is_matching_id_charset(s: &str) -> bool {
	s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

macro_rules! string_id_impls {
	($ty:ident) => {
		impl fmt::Display for $ty {
			fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
				f.write_str(&self.0)
			}
		}

		impl fmt::Debug for $ty {
			fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
				write!(f, concat!(stringify!($ty), "({})"), self.0)
			}
		}

		impl FromStr for $ty {
			type Err = IdError;
			fn from_str(s: &str) -> Result<Self, IdError> {
				Self::parse(s)
			}
		}

		impl Serialize for $ty {
			fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
				s.serialize_str(&self.0)
			}
		}

		impl<'de> Deserialize<'de> for $ty {
			fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
				let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
				Self::parse(&s).map_err(de::Error::custom)
			}
		}
	};
}

string_id_impls!(Eid);
string_id_impls!(MatchingId);

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn iccid_of_19_digits_is_padded_on_the_wire_and_stripped_on_receipt() {
		let iccid = Iccid::parse("8944500102198304826").unwrap();
		assert_eq!(iccid.to_wire(), "8944500102198304826F");
		assert_eq!(serde_json::to_string(&iccid).unwrap(), "\"8944500102198304826F\"");
		let back: Iccid = serde_json::from_str("\"8944500102198304826F\"").unwrap();
		assert_eq!(back, iccid);
		assert_eq!(back.digits(), "8944500102198304826");
		let lower: Iccid = serde_json::from_str("\"8944500102198304826f\"").unwrap();
		assert_eq!(lower, iccid);
	}

	#[test]
	fn iccid_of_18_and_20_digits_travels_unpadded() {
		for s in ["894450010219830482", "89445001021983048261"] {
			let iccid = Iccid::parse(s).unwrap();
			assert_eq!(iccid.to_wire(), s);
		}
	}

	#[test]
	fn iccid_rejects_bad_lengths_letters_and_overlong_padding() {
		for s in [
			"",
			"89445001021983048",
			"894450010219830482611",
			"8944500102198304826A",
			"894450010219830482FFF",
			"F8944500102198304826",
			"8944500102198304826FF1",
		] {
			assert_eq!(Iccid::parse(s), Err(IdError::MalformedIccid(s.into())), "{s}");
		}
	}

	#[test]
	fn iccid_bcd_is_nibble_swapped_and_f_padded() {
		let iccid = Iccid::parse("8944500102198304826").unwrap();
		assert_eq!(iccid.to_bcd(), [0x98, 0x44, 0x05, 0x10, 0x20, 0x91, 0x38, 0x40, 0x28, 0xF6]);
		assert_eq!(Iccid::from_bcd(&iccid.to_bcd()).unwrap(), iccid);
		assert!(Iccid::from_bcd(&[0x98; 9]).is_err());
	}

	#[test]
	fn eid_is_exactly_32_digits() {
		let eid = "89049032123451234512345678901235";
		assert_eq!(Eid::parse(eid).unwrap().as_str(), eid);
		assert!(Eid::parse(&eid[1..]).is_err());
		assert!(Eid::parse(&format!("{eid}0")).is_err());
		assert!(Eid::parse("8904903212345123451234567890123A").is_err());
		assert!(serde_json::from_str::<Eid>("\"123\"").is_err());
	}

	#[test]
	fn matching_id_charset_and_bounds() {
		assert!(MatchingId::parse("QR-G-5C-1LS-1W1Z9P7").is_ok());
		for s in ["", "a_b", "a b", "a$b", "é"] {
			assert_eq!(MatchingId::parse(s), Err(IdError::MalformedMatchingId(s.into())));
		}
		assert!(MatchingId::parse(&"A".repeat(MatchingId::MAX_LEN)).is_ok());
		assert!(MatchingId::parse(&"A".repeat(MatchingId::MAX_LEN + 1)).is_err());
	}
}
