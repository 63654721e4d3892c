//! The ProfileInstallationResult (SGP.22 §5.5.x, ASN.1 `[55]`, tag `BF37`): the eUICC-signed
//! receipt of an installation that the SM-DP+ forwards to the operator as `resultData` of
//! notification point 4.
//!
//! ```text
//! ProfileInstallationResult ::= [55] SEQUENCE {                       -- BF37
//!   profileInstallationResultData [39] SEQUENCE {                     -- BF27 (signed)
//!     transactionId [0] OCTET STRING,                                 -- 80
//!     notificationMetadata [47] SEQUENCE {                            -- BF2F
//!       seqNumber [0] INTEGER,                                        -- 80
//!       profileManagementOperation [1] BIT STRING,                    -- 81
//!       notificationAddress UTF8String,                               -- 0C
//!       iccid [APPLICATION 26] OCTET STRING (SIZE(10)) OPTIONAL },    -- 5A
//!     smdpOid OBJECT IDENTIFIER,  (mandatory since v2.1)              -- 06
//!     finalResult [2] CHOICE {                                        -- A2
//!       successResult [0] SEQUENCE {                                  -- A0 {
//!         aid [APPLICATION 15] OCTET STRING,                          --   4F
//!         simaResponse OCTET STRING },                                --   04 }
//!       errorResult [1] SEQUENCE {                                    -- A1 {
//!         bppCommandId [0] INTEGER,                                   --   80
//!         errorReason [1] INTEGER, … } } },                           --   81 }
//!   euiccSignPIR [APPLICATION 55] OCTET STRING }                      -- 5F37
//! ```
//!
//! The `[0]`/`[1]` of the results come from the module's AUTOMATIC TAGS; the encoding is
//! checked against asn1play's compiled SGP.22 v2.5 module (see the tests).
//!
//! Later life-cycle events (enable, disable, delete) come as an OtherSignedNotification:
//! `SEQUENCE { tbsOtherNotification NotificationMetadata (BF2F), euiccNotificationSignature
//! [APPLICATION 55] (5F37), euiccCertificate, eumCertificate }`; this module reads and writes it
//! without the two certificates.
//!
//! The signature covers the whole `BF27` (or `BF2F`) element. A real eUICC signs with ECDSA P-256
//! under its certificate; this module carries whatever 64 signature bytes it is given and leaves
//! the verification to the caller. Unknown optional elements are skipped, as DER extensions are.

use crate::Iccid;

/// Why bytes are not a ProfileInstallationResult.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InstallResultError {
	/// The bytes end inside an element.
	#[error("ProfileInstallationResult is truncated")]
	Truncated,
	/// An element is not the one expected at this place.
	#[error("ProfileInstallationResult: expected tag {expected:X}, found {found:X}")]
	UnexpectedTag {
		/// Tag wanted.
		expected: u32,
		/// Tag found.
		found: u32,
	},
	/// A mandatory element is missing.
	#[error("ProfileInstallationResult: {0} is missing")]
	Missing(&'static str),
	/// An element's content is not valid for its type.
	#[error("ProfileInstallationResult: {0} is malformed")]
	Malformed(&'static str),
	/// Bytes follow the outer element.
	#[error("ProfileInstallationResult is followed by {0} stray bytes")]
	TrailingBytes(usize),
}

/// What happened to the profile (`NotificationEvent` bit).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum NotificationEvent {
	/// Bit 0: installed.
	Install,
	/// Bit 1: enabled.
	Enable,
	/// Bit 2: disabled.
	Disable,
	/// Bit 3: deleted.
	Delete,
}

impl NotificationEvent {
	fn bit(self) -> u8 {
		match self {
			Self::Install => 0,
			Self::Enable => 1,
			Self::Disable => 2,
			Self::Delete => 3,
		}
	}
}

