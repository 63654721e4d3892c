//! JSON-RPC methods beyond Substrate's defaults: account nonces, fee queries, and the `gesim_`
//! namespace ([`gesim`]).

pub mod gesim;

use std::sync::Arc;

use gesim_runtime::{opaque::Block, AccountId, Balance, Nonce, Runtime};
use jsonrpsee::RpcModule;
use sc_transaction_pool_api::TransactionPool;
use sp_api::ProvideRuntimeApi;
use sp_block_builder::BlockBuilder;
use sp_blockchain::{Error as BlockChainError, HeaderBackend, HeaderMetadata};

/// What the RPC methods need.
pub struct FullDeps<C, P> {
	/// The client.
	pub client: Arc<C>,
	/// The transaction pool.
	pub pool: Arc<P>,
	/// GRANDPA's warp sync proofs (`None` without GRANDPA: the dev chain).
	pub warp_proofs: Option<Arc<dyn sc_network_sync::strategy::warp::WarpSyncProvider<Block>>>,
}

/// The node's RPC methods.
pub fn create_full<C, P>(
	deps: FullDeps<C, P>,
) -> Result<RpcModule<()>, Box<dyn std::error::Error + Send + Sync>>
where
	C: ProvideRuntimeApi<Block>
		+ HeaderBackend<Block>
		+ sc_client_api::AuxStore
		+ HeaderMetadata<Block, Error = BlockChainError>
		+ Send
		+ Sync
		+ 'static,
	C::Api: substrate_frame_rpc_system::AccountNonceApi<Block, AccountId, Nonce>
		+ pallet_transaction_payment_rpc::TransactionPaymentRuntimeApi<Block, Balance>
		+ pallet_plan_catalog_runtime_api::PlanCatalogApi<
			Block,
			AccountId,
			pallet_plan_catalog::RegionQuery,
			pallet_plan_catalog::PlanView<Runtime>,
			pallet_plan_catalog::EntitlementDetailsOf<Runtime>,
		> + pallet_esim_provisioning_runtime_api::EsimProvisioningApi<
			Block,
			AccountId,
			pallet_esim_provisioning::OrderViewOf<Runtime>,
		> + pallet_reputation_runtime_api::ReputationApi<Block, AccountId, pallet_reputation::ScoreView>
		+ BlockBuilder<Block>,
	P: TransactionPool + 'static,
{
	use gesim::{Gesim, GesimApiServer};
	use pallet_transaction_payment_rpc::{TransactionPayment, TransactionPaymentApiServer};
	use substrate_frame_rpc_system::{System, SystemApiServer};

	let mut module = RpcModule::new(());
	let FullDeps { client, pool, warp_proofs } = deps;
	module.merge(System::new(client.clone(), pool).into_rpc())?;
	module.merge(TransactionPayment::new(client.clone()).into_rpc())?;
	module.merge(Gesim::new(client, warp_proofs).into_rpc())?;
	Ok(module)
}
