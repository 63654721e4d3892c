//! The `gesim_` namespace: what an LPA app or a wallet asks the chain, in plain JSON.
//!
//! Accounts are SS58 addresses, amounts and byte counts decimal strings (they exceed what a
//! JavaScript number holds exactly), hashes and keys `0x`-hex. Every method is read-only and
//! reads a bounded part of the state: an account's entitlements and orders are bounded by the
//! pallets, and plans come in pages of at most [`PLAN_SCAN`] plans read. Each method answers at
//! the best block, or at the block `at` names (an LPA that trusts only finalised state passes
//! the finalised head).

use std::{collections::BTreeMap, sync::Arc};

use codec::Encode;
use gesim_primitives::{Geohash, Plmn};
use gesim_rpc_types::{
	Entitlement, Order, OrderSummary, Plan, PlanPage, PlanQuery, Reputation, Score, Status,
};
use gesim_runtime::{opaque::Block, AccountId, Runtime};
use jsonrpsee::{core::RpcResult, proc_macros::rpc, types::ErrorObjectOwned};
use pallet_esim_provisioning::{OrderStatus, OrderViewOf};
use pallet_esim_provisioning_runtime_api::EsimProvisioningApi;
use pallet_plan_catalog::{EntitlementDetailsOf, PlanView, RegionQuery};
use pallet_plan_catalog_runtime_api::PlanCatalogApi;
use pallet_reputation::ScoreView;
use pallet_reputation_runtime_api::ReputationApi;
use sc_client_api::AuxStore;
use sc_network_sync::strategy::warp::WarpSyncProvider;
use sp_api::ProvideRuntimeApi;
use sp_blockchain::HeaderBackend;
use sp_core::{
	crypto::{Ss58AddressFormat, Ss58Codec},
	H256,
};

/// Most plans one `gesim_plans` call reads, matching or not.
pub const PLAN_SCAN: u32 = 256;

#[rpc(server, namespace = "gesim")]
pub trait GesimApi {
	/// The entitlements of `account`, with the status of each one's latest eSIM order.
	#[method(name = "entitlements")]
	fn entitlements(&self, account: String, at: Option<H256>) -> RpcResult<Vec<Entitlement>>;

	/// The eSIM orders of `account`'s entitlements, oldest first.
	#[method(name = "orders")]
	fn orders(&self, account: String, at: Option<H256>) -> RpcResult<Vec<Order>>;

	/// The GRANDPA justification of the latest block this node finalised, SCALE-encoded
	/// (`0x`-hex), or `null` on a chain without GRANDPA (the dev chain). A light client checks
	/// it against the authority set it knows, then reads that block's state with proofs
	/// (`state_getReadProof`). (`grandpa_proveFinality` answers only once the authority set
	/// has changed at least once.)
	#[method(name = "justification")]
	fn justification(&self) -> RpcResult<Option<String>>;

	/// GRANDPA's warp sync proof from the finalised block `from` (the block where the client
	/// learned its authority set; genesis for the chain spec's): for each set change since,
	/// the last block of the old set (its header names the new set) with that set's
	/// justification, then the latest block finalised since with its justification. SCALE,
	/// `0x`-hex, as full nodes exchange it when they warp sync; `null` without GRANDPA. A
	/// light client follows the validator set with it from the chain spec alone.
	#[method(name = "warpProof")]
	fn warp_proof(&self, from: H256) -> RpcResult<Option<String>>;

	/// Order `id`, or `null`.
	#[method(name = "order")]
	fn order(&self, id: u64, at: Option<H256>) -> RpcResult<Option<Order>>;

	/// The X25519 device keys `account` registered.
	#[method(name = "deviceKeys")]
	fn device_keys(&self, account: String, at: Option<H256>) -> RpcResult<Vec<String>>;

	/// A page of plans on sale covering `query`, reading at most [`PLAN_SCAN`] plans after
	/// plan `after`.
	#[method(name = "plans")]
	fn plans(&self, query: PlanQuery, after: Option<u32>, at: Option<H256>) -> RpcResult<PlanPage>;