/// `NotificationMetadata`: which notification of which eUICC this is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NotificationMetadata {
	/// The eUICC's notification sequence number.
	pub seq_number: u32,
	/// What happened.
	pub operation: NotificationEvent,
	/// Where the eUICC sends the notification (the SM-DP+ address).
	pub notification_address: String,
	/// The profile.
	pub iccid: Option<Iccid>,
}

impl NotificationMetadata {
	/// DER of the `BF2F` element (what an OtherSignedNotification's signature covers).
	pub fn to_der(&self) -> Vec<u8> {
		let mut body = tlv(0x80, &der_uint(self.seq_number));
		// Named bit list: DER drops trailing zero bits, so the last used bit is the set one.
		let bit = self.operation.bit();
		body.extend(tlv(0x81, &[7 - bit, 0x80 >> bit]));
		body.extend(tlv(0x0C, self.notification_address.as_bytes()));
		if let Some(iccid) = &self.iccid {
			body.extend(tlv(0x5A, &iccid.to_bcd()));
		}
		tlv(0xBF2F, &body)
	}

	fn from_der_body(metadata: &[u8]) -> Result<Self, InstallResultError> {
		let mut m = Reader(metadata);
		let (seq, _) = m.expect(0x80)?;
		let (bits, _) = m.expect(0x81)?;
		let (address, _) = m.expect(0x0C)?;
		let mut iccid = None;
		while let Some((tag, value, _)) = m.next()? {
			if tag == 0x5A {
				iccid = Some(
					Iccid::from_bcd(value).map_err(|_| InstallResultError::Malformed("iccid"))?,
				);
			}
		}
		Ok(Self {
			seq_number: read_uint(seq).ok_or(InstallResultError::Malformed("seqNumber"))?,
			operation: read_event(bits)
				.ok_or(InstallResultError::Malformed("profileManagementOperation"))?,
			notification_address: String::from_utf8(address.to_vec())
				.map_err(|_| InstallResultError::Malformed("notificationAddress"))?,
			iccid,
		})
	}
}

/// Outcome of the installation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FinalResult {
	/// Installed.
	Success {
		/// AID of the ISD-P holding the profile.
		aid: Vec<u8>,
		/// The profile-element responses (SIMalliance `EUICCResponse`, DER).
		sima_response: Vec<u8>,
	},
	/// Not installed.
	Error {
		/// Which BPP command failed.
		bpp_command_id: u32,
		/// Why (`ErrorReason` of SGP.22).
		error_reason: u32,
	},
}

/// `profileInstallationResultData`: the part the eUICC signs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProfileInstallationResultData {
	/// The SM-DP+'s transaction id of the download session.
	pub transaction_id: Vec<u8>,
	/// Notification metadata.
	pub notification: NotificationMetadata,
	/// OID of the SM-DP+ (from its certificate), dotted decimal. SGP.22 v2.1 on requires it;
	/// optional here to read results of older eUICCs.
	pub smdp_oid: Option<String>,
	/// Outcome.
	pub final_result: FinalResult,
}

impl ProfileInstallationResultData {
	/// DER of the `BF27` element: the bytes the eUICC signs. Fails only on a malformed OID.
	pub fn to_der(&self) -> Result<Vec<u8>, InstallResultError> {
		let result = match &self.final_result {
			FinalResult::Success { aid, sima_response } => {
				tlv(0xA0, &[tlv(0x4F, aid), tlv(0x04, sima_response)].concat())
			},
			FinalResult::Error { bpp_command_id, error_reason } => tlv(
				0xA1,
				&[tlv(0x80, &der_uint(*bpp_command_id)), tlv(0x81, &der_uint(*error_reason))]
					.concat(),
			),
		};
		let mut body = tlv(0x80, &self.transaction_id);
		body.extend(self.notification.to_der());
		if let Some(oid) = &self.smdp_oid {
			body.extend(tlv(0x06, &encode_oid(oid)?));
		}
		body.extend(tlv(0xA2, &result));
		Ok(tlv(0xBF27, &body))
	}
}

