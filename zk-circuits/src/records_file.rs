//! Reading usage batches from CSV or JSON files.
//!
//! Both formats carry the same fields (header / keys):
//! `binding_id, session_start, duration_secs, bytes_up, bytes_down, mcc, mnc`.
//! `mcc` and `mnc` are strings of digits so leading zeros survive (`"01"` ≠ `"001"`).

use crate::{
	error::{Result, ZkError},
	record::{Plmn, UsageRecord},
};
use serde::Deserialize;
use std::path::Path;

/// One row as written in a file, before validation.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RecordRow {
	#[serde(deserialize_with = "decimal_u128")]
	binding_id: u128,
	session_start: u64,
	duration_secs: u32,
	bytes_up: u64,
	bytes_down: u64,
	mcc: String,
	mnc: String,
}

/// A u128 written as a number or, in JSON, as a decimal string: roaming subjects' binding
/// ids (2^64 + an agreement id) do not fit a JSON number readers keep exact.
fn decimal_u128<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<u128, D::Error> {
	struct Decimal;
	impl serde::de::Visitor<'_> for Decimal {
		type Value = u128;
		fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
			f.write_str("an unsigned integer, as a number or a decimal string")
		}
		fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<u128, E> {
			Ok(v.into())
		}
		fn visit_u128<E: serde::de::Error>(self, v: u128) -> Result<u128, E> {
			Ok(v)
		}
		fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<u128, E> {
			v.trim()
				.parse()
				.map_err(|_| E::invalid_value(serde::de::Unexpected::Str(v), &self))
		}
	}
	deserializer.deserialize_any(Decimal)
}

impl RecordRow {
	fn into_record(self) -> std::result::Result<UsageRecord, crate::RecordError> {
		let record = UsageRecord {
			binding_id: self.binding_id,
			session_start: self.session_start,
			duration_secs: self.duration_secs,
			bytes_up: self.bytes_up,
			bytes_down: self.bytes_down,
			serving_network: Plmn::parse(self.mcc.trim(), self.mnc.trim())?,
		};
		record.validate()?;
		Ok(record)
	}
}

/// Reads a records file; `.json` is JSON (an array of objects), anything else CSV.
pub fn read_records(path: &Path) -> Result<Vec<UsageRecord>> {
	let text = std::fs::read_to_string(path)
		.map_err(|source| ZkError::Io { file: path.into(), source })?;
	let records = if path.extension().is_some_and(|e| e.eq_ignore_ascii_case("json")) {
		parse_json(path, &text)?
	} else {
		parse_csv(path, &text)?
	};
	if records.is_empty() {
		return Err(ZkError::EmptyBatch { file: path.into() });
	}
	Ok(records)
}

/// Parses CSV text with a header line; `path` only labels errors.
pub fn parse_csv(path: &Path, text: &str) -> Result<Vec<UsageRecord>> {
	let mut reader = csv::ReaderBuilder::new().trim(csv::Trim::All).from_reader(text.as_bytes());
	let mut records = Vec::new();
	for row in reader.deserialize::<RecordRow>() {
		let row = row.map_err(|e| ZkError::Csv {
			file: path.into(),
			line: e.position().map_or(0, |p| p.line()),
			reason: csv_reason(&e),
		})?;
		// Header is line 1, so record i sits on line i + 2.
		let line = records.len() as u64 + 2;
		let record = row.into_record().map_err(|e| ZkError::Csv {
			file: path.into(),
			line,
			reason: e.to_string(),
		})?;
		records.push(record);
	}
	Ok(records)
}

fn csv_reason(error: &csv::Error) -> String {
	match error.kind() {
		csv::ErrorKind::Deserialize { err, .. } => match err.field() {
			Some(field) => format!("column {}: {}", field + 1, err.kind()),
			None => err.kind().to_string(),
		},
		csv::ErrorKind::UnequalLengths { expected_len, len, .. } => {
			format!("{len} fields, expected {expected_len}")
		},
		_ => error.to_string(),
	}
}

/// Parses a JSON array of records; `path` only labels errors.
pub fn parse_json(path: &Path, text: &str) -> Result<Vec<UsageRecord>> {
	let rows: Vec<serde_json::Value> = serde_json::from_str(text).map_err(|e| ZkError::Json {
		file: path.into(),
		reason: format!("not a JSON array of records: {e}"),
	})?;
	rows.into_iter()
		.enumerate()
		.map(|(index, value)| {
			let row: RecordRow = serde_json::from_value(value).map_err(|e| ZkError::Json {
				file: path.into(),
				reason: format!("record {index}: {e}"),
			})?;
			row.into_record().map_err(|e| ZkError::Json {
				file: path.into(),
				reason: format!("record {index}: {e}"),
			})
		})
		.collect()
}