	/// `account`'s reputation: as an operator, from its subscribers' ratings; as a subscriber,
	/// from its operators' ratings and abuse flags.
	#[method(name = "reputation")]
	fn reputation(&self, account: String, at: Option<H256>) -> RpcResult<Reputation>;
}

/// The `gesim_` methods over a client.
pub struct Gesim<C> {
	client: Arc<C>,
	warp_proofs: Option<Arc<dyn WarpSyncProvider<Block>>>,
}

impl<C> Gesim<C> {
	/// `warp_proofs`: the node's GRANDPA warp sync provider (`None` without GRANDPA).
	pub fn new(client: Arc<C>, warp_proofs: Option<Arc<dyn WarpSyncProvider<Block>>>) -> Self {
		Self { client, warp_proofs }
	}
}

/// Invalid params (JSON-RPC -32602), with what was wrong.
fn invalid(message: impl Into<String>) -> ErrorObjectOwned {
	ErrorObjectOwned::owned(
		jsonrpsee::types::error::INVALID_PARAMS_CODE,
		message.into(),
		None::<()>,
	)
}

/// The runtime could not answer (JSON-RPC -32603): an unknown block, or a runtime without the API.
fn runtime_error(e: impl std::fmt::Display) -> ErrorObjectOwned {
	ErrorObjectOwned::owned(
		jsonrpsee::types::error::INTERNAL_ERROR_CODE,
		format!("runtime: {e}"),
		None::<()>,
	)
}

fn ss58(account: &AccountId) -> String {
	account.to_ss58check_with_version(Ss58AddressFormat::custom(gesim_runtime::SS58_PREFIX))
}

fn parse_account(address: &str) -> Result<AccountId, ErrorObjectOwned> {
	let (account, format) = AccountId::from_ss58check_with_version(address)
		.map_err(|e| invalid(format!("`{address}` is not an SS58 address: {e:?}")))?;
	if u16::from(format) != gesim_runtime::SS58_PREFIX {
		return Err(invalid(format!(
			"`{address}` is an address for network prefix {}, not this chain's {}",
			u16::from(format),
			gesim_runtime::SS58_PREFIX
		)));
	}
	Ok(account)
}

fn hex(bytes: &[u8]) -> String {
	format!("0x{}", hex::encode(bytes))
}

fn text(bytes: &[u8]) -> String {
	String::from_utf8_lossy(bytes).into_owned()
}

fn plmn(network: &Plmn) -> String {
	network.to_string()
}

/// `MCC-MNC`, as `001-01` or `310-260`.
fn parse_plmn(network: &str) -> Result<Plmn, ErrorObjectOwned> {
	let (mcc, mnc) = network
		.split_once('-')
		.ok_or_else(|| invalid(format!("network `{network}` is not MCC-MNC")))?;
	Plmn::from_digits(mcc.as_bytes(), mnc.as_bytes())
		.map_err(|e| invalid(format!("network `{network}`: {e:?}")))
}

fn region_query(query: &PlanQuery) -> Result<RegionQuery, ErrorObjectOwned> {
	match (&query.geohash, &query.network) {
		(Some(cell), None) => {
			Geohash::new(cell.as_bytes()).map(RegionQuery::Cell).ok_or_else(|| {
				invalid(format!("`{cell}` is not a geohash of 1 to 12 base-32 characters"))
			})
		},
		(None, Some(network)) => parse_plmn(network).map(RegionQuery::Network),
		_ => Err(invalid("give exactly one of `geohash` and `network`")),
	}
}

fn status(status: &OrderStatus) -> Status {
	use pallet_esim_provisioning::CancelReason;
	match status {
		OrderStatus::Requested => Status::Requested,
		OrderStatus::Accepted => Status::Accepted,
		OrderStatus::CodeReleased => Status::CodeReleased,
		OrderStatus::Downloaded => Status::Downloaded,
		OrderStatus::Installed => Status::Installed,
		OrderStatus::Enabled => Status::Enabled,
		OrderStatus::Deleted => Status::Deleted,
		OrderStatus::Failed(code) => {
			Status::Failed { subject_code: text(&code.subject), reason_code: text(&code.reason) }
		},
		OrderStatus::Cancelled(reason) => Status::Cancelled {
			reason: match reason {
				CancelReason::BySubscriber => "bySubscriber",
				CancelReason::Unserved => "unserved",
			}
			.into(),
		},
	}
}

