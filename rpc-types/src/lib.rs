//! The JSON of the node's `gesim_` methods: accounts as SS58 addresses, amounts and byte counts
//! as decimal strings (they exceed what a JavaScript number holds exactly), hashes and keys as
//! `0x`-hex, field names in camelCase. The node serialises these; clients deserialise them.

use serde::{Deserialize, Serialize};

/// An entitlement, with the status of its latest eSIM order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Entitlement {
	pub id: u32,
	pub plan: u32,
	pub operator: String,
	pub remaining_bytes: String,
	/// Last block of validity.
	pub expires_at: u32,
	pub expired: bool,
	/// Stablecoin units (10^-6 dollar) escrow still holds for it.
	pub escrowed: String,
	/// Its latest provisioning order, if it has one.
	pub order: Option<OrderSummary>,
}

/// An order as an entitlement lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OrderSummary {
	pub id: u64,
	pub status: Status,
}

/// Where an order stands: `requested`, `accepted`, `codeReleased`, `downloaded`, `installed`,
/// `enabled`, `deleted`, `failed` (with the GSMA `subjectCode` and `reasonCode`) or
/// `cancelled` (with `reason`: `bySubscriber` or `unserved`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", tag = "state")]
pub enum Status {
	Requested,
	Accepted,
	CodeReleased,
	Downloaded,
	Installed,
	Enabled,
	Deleted,
	#[serde(rename_all = "camelCase")]
	Failed {
		subject_code: String,
		reason_code: String,
	},
	Cancelled {
		reason: String,
	},
}

/// A provisioning order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Order {
	pub id: u64,
	pub entitlement: u32,
	pub subscriber: String,
	pub operator: String,
	pub device_key: String,
	/// The EID commitment the profile must be bound to, if any.
	pub eid_commitment: Option<String>,
	pub requested_at: u32,
	/// Last block the activation code may be released in.
	pub serve_by: u32,
	pub updated_at: u32,
	pub status: Status,
	pub iccid_commitment: Option<String>,
	pub smdp_address: Option<String>,
	/// The activation code sealed to `deviceKey`, once released.
	pub sealed_code: Option<String>,
	pub install_result_hash: Option<String>,
}

/// Where to look for plans: a geohash cell, or a network as `MCC-MNC`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PlanQuery {
	pub geohash: Option<String>,
	pub network: Option<String>,
}

/// A plan on sale.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Plan {
	pub id: u32,
	pub operator: String,
	pub quota_bytes: String,
	/// Blocks an entitlement lasts.
	pub validity: u32,
	/// Stablecoin units (10^-6 dollar).
	pub price: String,
	pub billing: String,
	pub cells: Vec<String>,
	pub networks: Vec<String>,
	pub roaming_partners: Vec<String>,
	pub terms_hash: String,
}

/// An account's reputation, each side `null` while nobody rated (or flagged) it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Reputation {
	/// As an operator, from its subscribers' ratings.
	pub as_operator: Option<Score>,
	/// As a subscriber, from its operators' ratings and abuse flags.
	pub as_subscriber: Option<Score>,
}

/// A reputation score, decayed to the block asked about.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Score {
	/// The weighted average in hundredths of a star (100 to 500); `null` once every rating's
	/// weight decayed away, or with only flags.
	pub stars_centi: Option<u32>,
	/// The proved usage behind it, in bytes, decayed.
	pub weight_bytes: String,
	/// Ratings given.
	pub ratings: u32,
	/// Abuse flags raised.
	pub flags: u32,
}

/// A page of plans: within it, the best-rated operator's first, then the cheapest.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PlanPage {
	pub plans: Vec<Plan>,
	/// Pass as `after` for the next page; absent once every plan was read.
	pub next: Option<u32>,
}

impl std::fmt::Display for Status {
	fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
		match self {
			Self::Requested => f.write_str("requested"),
			Self::Accepted => f.write_str("accepted"),
			Self::CodeReleased => f.write_str("code released"),
			Self::Downloaded => f.write_str("downloaded"),
			Self::Installed => f.write_str("installed"),
			Self::Enabled => f.write_str("enabled"),
			Self::Deleted => f.write_str("deleted"),
			Self::Failed { subject_code, reason_code } => {
				write!(f, "failed ({subject_code}/{reason_code})")
			},
			Self::Cancelled { reason } => write!(f, "cancelled ({reason})"),
		}
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn statuses_serialise_with_their_gsma_code() {
		let failed = Status::Failed { subject_code: "8.2.5".into(), reason_code: "3.7".into() };
		assert_eq!(
			serde_json::to_value(&failed).unwrap(),
			serde_json::json!({ "state": "failed", "subjectCode": "8.2.5", "reasonCode": "3.7" })
		);
		assert_eq!(
			serde_json::to_value(Status::CodeReleased).unwrap(),
			serde_json::json!({ "state": "codeReleased" })
		);
		assert_eq!(
			serde_json::from_value::<Status>(serde_json::json!({ "state": "installed" })).unwrap(),
			Status::Installed
		);
		assert_eq!(failed.to_string(), "failed (8.2.5/3.7)");
		assert_eq!(Status::CodeReleased.to_string(), "code released");
	}
}
