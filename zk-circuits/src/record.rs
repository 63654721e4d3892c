//! One metered session as an operator reports it, and its canonical field encoding.

use crate::error::RecordError;
use ark_bn254::Fr;
use core::fmt;

/// Largest `bytes_up` / `bytes_down` of one record: 2^40 − 1 (just under 1 TiB). The
/// circuit range-checks both with 40 bits, so a batch of 1024 records sums to < 2^51 and
/// can never wrap the field. Longer sessions are split into partial records, as 3GPP
/// charging does when a volume limit is reached.
pub const MAX_BYTES_PER_DIRECTION: u64 = (1 << BYTES_BITS) - 1;
/// Bits of each byte counter in the circuit's range check.
pub const BYTES_BITS: usize = 40;
/// Largest `binding_id`: 2^125 − 1, so that a record's `meta` stays below r.
pub const MAX_BINDING_ID: u128 = (1 << 125) - 1;

/// The serving network (PLMN): mobile country code and mobile network code, digits kept
/// as written because MNC `01` and `001` are different networks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Plmn {
	mcc: [u8; 3],
	mnc: [u8; 3],
	mnc_digits: u8,
}

impl Plmn {
	/// Parses MCC (3 digits, not `000`) and MNC (2 or 3 digits).
	pub fn parse(mcc: &str, mnc: &str) -> Result<Self, RecordError> {
		let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
		if mcc.len() != 3 || !digits(mcc) || mcc == "000" {
			return Err(RecordError::Mcc(mcc.to_string()));
		}
		if !(mnc.len() == 2 || mnc.len() == 3) || !digits(mnc) {
			return Err(RecordError::Mnc(mnc.to_string()));
		}
		let mut out = Plmn { mcc: [0; 3], mnc: [0; 3], mnc_digits: mnc.len() as u8 };
		for (d, b) in out.mcc.iter_mut().zip(mcc.bytes()) {
			*d = b - b'0';
		}
		for (d, b) in out.mnc.iter_mut().zip(mnc.bytes()) {
			*d = b - b'0';
		}
		Ok(out)
	}

	/// The 3GPP TS 24.008 PLMN identity (3 octets BCD, filler `F` for a 2-digit MNC) as a
	/// big-endian integer: `MCC2 MCC1 | MNC3 MCC3 | MNC2 MNC1` (nibbles, high first).
	pub fn to_bcd(&self) -> u32 {
		let [mcc1, mcc2, mcc3] = self.mcc;
		let [mnc1, mnc2, mnc3] = self.mnc;
		let mnc3 = if self.mnc_digits == 3 { mnc3 } else { 0xF };
		let octets = [(mcc2 << 4) | mcc1, (mnc3 << 4) | mcc3, (mnc2 << 4) | mnc1];
		u32::from_be_bytes([0, octets[0], octets[1], octets[2]])
	}

	/// MCC as written.
	pub fn mcc(&self) -> String {
		self.mcc.iter().map(|d| char::from(b'0' + d)).collect()
	}

	/// MNC as written (2 or 3 digits).
	pub fn mnc(&self) -> String {
		self.mnc[..self.mnc_digits as usize]
			.iter()
			.map(|d| char::from(b'0' + d))
			.collect()
	}
}

impl fmt::Display for Plmn {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		write!(f, "{}-{}", self.mcc(), self.mnc())
	}
}

/// One metered data session (a CDR line) in a usage batch.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct UsageRecord {
	/// The subject the session is charged to: an entitlement's id, or 2^64 + a roaming
	/// agreement's id; at most [`MAX_BINDING_ID`].
	pub binding_id: u128,
	/// Session start, Unix seconds (UTC); any u64.
	pub session_start: u64,
	/// Session duration in seconds; any u32.
	pub duration_secs: u32,
	/// Uplink bytes, 0..=[`MAX_BYTES_PER_DIRECTION`].
	pub bytes_up: u64,
	/// Downlink bytes, 0..=[`MAX_BYTES_PER_DIRECTION`].
	pub bytes_down: u64,
	/// Network that served the session.
	pub serving_network: Plmn,
}

impl UsageRecord {
	/// Checks the ranges the circuit enforces, so a bad record fails here with a message
	/// instead of as an unsatisfiable circuit.
	pub fn validate(&self) -> Result<(), RecordError> {
		if self.binding_id > MAX_BINDING_ID {
			return Err(RecordError::BindingIdOutOfRange(self.binding_id));
		}
		for (field, value) in [("bytes_up", self.bytes_up), ("bytes_down", self.bytes_down)] {
			if value > MAX_BYTES_PER_DIRECTION {
				return Err(RecordError::BytesOutOfRange { field, value });
			}
		}
		Ok(())
	}

	/// Bytes billed for this record.
	pub fn total_bytes(&self) -> u64 {
		self.bytes_up + self.bytes_down
	}

	/// The canonical encoding: two field elements `[meta, volume]`.
	///
	/// - `meta = binding_id·2^128 + session_start·2^64 + duration_secs·2^32 + plmn_bcd`
	///   (lanes of 125/64/32/32 bits: injective, < r).
	/// - `volume = bytes_up·2^64 + bytes_down`, each < 2^40 (range-checked in-circuit,
	///   which also makes this split unique).
	///
	/// A padding record is `[0, 0]`; no real record encodes to it (MCC `000` is refused),
	/// so padding is unambiguous and adds nothing to the total.
	pub fn to_field_elements(&self) -> [Fr; 2] {
		let meta_low = (self.session_start as u128) << 64
			| (self.duration_secs as u128) << 32
			| self.serving_network.to_bcd() as u128;
		let volume = (self.bytes_up as u128) << 64 | self.bytes_down as u128;
		[fr_from_u256(self.binding_id, meta_low), Fr::from(volume)]
	}
}

/// `high·2^128 + low` as a field element (callers keep it < r).
pub(crate) fn fr_from_u256(high: u128, low: u128) -> Fr {
	Fr::from(high) * Fr::from(1u128 << 64) * Fr::from(1u128 << 64) + Fr::from(low)
}

/// The encoding of a padding slot.
pub const PADDING: [Fr; 2] = [ark_ff::MontFp!("0"), ark_ff::MontFp!("0")];