fn order(view: &OrderViewOf<Runtime>) -> Order {
	let o = &view.order;
	Order {
		id: view.id,
		entitlement: o.entitlement,
		subscriber: ss58(&o.subscriber),
		operator: ss58(&o.telco),
		device_key: hex(&o.device_key),
		eid_commitment: o.eid.as_ref().map(|binding| hex(&binding.commitment)),
		requested_at: o.requested_at,
		serve_by: o.serve_by,
		updated_at: o.updated_at,
		status: status(&o.status),
		iccid_commitment: o.iccid_commitment.as_ref().map(|c| hex(c)),
		smdp_address: o.smdp_address.as_ref().map(|a| text(a)),
		sealed_code: o.sealed_code.as_ref().map(|c| hex(c)),
		install_result_hash: o.install_result_hash.as_ref().map(|h| hex(h)),
	}
}

fn entitlement(
	details: &EntitlementDetailsOf<Runtime>,
	latest: Option<&OrderViewOf<Runtime>>,
) -> Entitlement {
	let e = &details.entitlement;
	Entitlement {
		id: details.id,
		plan: e.plan,
		operator: ss58(&e.telco),
		remaining_bytes: e.remaining_bytes.to_string(),
		expires_at: e.expires_at,
		expired: details.expired,
		escrowed: details.held.to_string(),
		order: latest.map(|view| OrderSummary { id: view.id, status: status(&view.order.status) }),
	}
}

fn plan(view: &PlanView<Runtime>) -> Plan {
	let terms = &view.plan.terms;
	Plan {
		id: view.id,
		operator: ss58(&view.plan.telco),
		quota_bytes: terms.quota_bytes.to_string(),
		validity: terms.validity,
		price: terms.price.to_string(),
		billing: match terms.billing {
			pallet_plan_catalog::Billing::Prepaid => "prepaid",
			pallet_plan_catalog::Billing::Postpaid => "postpaid",
		}
		.into(),
		cells: terms.region.cells.iter().map(|cell| text(cell.as_bytes())).collect(),
		networks: terms.region.networks.iter().map(plmn).collect(),
		roaming_partners: terms.roaming_partners.iter().map(ss58).collect(),
		terms_hash: hex(terms.terms_hash.as_bytes()),
	}
}

fn score(view: &ScoreView) -> Score {
	Score {
		stars_centi: view.stars_centi,
		weight_bytes: view.weight.to_string(),
		ratings: view.ratings,
		flags: view.flags,
	}
}

impl<C> Gesim<C>
where
	C: HeaderBackend<Block>,
{
	fn at(&self, at: Option<H256>) -> H256 {
		at.unwrap_or_else(|| self.client.info().best_hash)
	}
}