/// A decoded ProfileInstallationResult, with the exact signed bytes kept for verification.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProfileInstallationResult {
	/// The decoded signed part.
	pub data: ProfileInstallationResultData,
	/// The `BF27` element exactly as received: what the signature covers.
	pub signed_der: Vec<u8>,
	/// `euiccSignPIR`.
	pub signature: Vec<u8>,
}

impl ProfileInstallationResult {
	/// DER of the whole result from the signed element and its signature.
	pub fn assemble(signed_der: &[u8], signature: &[u8]) -> Vec<u8> {
		tlv(0xBF37, &[signed_der, &tlv(0x5F37, signature)].concat())
	}

	/// Decodes DER as an SM-DP+ forwards it.
	pub fn from_der(bytes: &[u8]) -> Result<Self, InstallResultError> {
		let mut outer = Reader(bytes);
		let (body, _) = outer.expect(0xBF37)?;
		if !outer.0.is_empty() {
			return Err(InstallResultError::TrailingBytes(outer.0.len()));
		}
		let mut r = Reader(body);
		let (data_body, signed_der) = r.expect(0xBF27)?;
		let (signature, _) = r.expect(0x5F37)?;

		let mut d = Reader(data_body);
		let (transaction_id, _) = d.expect(0x80)?;
		let (metadata, _) = d.expect(0xBF2F)?;
		let (mut smdp_oid, mut final_result) = (None, None);
		while let Some((tag, value, _)) = d.next()? {
			match tag {
				0x06 => {
					smdp_oid =
						Some(decode_oid(value).ok_or(InstallResultError::Malformed("smdpOid"))?)
				},
				0xA2 => final_result = Some(decode_final_result(value)?),
				_ => {},
			}
		}
		let final_result = final_result.ok_or(InstallResultError::Missing("finalResult"))?;

		let notification = NotificationMetadata::from_der_body(metadata)?;
		Ok(Self {
			data: ProfileInstallationResultData {
				transaction_id: transaction_id.to_vec(),
				notification,
				smdp_oid,
				final_result,
			},
			signed_der: signed_der.to_vec(),
			signature: signature.to_vec(),
		})
	}
}

/// An eUICC-signed notification of a later life-cycle event (enable, disable, delete),
/// without the eUICC and EUM certificates a real one carries.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OtherSignedNotification {
	/// What happened to which profile.
	pub metadata: NotificationMetadata,
	/// The `BF2F` element exactly as received: what the signature covers.
	pub signed_der: Vec<u8>,
	/// `euiccNotificationSignature`.
	pub signature: Vec<u8>,
}

impl OtherSignedNotification {
	/// DER of the notification from the signed metadata and its signature.
	pub fn assemble(signed_der: &[u8], signature: &[u8]) -> Vec<u8> {
		tlv(0x30, &[signed_der, &tlv(0x5F37, signature)].concat())
	}

	/// Decodes the DER; certificates after the signature are skipped.
	pub fn from_der(bytes: &[u8]) -> Result<Self, InstallResultError> {
		let mut outer = Reader(bytes);
		let (body, _) = outer.expect(0x30)?;
		if !outer.0.is_empty() {
			return Err(InstallResultError::TrailingBytes(outer.0.len()));
		}
		let mut r = Reader(body);
		let (metadata, signed_der) = r.expect(0xBF2F)?;
		let (signature, _) = r.expect(0x5F37)?;
		Ok(Self {
			metadata: NotificationMetadata::from_der_body(metadata)?,
			signed_der: signed_der.to_vec(),
			signature: signature.to_vec(),
		})
	}
}

/// What a device's `handleNotification` carries (`PendingNotification` CHOICE).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PendingNotification {
	/// An installation result (`BF37`).
	ProfileInstallationResult(ProfileInstallationResult),
	/// A later life-cycle event (`30`).
	OtherSignedNotification(OtherSignedNotification),
}

