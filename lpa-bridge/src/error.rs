//! Every failure as one readable line: what went wrong and, where there is one, what to do.

use gesim_chain_client::{ChainError, KeyFileError};
use gesim_esim_protocol::sealed::SealedError;

/// Why the bridge could not do what was asked.
#[derive(Debug, thiserror::Error)]
pub enum BridgeError {
	/// The RPC node could not be reached or refused a call.
	#[error("{0}")]
	Node(#[from] ChainError),
	/// What the node said could not be proved against GRANDPA finality.
	#[error("{0}")]
	Unverified(#[from] crate::finality::VerifyError),
	/// A key file is missing, exposed or malformed.
	#[error("{0}")]
	KeyFile(#[from] KeyFileError),
	/// The device key file would be overwritten.
	#[error("device key file {0} exists: refusing to replace a key an order may be sealed to")]
	KeyFileExists(String),
	/// The chain refused a transaction, with the error it named.
	#[error("the chain refused {what}: {error}")]
	Refused {
		/// The transaction.
		what: String,
		/// The runtime's error (`SbtIdentity::EidProofRejected`).
		error: String,
	},
	/// The order does not exist, is not the subscriber's, or not for this device.
	#[error("order {order}: {reason}")]
	Order {
		/// The order.
		order: u64,
		/// What is wrong.
		reason: String,
	},
	/// The operator failed or cancelled the order.
	#[error("order {order} {outcome}: no profile to install")]
	OrderEnded {
		/// The order.
		order: u64,
		/// `failed (8.2.5/3.7: no profile available for this plan)` or `was cancelled`.
		outcome: String,
	},
	/// The code did not arrive in time.
	#[error("order {order}: no activation code after {waited_secs} s (status {status}); the operator must release it by block {serve_by}, after which `refundUnserved` pays the plan back")]
	Timeout {
		/// The order.
		order: u64,
		/// Seconds waited.
		waited_secs: u64,
		/// Its last status.
		status: String,
		/// Its service deadline.
		serve_by: u32,
	},
	/// The sealed code does not open, or opens to something unusable.
	#[error("order {order}: {reason}")]
	SealedCode {
		/// The order.
		order: u64,
		/// What is wrong.
		reason: String,
	},
	/// The LPA could not install the profile.
	#[error("{0}")]
	Lpa(#[from] crate::lpa::LpaError),
	/// An EID-possession proof or an EID opening could not be made.
	#[error("EID: {0}")]
	Eid(String),
	/// The node or the machine did something the bridge does not expect.
	#[error("{0}")]
	Unexpected(String),
}

impl BridgeError {
	/// A sealed code that does not open, said for the user.
	pub(crate) fn sealed(order: u64, error: SealedError) -> Self {
		let reason = match error {
			SealedError::Unauthentic => "the sealed activation code does not open with this device's key: it was sealed to another device, for another order or chain, or altered".into(),
			other => other.to_string(),
		};
		Self::SealedCode { order, reason }
	}
}