impl<C> GesimApiServer for Gesim<C>
where
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block> + AuxStore + Send + Sync + 'static,
	C::Api: PlanCatalogApi<
			Block,
			AccountId,
			RegionQuery,
			PlanView<Runtime>,
			EntitlementDetailsOf<Runtime>,
		> + EsimProvisioningApi<Block, AccountId, OrderViewOf<Runtime>>
		+ ReputationApi<Block, AccountId, ScoreView>,
{
	fn entitlements(&self, account: String, at: Option<H256>) -> RpcResult<Vec<Entitlement>> {
		let who = parse_account(&account)?;
		let at = self.at(at);
		let api = self.client.runtime_api();
		let held = api.entitlements_of(at, who.clone()).map_err(runtime_error)?;
		let orders = api.orders_of(at, who).map_err(runtime_error)?;
		// Order ids grow, so the last one seen per entitlement is its latest.
		let latest: BTreeMap<u32, &OrderViewOf<Runtime>> =
			orders.iter().map(|view| (view.order.entitlement, view)).collect();
		Ok(held
			.iter()
			.map(|details| entitlement(details, latest.get(&details.id).copied()))
			.collect())
	}

	fn orders(&self, account: String, at: Option<H256>) -> RpcResult<Vec<Order>> {
		let who = parse_account(&account)?;
		let mut orders =
			self.client.runtime_api().orders_of(self.at(at), who).map_err(runtime_error)?;
		orders.sort_by_key(|view| view.id);
		Ok(orders.iter().map(order).collect())
	}

	fn justification(&self) -> RpcResult<Option<String>> {
		let best = sc_consensus_grandpa::best_justification::<_, Block>(&*self.client)
			.map_err(runtime_error)?;
		Ok(best.map(|justification| hex(&justification.encode())))
	}

	fn warp_proof(&self, from: H256) -> RpcResult<Option<String>> {
		let Some(provider) = &self.warp_proofs else { return Ok(None) };
		// Refuses a block that is not finalised or not on the finalised chain, by name.
		let proof = provider.generate(from).map_err(|e| invalid(e.to_string()))?;
		Ok(Some(hex(&proof.0)))
	}

	fn order(&self, id: u64, at: Option<H256>) -> RpcResult<Option<Order>> {
		let found = self.client.runtime_api().order(self.at(at), id).map_err(runtime_error)?;
		Ok(found.as_ref().map(order))
	}

	fn device_keys(&self, account: String, at: Option<H256>) -> RpcResult<Vec<String>> {
		let who = parse_account(&account)?;
		let keys =
			self.client.runtime_api().device_keys(self.at(at), who).map_err(runtime_error)?;
		Ok(keys.iter().map(|key| hex(key)).collect())
	}

	fn plans(&self, query: PlanQuery, after: Option<u32>, at: Option<H256>) -> RpcResult<PlanPage> {
		let area = region_query(&query)?;
		let (plans, next) = self
			.client
			.runtime_api()
			.plans_in_region_page(self.at(at), area, after, PLAN_SCAN)
			.map_err(runtime_error)?;
		Ok(PlanPage { plans: plans.iter().map(plan).collect(), next })
	}

	fn reputation(&self, account: String, at: Option<H256>) -> RpcResult<Reputation> {
		let who = parse_account(&account)?;
		let (at, api) = (self.at(at), self.client.runtime_api());
		let as_operator = api.operator_score(at, who.clone()).map_err(runtime_error)?;
		let as_subscriber = api.subscriber_score(at, who).map_err(runtime_error)?;
		Ok(Reputation {
			as_operator: as_operator.as_ref().map(score),
			as_subscriber: as_subscriber.as_ref().map(score),
		})
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use sp_keyring::Sr25519Keyring;

	#[test]
	fn addresses_of_this_chain_round_trip_and_others_are_refused() {
		let alice = Sr25519Keyring::Alice.to_account_id();
		let address = ss58(&alice);
		assert_eq!(address, "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY");
		assert_eq!(parse_account(&address).unwrap(), alice);
		// The same key as a Polkadot (prefix 0) address.
		let polkadot = alice.to_ss58check_with_version(Ss58AddressFormat::custom(0));
		assert!(parse_account(&polkadot).unwrap_err().message().contains("prefix 0"));
		assert!(parse_account("5Grwva").is_err());
	}

	#[test]
	fn a_plan_query_names_one_cell_or_one_network() {
		let query = |geohash: Option<&str>, network: Option<&str>| PlanQuery {
			geohash: geohash.map(Into::into),
			network: network.map(Into::into),
		};
		assert_eq!(
			region_query(&query(None, Some("310-260"))).unwrap(),
			RegionQuery::Network(Plmn::from_digits(b"310", b"260").unwrap())
		);
		assert!(matches!(
			region_query(&query(Some("u09tvw"), None)).unwrap(),
			RegionQuery::Cell(_)
		));
		for bad in [
			query(None, None),
			query(Some("u09"), Some("001-01")),
			query(Some("u09a!"), None),
			query(None, Some("00101")),
		] {
			assert_eq!(
				region_query(&bad).unwrap_err().code(),
				jsonrpsee::types::error::INVALID_PARAMS_CODE
			);
		}
		// A network prints back as it was given.
		assert_eq!(plmn(&parse_plmn("310-260").unwrap()), "310-260");
		assert_eq!(plmn(&parse_plmn("001-01").unwrap()), "001-01");
	}
}
