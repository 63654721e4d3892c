//! Telecom identifiers as the chain stores them: PLMN identities (MCC/MNC) and geohash cells.
//!
//! Both decode only when valid, so a malformed value in an extrinsic is refused before any
//! pallet sees it, and everything in storage is well-formed.

use codec::{Decode, DecodeWithMemTracking, Encode, Error as CodecError, Input, MaxEncodedLen};
use core::fmt;
use scale_info::TypeInfo;
use sp_core::{bounded::BoundedVec, ConstU32};

/// A mobile network: MCC + MNC, as the 3GPP TS 24.008 PLMN identity (three BCD octets,
/// `MCC2 MCC1 | MNC3 MCC3 | MNC2 MNC1`, filler `F` for MNC3 when the MNC has two digits).
///
/// The same encoding is used by the usage records the zero-knowledge circuits commit to, and
/// MNC `01` and `001` stay different networks, as they are.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Encode, MaxEncodedLen, TypeInfo)]
pub struct Plmn([u8; 3]);

/// Why digits do not form a PLMN identity.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PlmnError {
	/// The MCC is not three decimal digits, or is `000`.
	Mcc,
	/// The MNC is not two or three decimal digits.
	Mnc,
}

impl Plmn {
	/// From the MCC and MNC digits as written, e.g. `Plmn::from_digits(b"208", b"01")`.
	pub fn from_digits(mcc: &[u8], mnc: &[u8]) -> Result<Self, PlmnError> {
		let digits = |s: &[u8]| s.iter().all(u8::is_ascii_digit);
		if mcc.len() != 3 || !digits(mcc) || mcc == b"000" {
			return Err(PlmnError::Mcc);
		}
		if !(mnc.len() == 2 || mnc.len() == 3) || !digits(mnc) {
			return Err(PlmnError::Mnc);
		}
		let d = |c: u8| c - b'0';
		let mnc3 = if mnc.len() == 3 { d(mnc[2]) } else { 0xF };
		Ok(Self([
			(d(mcc[1]) << 4) | d(mcc[0]),
			(mnc3 << 4) | d(mcc[2]),
			(d(mnc[1]) << 4) | d(mnc[0]),
		]))
	}

	/// From the three TS 24.008 octets, if they are a valid identity.
	pub fn from_octets(octets: [u8; 3]) -> Result<Self, PlmnError> {
		let nibble_ok = |n: u8| n <= 9;
		let [a, b, c] = octets;
		let (mcc1, mcc2, mcc3) = (a & 0xF, a >> 4, b & 0xF);
		let (mnc1, mnc2, mnc3) = (c & 0xF, c >> 4, b >> 4);
		if !(nibble_ok(mcc1) && nibble_ok(mcc2) && nibble_ok(mcc3)) || (mcc1 | mcc2 | mcc3) == 0 {
			return Err(PlmnError::Mcc);
		}
		if !(nibble_ok(mnc1) && nibble_ok(mnc2) && (nibble_ok(mnc3) || mnc3 == 0xF)) {
			return Err(PlmnError::Mnc);
		}
		Ok(Self(octets))
	}

	/// The three TS 24.008 octets.
	pub fn octets(&self) -> [u8; 3] {
		self.0
	}

	/// The octets as a big-endian integer, the value the usage-record encoding packs.
	pub fn to_bcd(&self) -> u32 {
		u32::from_be_bytes([0, self.0[0], self.0[1], self.0[2]])
	}

	/// Mobile country code.
	pub fn mcc(&self) -> u16 {
		let [a, b, _] = self.0;
		(a & 0xF) as u16 * 100 + (a >> 4) as u16 * 10 + (b & 0xF) as u16
	}

	/// Mobile network code, and whether it is written with three digits.
	pub fn mnc(&self) -> (u16, bool) {
		let [_, b, c] = self.0;
		let two = (c & 0xF) as u16 * 10 + (c >> 4) as u16;
		match b >> 4 {
			0xF => (two, false),
			mnc3 => (two * 10 + mnc3 as u16, true),
		}
	}
}

impl fmt::Debug for Plmn {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		fmt::Display::fmt(self, f)
	}
}

/// `MCC-MNC`, with the MNC's own width: `001-01`, `310-260`.
impl fmt::Display for Plmn {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		let (mnc, three) = self.mnc();
		if three {
			write!(f, "{:03}-{:03}", self.mcc(), mnc)
		} else {
			write!(f, "{:03}-{:02}", self.mcc(), mnc)
		}
	}
}

impl Decode for Plmn {
	fn decode<I: Input>(input: &mut I) -> Result<Self, CodecError> {
		Self::from_octets(<[u8; 3]>::decode(input)?).map_err(|_| "invalid PLMN identity".into())
	}
}

impl DecodeWithMemTracking for Plmn {}