impl PendingNotification {
	/// Decodes either kind by its outer tag.
	pub fn from_der(bytes: &[u8]) -> Result<Self, InstallResultError> {
		match bytes.first() {
			Some(0x30) => {
				OtherSignedNotification::from_der(bytes).map(Self::OtherSignedNotification)
			},
			_ => ProfileInstallationResult::from_der(bytes).map(Self::ProfileInstallationResult),
		}
	}
}

fn decode_final_result(value: &[u8]) -> Result<FinalResult, InstallResultError> {
	let mut r = Reader(value);
	match r.next()? {
		Some((0xA0, success, _)) => {
			let mut s = Reader(success);
			let (aid, _) = s.expect(0x4F)?;
			let (sima_response, _) = s.expect(0x04)?;
			Ok(FinalResult::Success { aid: aid.to_vec(), sima_response: sima_response.to_vec() })
		},
		Some((0xA1, error, _)) => {
			let mut s = Reader(error);
			let (cmd, _) = s.expect(0x80)?;
			let (reason, _) = s.expect(0x81)?;
			Ok(FinalResult::Error {
				bpp_command_id: read_uint(cmd)
					.ok_or(InstallResultError::Malformed("bppCommandId"))?,
				error_reason: read_uint(reason)
					.ok_or(InstallResultError::Malformed("errorReason"))?,
			})
		},
		Some((found, ..)) => Err(InstallResultError::UnexpectedTag { expected: 0xA0, found }),
		None => Err(InstallResultError::Missing("finalResult content")),
	}
}

/// DER content of an OBJECT IDENTIFIER in dotted decimal (at least two arcs).
fn encode_oid(oid: &str) -> Result<Vec<u8>, InstallResultError> {
	let malformed = || InstallResultError::Malformed("smdpOid");
	let arcs: Vec<u64> = oid
		.split('.')
		.map(|a| a.parse().map_err(|_| malformed()))
		.collect::<Result<_, _>>()?;
	let (&first, &second) = match arcs.as_slice() {
		[first, second, ..] if *first <= 2 && (*first == 2 || *second < 40) => (first, second),
		_ => return Err(malformed()),
	};
	let mut out = Vec::new();
	for arc in std::iter::once(first * 40 + second).chain(arcs[2..].iter().copied()) {
		let mut base128 = vec![(arc & 0x7F) as u8];
		let mut rest = arc >> 7;
		while rest > 0 {
			base128.push(0x80 | (rest & 0x7F) as u8);
			rest >>= 7;
		}
		out.extend(base128.iter().rev());
	}
	Ok(out)
}

fn decode_oid(bytes: &[u8]) -> Option<String> {
	let mut arcs = Vec::new();
	let mut acc: u64 = 0;
	for (i, b) in bytes.iter().enumerate() {
		if acc == 0 && *b == 0x80 {
			return None; // non-minimal
		}
		acc = acc.checked_mul(128)? | u64::from(b & 0x7F);
		if b & 0x80 == 0 {
			arcs.push(acc);
			acc = 0;
		} else if i == bytes.len() - 1 {
			return None;
		}
	}
	let first = *arcs.first()?;
	let (a0, a1) = if first < 80 { (first / 40, first % 40) } else { (2, first - 80) };
	let mut text = format!("{a0}.{a1}");
	for arc in &arcs[1..] {
		text.push_str(&format!(".{arc}"));
	}
	Some(text)
}

fn read_event(bits: &[u8]) -> Option<NotificationEvent> {
	let [unused, first, ..] = bits else { return None };
	if *unused > 7 {
		return None;
	}
	[
		NotificationEvent::Install,
		NotificationEvent::Enable,
		NotificationEvent::Disable,
		NotificationEvent::Delete,
	]
	.into_iter()
	.find(|e| first & (0x80 >> e.bit()) != 0)
}

fn read_uint(bytes: &[u8]) -> Option<u32> {
	if bytes.is_empty() || bytes.len() > 5 || bytes[0] & 0x80 != 0 {
		return None;
	}
	let v = bytes.iter().fold(0u64, |acc, b| (acc << 8) | u64::from(*b));
	u32::try_from(v).ok()
}

