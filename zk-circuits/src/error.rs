//! Errors of the prover side. Each names the file, line or record involved so the CLI can
//! print one line a person can act on.

use gesim_zk_verifier::VerifyError;
use std::path::PathBuf;

/// A record value the encoding or the circuit cannot take.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RecordError {
	/// A byte counter above 2^40 − 1.
	#[error("{field} = {value} is over the per-record limit of 2^40-1 bytes (split the session)")]
	BytesOutOfRange {
		/// `bytes_up` or `bytes_down`.
		field: &'static str,
		/// The value found.
		value: u64,
	},
	/// The binding id does not fit the record encoding.
	#[error("binding_id {0} is over 2^125-1")]
	BindingIdOutOfRange(u128),
	/// The record is charged to another subject than the one proved for.
	#[error("binding_id {binding_id} is not the subject proved for ({subject})")]
	OtherSubject {
		/// The record's binding id.
		binding_id: u128,
		/// The subject's.
		subject: u128,
	},
	/// The session starts before the period or ends after it.
	#[error("the session is not inside the period {start}..={end}")]
	OutsidePeriod {
		/// The period's start.
		start: u64,
		/// The period's end.
		end: u64,
	},
	/// The session was served on a network the operator did not list.
	#[error("served by {0}, which is not one of the networks proved for")]
	OtherNetwork(String),
	/// MCC not three digits (or `000`).
	#[error("mcc `{0}` is not a 3-digit mobile country code")]
	Mcc(String),
	/// MNC not two or three digits.
	#[error("mnc `{0}` is not a 2- or 3-digit mobile network code")]
	Mnc(String),
}

/// Everything the prover, the key files and the CLI can fail with.
#[derive(Debug, thiserror::Error)]
pub enum ZkError {
	/// A file could not be read or written.
	#[error("{}: {source}", file.display())]
	Io {
		/// The file.
		file: PathBuf,
		/// The OS error.
		source: std::io::Error,
	},
	/// A CSV line does not parse or holds a bad value.
	#[error("{}: line {line}: {reason}", file.display())]
	Csv {
		/// The records file.
		file: PathBuf,
		/// 1-based line (the header is line 1).
		line: u64,
		/// What is wrong.
		reason: String,
	},
	/// A JSON record file does not parse or holds a bad value.
	#[error("{}: {reason}", file.display())]
	Json {
		/// The file.
		file: PathBuf,
		/// What is wrong (with the record index when known).
		reason: String,
	},
	/// The file has no records.
	#[error("{}: no usage records", file.display())]
	EmptyBatch {
		/// The records file.
		file: PathBuf,
	},
	/// More records than the circuit's batch size.
	#[error("{count} records exceed the batch size {max} ({circuit}); split the batch or use a larger circuit")]
	BatchTooLarge {
		/// Records supplied.
		count: usize,
		/// Records the circuit takes.
		max: usize,
		/// Circuit name.
		circuit: &'static str,
	},
	/// A record value out of range (index is 0-based within the batch).
	#[error("record {index}: {source}")]
	Record {
		/// Position in the batch.
		index: usize,
		/// The fault.
		source: RecordError,
	},
	/// A key file that is not what the command needs.
	#[error("{}: {reason}", file.display())]
	KeyFile {
		/// The key file.
		file: PathBuf,
		/// What is wrong.
		reason: String,
	},
	/// A command-line value that does not parse.
	#[error("{what}: {reason}")]
	Argument {
		/// Which argument.
		what: &'static str,
		/// What is wrong.
		reason: String,
	},
	/// Constraint synthesis or proving failed.
	#[error("proving failed for {circuit}: {reason}")]
	Proving {
		/// Circuit name.
		circuit: &'static str,
		/// arkworks' reason.
		reason: String,
	},
	/// The proof was refused by the verifier.
	#[error("proof rejected: {0}")]
	Rejected(#[from] VerifyError),
	/// A snarkjs file was refused.
	#[error("{}: {source}", file.display())]
	Snarkjs {
		/// The snarkjs file.
		file: PathBuf,
		/// The fault.
		source: gesim_zk_verifier::snarkjs::SnarkjsError,
	},
}

/// Result alias for this crate.
pub type Result<T, E = ZkError> = std::result::Result<T, E>;