/// Longest geohash the chain accepts: 12 characters, about 3.7 cm × 1.9 cm.
pub const MAX_GEOHASH_LEN: u32 = 12;

/// A coverage cell or region: a geohash (base32 `0-9b-hjkmnp-z`, 1 to 12 characters). A
/// shorter geohash is a larger cell containing every longer one it prefixes.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Encode, MaxEncodedLen, TypeInfo)]
pub struct Geohash(BoundedVec<u8, ConstU32<MAX_GEOHASH_LEN>>);

impl Geohash {
	const ALPHABET: &'static [u8; 32] = b"0123456789bcdefghjkmnpqrstuvwxyz";

	/// From its characters, if they are a geohash.
	pub fn new(chars: &[u8]) -> Option<Self> {
		if chars.is_empty() || !chars.iter().all(|c| Self::ALPHABET.contains(c)) {
			return None;
		}
		BoundedVec::try_from(chars.to_vec()).ok().map(Self)
	}

	/// The characters.
	pub fn as_bytes(&self) -> &[u8] {
		&self.0
	}

	/// Whether this cell contains `other` (it is a prefix of it, or equal).
	pub fn contains(&self, other: &Geohash) -> bool {
		other.0.starts_with(&self.0)
	}
}

impl fmt::Debug for Geohash {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		// Only alphabet characters get in, so this is always ASCII.
		f.write_str(core::str::from_utf8(&self.0).unwrap_or("<geohash>"))
	}
}

impl Decode for Geohash {
	fn decode<I: Input>(input: &mut I) -> Result<Self, CodecError> {
		let chars = BoundedVec::<u8, ConstU32<MAX_GEOHASH_LEN>>::decode(input)?;
		Self::new(&chars).ok_or_else(|| "invalid geohash".into())
	}
}

impl DecodeWithMemTracking for Geohash {}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn plmn_matches_ts_24008_octets() {
		// 208-01 (Orange France): 02 F8 10.
		let plmn = Plmn::from_digits(b"208", b"01").unwrap();
		assert_eq!(plmn.octets(), [0x02, 0xF8, 0x10]);
		assert_eq!(plmn.to_bcd(), 0x02F810);
		assert_eq!((plmn.mcc(), plmn.mnc()), (208, (1, false)));
		// 310-410 (AT&T): 13 00 14.
		let plmn = Plmn::from_digits(b"310", b"410").unwrap();
		assert_eq!(plmn.octets(), [0x13, 0x00, 0x14]);
		assert_eq!(plmn.mnc(), (410, true));
		assert_eq!(plmn.to_string(), "310-410");
		assert_eq!(Plmn::from_digits(b"001", b"01").unwrap().to_string(), "001-01");
	}

	#[test]
	fn plmn_keeps_two_and_three_digit_mncs_apart() {
		assert_ne!(Plmn::from_digits(b"001", b"01"), Plmn::from_digits(b"001", b"001"));
	}

	#[test]
	fn plmn_refuses_bad_digits() {
		assert_eq!(Plmn::from_digits(b"000", b"01"), Err(PlmnError::Mcc));
		assert_eq!(Plmn::from_digits(b"20", b"01"), Err(PlmnError::Mcc));
		assert_eq!(Plmn::from_digits(b"2a8", b"01"), Err(PlmnError::Mcc));
		assert_eq!(Plmn::from_digits(b"208", b"1"), Err(PlmnError::Mnc));
		assert_eq!(Plmn::from_digits(b"208", b"0001"), Err(PlmnError::Mnc));
	}

	#[test]
	fn plmn_decodes_only_valid_octets() {
		let plmn = Plmn::from_digits(b"262", b"01").unwrap();
		assert_eq!(Plmn::decode(&mut &plmn.encode()[..]), Ok(plmn));
		assert!(Plmn::decode(&mut &[0xAB, 0xF8, 0x10][..]).is_err());
		assert!(Plmn::decode(&mut &[0x00, 0xF0, 0x10][..]).is_err());
		assert!(Plmn::decode(&mut &[0x02, 0xF8, 0x1F][..]).is_err());
	}

	#[test]
	fn geohash_checks_alphabet_length_and_containment() {
		let region = Geohash::new(b"u09").unwrap();
		let cell = Geohash::new(b"u09tvw").unwrap();
		assert!(region.contains(&cell));
		assert!(!cell.contains(&region));
		assert!(Geohash::new(b"").is_none());
		assert!(Geohash::new(b"u09a").is_none(), "'a' is not in the geohash alphabet");
		assert!(Geohash::new(b"0123456789bcd").is_none(), "13 characters");
		let encoded = cell.encode();
		assert_eq!(Geohash::decode(&mut &encoded[..]).unwrap(), cell);
		assert!(Geohash::decode(&mut &(b"u0a".to_vec()).encode()[..]).is_err());
	}
}
