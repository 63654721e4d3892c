//! An SM-DP+ simulator for GeSIM's dev chain and tests: no real SM-DP+ is reachable there, so
//! this one must behave like one towards the operator.
//!
//! # Operator side: ES2+ as specified
//! HTTPS with mutual TLS (client certificates must chain to a configured CA), `POST
//! /gsma/rsp2/es2plus/{downloadOrder,confirmOrder,cancelOrder,releaseProfile}` with the GSMA
//! headers, refusals as HTTP 200 with `status: "Failed"` and the SGP.22 `statusCodeData`
//! ([`state`] lists which code each refusal gets). Other HTTP statuses only for transport
//! problems: unknown path 404, wrong method 405, unreadable JSON or missing
//! `X-Admin-Protocol` 400, non-JSON content type 415. Progress goes back to the operator's
//! `handleDownloadProgressInfo` over mutual TLS, expecting 204, retried with backoff
//! ([`notify`]): notification points 1 (device authenticated), 2 (confirmation code refused),
//! 3 (package downloaded), 4 (installed, with the eUICC-signed result as `resultData`), and the
//! vendor-specific 5/101/102 for deletion, enabling and disabling.
//!
//! On the same listener, for tests and scripts: `GET /sim/profiles` (every profile with state,
//! EID, matching id), `POST /sim/faults` (the next N calls of a function answer `Failed` with a
//! given code, or a given HTTP status), `GET`/`DELETE /sim/faults`, and `GET
//! /sim/notifications` (what was sent to the operator and whether it was delivered).
//!
//! # Device side: a simplified ES9+
//! On a second listener with server-only TLS, as ES9+ is. The flow and its checks are SGP.22's
//! (session per transaction id, matching id → released order, EID binding, confirmation-code
//! hash `SHA256(SHA256(code) ‖ transactionId)` with a retry limit, package handed out once,
//! eUICC-signed notifications), but:
//! - **No certificate chains.** `initiateAuthentication` takes only `smdpAddress` (no eUICC
//!   challenge, no server signature) and answers the transaction id and the SM-DP+'s OID
//!   (`smdpOid`, which a real SM-DP+ conveys in its certificate); `authenticateClient` takes the
//!   matching id and EID in clear plus the test eUICC's Ed25519 public key (`euiccPublicKey`)
//!   instead of the signed `AuthenticateServerResponse` with eUICC and EUM certificates. Test
//!   devices have no GSMA CI certificates, and the operator-facing behaviour does not depend on
//!   them.
//! - **Confirmation code with `authenticateClient`.** Real LPAs send the hash in
//!   `getBoundProfilePackage` (PrepareDownloadResponse); it is checked the same way.
//! - **No bound profile package.** `getBoundProfilePackage` returns the ICCID and profile type
//!   instead of an encrypted BPP: there is no eUICC to decrypt one, and GeSIM never looks inside.
//! - **Signatures are Ed25519, not ECDSA P-256.** `handleNotification` carries a real
//!   ProfileInstallationResult (DER that asn1play's compiled SGP.22 v2.5 module decodes and
//!   re-encodes byte for byte; see [`gesim_esim_protocol::install_result`]) signed by the test
//!   eUICC with a key derived from its EID ([`euicc::test_euicc_key`]). What matters downstream
//!   holds: the bytes the operator receives as `resultData` are exactly those the eUICC signed,
//!   stable, and their hash and signature are checkable. Enable, disable and delete come as
//!   OtherSignedNotifications without certificates.
//! - **Errors of `handleNotification`** are answered `Failed` with a status code (a real SM-DP+
//!   answers 204 regardless), so the test eUICC can report what went wrong.
//!
//! # Also here
//! [`euicc`]: a test eUICC client printing lpac-style JSON lines; [`pki`]: the test PKI.

pub mod clock;
pub mod config;
pub mod es9plus;
pub mod euicc;
pub mod http;
pub mod notify;
pub mod pki;
pub mod server;
pub mod state;
pub mod tls;

pub use clock::{Clock, ManualClock, SystemClock};
pub use config::{ServeArgs, SimConfig};
pub use server::{start, RunningSim};

use std::{net::SocketAddr, path::PathBuf};

/// What can stop the simulator or one of its commands.
#[derive(Debug, thiserror::Error)]
pub enum SimError {
	/// A file could not be read or written.
	#[error("{}: {source}", file.display())]
	Io {
		/// The file.
		file: PathBuf,
		/// The OS error.
		source: std::io::Error,
	},
	/// A PEM file holds no usable certificate or key.
	#[error("{}: {reason}", file.display())]
	Pem {
		/// The file.
		file: PathBuf,
		/// What is wrong.
		reason: String,
	},
	/// A TLS configuration was refused.
	#[error("TLS: {0}")]
	Tls(String),
	/// A configuration or inventory file does not parse.
	#[error("{}: {reason}", file.display())]
	Config {
		/// The file.
		file: PathBuf,
		/// What is wrong.
		reason: String,
	},
	/// A required setting is missing.
	#[error("missing setting: {0}")]
	Missing(String),
	/// The inventory is inconsistent.
	#[error("inventory: {0}")]
	Inventory(String),
	/// A listener could not be bound.
	#[error("cannot listen on {addr}: {source}")]
	Bind {
		/// The address.
		addr: SocketAddr,
		/// The OS error.
		source: std::io::Error,
	},
	/// The test PKI could not be written.
	#[error("test PKI: {0}")]
	Certs(String),
}