fn der_uint(v: u32) -> Vec<u8> {
	let bytes = v.to_be_bytes();
	let skip = bytes.iter().take(3).take_while(|b| **b == 0).count();
	let mut out = bytes[skip..].to_vec();
	if out[0] & 0x80 != 0 {
		out.insert(0, 0);
	}
	out
}

/// A TLV with a one- or two-byte tag given as its raw bytes (`0xBF37` = `BF 37`).
fn tlv(tag: u32, value: &[u8]) -> Vec<u8> {
	let mut out = Vec::with_capacity(value.len() + 6);
	if tag > 0xFF {
		out.push((tag >> 8) as u8);
	}
	out.push(tag as u8);
	let len = value.len();
	if len < 0x80 {
		out.push(len as u8);
	} else if len <= 0xFF {
		out.extend([0x81, len as u8]);
	} else if len <= 0xFFFF {
		out.extend([0x82, (len >> 8) as u8, len as u8]);
	} else {
		out.extend([0x83, (len >> 16) as u8, (len >> 8) as u8, len as u8]);
	}
	out.extend_from_slice(value);
	out
}

/// A DER element: tag, value, and the whole element.
type Element<'a> = (u32, &'a [u8], &'a [u8]);

struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
	/// Next element: (tag, value, whole element).
	fn next(&mut self) -> Result<Option<Element<'a>>, InstallResultError> {
		let input = self.0;
		if input.is_empty() {
			return Ok(None);
		}
		let mut at = 1;
		let mut tag = u32::from(input[0]);
		if input[0] & 0x1F == 0x1F {
			loop {
				let b = *input.get(at).ok_or(InstallResultError::Truncated)?;
				at += 1;
				if tag > 0xFF_FFFF {
					return Err(InstallResultError::Malformed("tag"));
				}
				tag = (tag << 8) | u32::from(b);
				if b & 0x80 == 0 {
					break;
				}
			}
		}
		let first = *input.get(at).ok_or(InstallResultError::Truncated)?;
		at += 1;
		let len = if first < 0x80 {
			usize::from(first)
		} else {
			let n = usize::from(first & 0x7F);
			if n == 0 || n > 3 {
				return Err(InstallResultError::Malformed("length"));
			}
			let bytes = input.get(at..at + n).ok_or(InstallResultError::Truncated)?;
			at += n;
			bytes.iter().fold(0usize, |acc, b| (acc << 8) | usize::from(*b))
		};
		let end = at.checked_add(len).ok_or(InstallResultError::Truncated)?;
		let value = input.get(at..end).ok_or(InstallResultError::Truncated)?;
		self.0 = &input[end..];
		Ok(Some((tag, value, &input[..end])))
	}

	/// The next element, which must have `tag`: (value, whole element).
	fn expect(&mut self, tag: u32) -> Result<(&'a [u8], &'a [u8]), InstallResultError> {
		match self.next()? {
			Some((found, value, whole)) if found == tag => Ok((value, whole)),
			Some((found, ..)) => Err(InstallResultError::UnexpectedTag { expected: tag, found }),
			None => Err(InstallResultError::Missing(tag_name(tag))),
		}
	}
}

fn tag_name(tag: u32) -> &'static str {
	match tag {
		0xBF37 => "ProfileInstallationResult",
		0xBF27 => "profileInstallationResultData",
		0x5F37 => "euiccSignPIR",
		0x80 => "transactionId or seqNumber",
		0xBF2F => "notificationMetadata",
		0x0C => "notificationAddress",
		0x4F => "aid",
		0x04 => "simaResponse",
		0x81 => "profileManagementOperation or errorReason",
		0x30 => "OtherSignedNotification",
		_ => "element",
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	fn data() -> ProfileInstallationResultData {
		ProfileInstallationResultData {
			transaction_id: vec![
				0xA1, 0xB2, 0xC3, 0xD4, 0xE5, 0xF6, 0x07, 0x18, 0x29, 0x3A, 0x4B, 0x5C, 0x6D, 0x7E,
				0x8F, 0x90,
			],
			notification: NotificationMetadata {
				seq_number: 200,
				operation: NotificationEvent::Install,
				notification_address: "localhost:8444".into(),
				iccid: Some(Iccid::parse("8944500102198304826").unwrap()),
			},
			smdp_oid: Some("2.999.10".into()),
			final_result: FinalResult::Success {
				aid: vec![
					0xA0, 0x00, 0x00, 0x05, 0x59, 0x10, 0x10, 0xFF, 0xFF, 0xFF, 0xFF, 0x89, 0x00,
					0x00, 0x10, 0x00,
				],
				sima_response: vec![0x30, 0x07, 0xA0, 0x05, 0x30, 0x03, 0x80, 0x01, 0x00],
			},
		}
	}

	// The expected bytes below were produced by pycrate from asn1play's compiled SGP.22 v2.5
	// module (`RSPDefinitions.ProfileInstallationResultData.set_val(...).to_der()`), an
	// encoder independent of this one.
	#[test]
	fn encodes_as_the_sgp22_module_does() {
		assert_eq!(
			hex::encode_upper(data().to_der().unwrap()),
			"BF275F8010A1B2C3D4E5F60718293A4B5C6D7E8F90BF2F24800200C8810207800C0E6C6F63616C686F7374\
			 3A383434345A0A984405102091384028F6060388370AA21FA01D4F10A0000005591010FFFFFFFF890000\
			 100004093007A0053003800100"
		);
		let error = ProfileInstallationResultData {
			notification: NotificationMetadata {
				seq_number: 7,
				operation: NotificationEvent::Delete,
				notification_address: "localhost:8444".into(),
				iccid: None,
			},
			smdp_oid: Some("1.3.6.1.4.1.31746.1".into()),
			final_result: FinalResult::Error { bpp_command_id: 3, error_reason: 128 },
			..data()
		};
		assert_eq!(
			hex::encode_upper(error.to_der().unwrap()),
			"BF27428010A1B2C3D4E5F60718293A4B5C6D7E8F90BF2F17800107810204100C0E6C6F63616C686F7374\
			 3A3834343406092B0601040181F80201A209A10780010381020080"
		);
		let delete =
			NotificationMetadata { iccid: data().notification.iccid, ..error.notification };
		assert_eq!(
			hex::encode_upper(delete.to_der()),
			"BF2F23800107810204100C0E6C6F63616C686F73743A383434345A0A984405102091384028F6"
		);
	}

	#[test]
	fn oids_encode_and_decode() {
		for oid in ["2.999.10", "1.3.6.1.4.1.31746.1", "0.0", "2.999", "1.2.840.10045.4.3.2"] {
			assert_eq!(decode_oid(&encode_oid(oid).unwrap()).as_deref(), Some(oid));
		}
		assert_eq!(encode_oid("2.999.10").unwrap(), [0x88, 0x37, 0x0A]);
		for bad in ["", "1", "3.1", "1.40", "1.x", "1..2"] {
			assert!(encode_oid(bad).is_err(), "{bad}");
		}
		assert_eq!(decode_oid(&[0x2B, 0x80, 0x01]), None, "non-minimal");
		assert_eq!(decode_oid(&[0x2B, 0x86]), None, "truncated");
		let mut bad = data();
		bad.smdp_oid = Some("1".into());
		assert_eq!(bad.to_der(), Err(InstallResultError::Malformed("smdpOid")));
	}

	#[test]
	fn round_trips_with_signature() {
		let signed = data().to_der().unwrap();
		let sig = [0x5A; 64];
		let der = ProfileInstallationResult::assemble(&signed, &sig);
		assert_eq!(&der[..2], &[0xBF, 0x37]);
		let back = ProfileInstallationResult::from_der(&der).unwrap();
		assert_eq!(back.data, data());
		assert_eq!(back.signed_der, signed);
		assert_eq!(back.signature, sig);
	}

	#[test]
	fn round_trips_other_events_and_error_results() {
		for operation in
			[NotificationEvent::Enable, NotificationEvent::Disable, NotificationEvent::Delete]
		{
			let mut d = data();
			d.notification.operation = operation;
			d.notification.iccid = None;
			d.smdp_oid = None;
			d.final_result = FinalResult::Error { bpp_command_id: 3, error_reason: 128 };
			let der = ProfileInstallationResult::assemble(&d.to_der().unwrap(), &[1; 64]);
			assert_eq!(ProfileInstallationResult::from_der(&der).unwrap().data, d);
		}
	}

	#[test]
	fn long_lengths_round_trip() {
		let mut d = data();
		d.notification.notification_address = "a".repeat(300);
		let der = ProfileInstallationResult::assemble(&d.to_der().unwrap(), &[1; 64]);
		assert_eq!(ProfileInstallationResult::from_der(&der).unwrap().data, d);
	}

	#[test]
	fn rejects_truncation_trailing_bytes_and_wrong_tags() {
		let der = ProfileInstallationResult::assemble(&data().to_der().unwrap(), &[1; 64]);
		for len in [0, 1, 2, 10, der.len() - 1] {
			assert!(ProfileInstallationResult::from_der(&der[..len]).is_err(), "len {len}");
		}
		let mut trailing = der.clone();
		trailing.push(0);
		assert_eq!(
			ProfileInstallationResult::from_der(&trailing),
			Err(InstallResultError::TrailingBytes(1))
		);
		let mut wrong = der.clone();
		wrong[1] = 0x38;
		assert_eq!(
			ProfileInstallationResult::from_der(&wrong),
			Err(InstallResultError::UnexpectedTag { expected: 0xBF37, found: 0xBF38 })
		);
		let unsigned = tlv(0xBF37, &data().to_der().unwrap());
		assert_eq!(
			ProfileInstallationResult::from_der(&unsigned),
			Err(InstallResultError::Missing("euiccSignPIR"))
		);
	}

	#[test]
	fn other_signed_notifications_round_trip_and_are_told_apart() {
		let metadata = NotificationMetadata {
			seq_number: 7,
			operation: NotificationEvent::Delete,
			notification_address: "localhost:8444".into(),
			iccid: Some(Iccid::parse("8944500102198304826").unwrap()),
		};
		let signed = metadata.to_der();
		let der = OtherSignedNotification::assemble(&signed, &[2; 64]);
		let PendingNotification::OtherSignedNotification(back) =
			PendingNotification::from_der(&der).unwrap()
		else {
			panic!("read as an installation result")
		};
		assert_eq!(
			back,
			OtherSignedNotification { metadata, signed_der: signed, signature: vec![2; 64] }
		);

		let pir = ProfileInstallationResult::assemble(&data().to_der().unwrap(), &[1; 64]);
		assert!(matches!(
			PendingNotification::from_der(&pir),
			Ok(PendingNotification::ProfileInstallationResult(_))
		));
		assert!(PendingNotification::from_der(&[0x30, 0x00]).is_err());
		assert!(PendingNotification::from_der(&[]).is_err());
	}

	#[test]
	fn der_integers_are_minimal() {
		assert_eq!(der_uint(0), vec![0]);
		assert_eq!(der_uint(127), vec![0x7F]);
		assert_eq!(der_uint(128), vec![0, 0x80]);
		assert_eq!(der_uint(256), vec![1, 0]);
		assert_eq!(der_uint(u32::MAX), vec![0, 0xFF, 0xFF, 0xFF, 0xFF]);
		for v in [0, 127, 128, 256, 65_535, u32::MAX] {
			assert_eq!(read_uint(&der_uint(v)), Some(v));
		}
	}
}
