//! The runtime APIs the node and clients call. They appear in the metadata, so polkadot.js
//! reaches each one as `api.call.<api>.<method>` with nothing to configure.

use alloc::vec::Vec;
use frame_support::{
	genesis_builder_helper::{build_state, get_preset},
	weights::Weight,
};
use pallet_grandpa::AuthorityId as GrandpaId;
use sp_api::impl_runtime_apis;
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_core::{crypto::KeyTypeId, OpaqueMetadata};
use sp_runtime::{
	traits::{Block as BlockT, NumberFor},
	transaction_validity::{TransactionSource, TransactionValidity},
	ApplyExtrinsicResult,
};
use sp_version::RuntimeVersion;

use crate::{
	genesis_config_presets, AccountId, Aura, Balance, Block, EsimProvisioning, Executive, Grandpa,
	InherentDataExt, Nfts, Nonce, PlanCatalog, Reputation, Runtime, RuntimeCall,
	RuntimeGenesisConfig, SessionKeys, System, TransactionPayment, VERSION,
};

impl_runtime_apis! {
	impl sp_api::Core<Block> for Runtime {
		fn version() -> RuntimeVersion {
			VERSION
		}

		fn execute_block(block: <Block as BlockT>::LazyBlock) {
			Executive::execute_block(block);
		}

		fn initialize_block(header: &<Block as BlockT>::Header) -> sp_runtime::ExtrinsicInclusionMode {
			Executive::initialize_block(header)
		}
	}

	impl sp_api::Metadata<Block> for Runtime {
		fn metadata() -> OpaqueMetadata {
			OpaqueMetadata::new(Runtime::metadata().into())
		}

		fn metadata_at_version(version: u32) -> Option<OpaqueMetadata> {
			Runtime::metadata_at_version(version)
		}

		fn metadata_versions() -> Vec<u32> {
			Runtime::metadata_versions()
		}
	}

	impl frame_support::view_functions::runtime_api::RuntimeViewFunction<Block> for Runtime {
		fn execute_view_function(
			id: frame_support::view_functions::ViewFunctionId,
			input: Vec<u8>,
		) -> Result<Vec<u8>, frame_support::view_functions::ViewFunctionDispatchError> {
			Runtime::execute_view_function(id, input)
		}
	}

	impl sp_block_builder::BlockBuilder<Block> for Runtime {
		fn apply_extrinsic(extrinsic: <Block as BlockT>::Extrinsic) -> ApplyExtrinsicResult {
			Executive::apply_extrinsic(extrinsic)
		}

		fn finalize_block() -> <Block as BlockT>::Header {
			Executive::finalize_block()
		}

		fn inherent_extrinsics(data: sp_inherents::InherentData) -> Vec<<Block as BlockT>::Extrinsic> {
			data.create_extrinsics()
		}

		fn check_inherents(
			block: <Block as BlockT>::LazyBlock,
			data: sp_inherents::InherentData,
		) -> sp_inherents::CheckInherentsResult {
			data.check_extrinsics(&block)
		}
	}

	impl sp_transaction_pool::runtime_api::TaggedTransactionQueue<Block> for Runtime {
		fn validate_transaction(
			source: TransactionSource,
			tx: <Block as BlockT>::Extrinsic,
			block_hash: <Block as BlockT>::Hash,
		) -> TransactionValidity {
			Executive::validate_transaction(source, tx, block_hash)
		}
	}

	impl sp_offchain::OffchainWorkerApi<Block> for Runtime {
		fn offchain_worker(header: &<Block as BlockT>::Header) {
			Executive::offchain_worker(header)
		}
	}

	impl sp_consensus_aura::AuraApi<Block, AuraId> for Runtime {
		fn slot_duration() -> sp_consensus_aura::SlotDuration {
			sp_consensus_aura::SlotDuration::from_millis(Aura::slot_duration())
		}

		fn authorities() -> Vec<AuraId> {
			pallet_aura::Authorities::<Runtime>::get().into_inner()
		}
	}

	impl sp_session::SessionKeys<Block> for Runtime {
		fn generate_session_keys(
			owner: Vec<u8>,
			seed: Option<Vec<u8>>,
		) -> sp_session::OpaqueGeneratedSessionKeys {
			SessionKeys::generate(&owner, seed).into()
		}

		fn decode_session_keys(encoded: Vec<u8>) -> Option<Vec<(Vec<u8>, KeyTypeId)>> {
			SessionKeys::decode_into_raw_public_keys(&encoded)
		}
	}

	impl sp_consensus_grandpa::GrandpaApi<Block> for Runtime {
		fn grandpa_authorities() -> sp_consensus_grandpa::AuthorityList {
			Grandpa::grandpa_authorities()
		}

		fn current_set_id() -> sp_consensus_grandpa::SetId {
			Grandpa::current_set_id()
		}

		fn submit_report_equivocation_unsigned_extrinsic(
			equivocation_proof: sp_consensus_grandpa::EquivocationProof<
				<Block as BlockT>::Hash,
				NumberFor<Block>,
			>,
			key_owner_proof: sp_consensus_grandpa::OpaqueKeyOwnershipProof,
		) -> Option<()> {
			let key_owner_proof = key_owner_proof.decode()?;
			Grandpa::submit_unsigned_equivocation_report(equivocation_proof, key_owner_proof)
		}

		fn generate_key_ownership_proof(
			_set_id: sp_consensus_grandpa::SetId,
			authority_id: GrandpaId,
		) -> Option<sp_consensus_grandpa::OpaqueKeyOwnershipProof> {
			use codec::Encode;
			use frame_support::traits::KeyOwnerProofSystem;
			crate::Historical::prove((sp_consensus_grandpa::KEY_TYPE, authority_id))
				.map(|proof| proof.encode())
				.map(sp_consensus_grandpa::OpaqueKeyOwnershipProof::new)
		}

	}

	impl frame_system_rpc_runtime_api::AccountNonceApi<Block, AccountId, Nonce> for Runtime {
		fn account_nonce(account: AccountId) -> Nonce {
			System::account_nonce(account)
		}
	}

	impl pallet_transaction_payment_rpc_runtime_api::TransactionPaymentApi<Block, Balance> for Runtime {
		fn query_info(
			uxt: <Block as BlockT>::Extrinsic,
			len: u32,
		) -> pallet_transaction_payment_rpc_runtime_api::RuntimeDispatchInfo<Balance> {
			TransactionPayment::query_info(uxt, len)
		}
		fn query_fee_details(
			uxt: <Block as BlockT>::Extrinsic,
			len: u32,
		) -> pallet_transaction_payment::FeeDetails<Balance> {
			TransactionPayment::query_fee_details(uxt, len)
		}
		fn query_weight_to_fee(weight: Weight) -> Balance {
			TransactionPayment::weight_to_fee(weight)
		}
		fn query_length_to_fee(length: u32) -> Balance {
			TransactionPayment::length_to_fee(length)
		}
	}

	impl pallet_transaction_payment_rpc_runtime_api::TransactionPaymentCallApi<Block, Balance, RuntimeCall>
		for Runtime
	{
		fn query_call_info(
			call: RuntimeCall,
			len: u32,
		) -> pallet_transaction_payment::RuntimeDispatchInfo<Balance> {
			TransactionPayment::query_call_info(call, len)
		}
		fn query_call_fee_details(
			call: RuntimeCall,
			len: u32,
		) -> pallet_transaction_payment::FeeDetails<Balance> {
			TransactionPayment::query_call_fee_details(call, len)
		}
		fn query_weight_to_fee(weight: Weight) -> Balance {
			TransactionPayment::weight_to_fee(weight)
		}
		fn query_length_to_fee(length: u32) -> Balance {
			TransactionPayment::length_to_fee(length)
		}
	}

	impl pallet_nfts_runtime_api::NftsApi<Block, AccountId, u32, u32> for Runtime {
		fn owner(collection: u32, item: u32) -> Option<AccountId> {
			<Nfts as frame_support::traits::tokens::nonfungibles_v2::Inspect<AccountId>>::owner(&collection, &item)
		}

		fn collection_owner(collection: u32) -> Option<AccountId> {
			<Nfts as frame_support::traits::tokens::nonfungibles_v2::Inspect<AccountId>>::collection_owner(&collection)
		}

		fn attribute(collection: u32, item: u32, key: Vec<u8>) -> Option<Vec<u8>> {
			<Nfts as frame_support::traits::tokens::nonfungibles_v2::Inspect<AccountId>>::attribute(&collection, &item, &key)
		}

		fn custom_attribute(account: AccountId, collection: u32, item: u32, key: Vec<u8>) -> Option<Vec<u8>> {
			<Nfts as frame_support::traits::tokens::nonfungibles_v2::Inspect<AccountId>>::custom_attribute(
				&account, &collection, &item, &key,
			)
		}

		fn system_attribute(collection: u32, item: Option<u32>, key: Vec<u8>) -> Option<Vec<u8>> {
			<Nfts as frame_support::traits::tokens::nonfungibles_v2::Inspect<AccountId>>::system_attribute(
				&collection, item.as_ref(), &key,
			)
		}

		fn collection_attribute(collection: u32, key: Vec<u8>) -> Option<Vec<u8>> {
			<Nfts as frame_support::traits::tokens::nonfungibles_v2::Inspect<AccountId>>::collection_attribute(&collection, &key)
		}
	}

	impl pallet_plan_catalog_runtime_api::PlanCatalogApi<
		Block,
		AccountId,
		pallet_plan_catalog::RegionQuery,
		pallet_plan_catalog::PlanView<Runtime>,
		pallet_plan_catalog::EntitlementDetailsOf<Runtime>,
	> for Runtime {
		fn plans_by_telco(telco: AccountId) -> Vec<pallet_plan_catalog::PlanView<Runtime>> {
			PlanCatalog::plans_by_telco(telco)
		}

		fn plans_in_region(area: pallet_plan_catalog::RegionQuery) -> Vec<pallet_plan_catalog::PlanView<Runtime>> {
			PlanCatalog::plans_in_region(area)
		}

		fn entitlements_of(who: AccountId) -> Vec<pallet_plan_catalog::EntitlementDetailsOf<Runtime>> {
			PlanCatalog::entitlements_of(who)
		}

		fn plans_in_region_page(
			area: pallet_plan_catalog::RegionQuery,
			after: Option<u32>,
			scan: u32,
		) -> (Vec<pallet_plan_catalog::PlanView<Runtime>>, Option<u32>) {
			// A page is bounded so one call reads a bounded part of the state.
			PlanCatalog::plans_in_region_page(area, after, scan.min(256))
		}
	}

	impl pallet_reputation_runtime_api::ReputationApi<
		Block,
		AccountId,
		pallet_reputation::ScoreView,
	> for Runtime {
		fn operator_score(telco: AccountId) -> Option<pallet_reputation::ScoreView> {
			Reputation::operator_score(telco)
		}

		fn subscriber_score(subscriber: AccountId) -> Option<pallet_reputation::ScoreView> {
			Reputation::subscriber_score(subscriber)
		}
	}

	impl pallet_esim_provisioning_runtime_api::EsimProvisioningApi<
		Block,
		AccountId,
		pallet_esim_provisioning::OrderViewOf<Runtime>,
	> for Runtime {
		fn orders_of(who: AccountId) -> Vec<pallet_esim_provisioning::OrderViewOf<Runtime>> {
			pallet_plan_catalog::EntitlementsOf::<Runtime>::get(&who)
				.into_iter()
				.flat_map(EsimProvisioning::orders_of_entitlement)
				.collect()
		}

		fn order(id: u64) -> Option<pallet_esim_provisioning::OrderViewOf<Runtime>> {
			EsimProvisioning::order(id)
		}

		fn open_orders(
			telco: AccountId,
			after: Option<u64>,
			limit: u32,
		) -> Vec<pallet_esim_provisioning::OrderViewOf<Runtime>> {
			// A page is bounded so one call reads a bounded part of the state.
			EsimProvisioning::open_orders(telco, after, limit.min(256))
		}

		fn device_keys(who: AccountId) -> Vec<[u8; 32]> {
			EsimProvisioning::device_keys_of(who)
		}
	}

	// Only in the wasm `scripts/bench/weights.sh` builds: lists and runs the benchmarks of
	// `benchmarks.rs` for `gesim-node benchmark pallet`.
	#[cfg(feature = "runtime-benchmarks")]
	impl frame_benchmarking::Benchmark<Block> for Runtime {
		fn benchmark_metadata(extra: bool) -> (
			Vec<frame_benchmarking::BenchmarkList>,
			Vec<frame_support::traits::StorageInfo>,
		) {
			crate::benchmarks::metadata(extra)
		}

		fn dispatch_benchmark(
			config: frame_benchmarking::BenchmarkConfig,
		) -> Result<Vec<frame_benchmarking::BenchmarkBatch>, alloc::string::String> {
			crate::benchmarks::dispatch(config)
		}
	}

	// Only in `try-runtime` builds, for operators who rehearse an upgrade against a live node
	// (try-runtime-cli) and for the upgrade rehearsal runtime the dev e2e enacts. A failed check
	// panics: the runtime API call fails and names the check.
	#[cfg(feature = "try-runtime")]
	impl frame_try_runtime::TryRuntime<Block> for Runtime {
		fn on_runtime_upgrade(
			checks: frame_try_runtime::UpgradeCheckSelect,
		) -> (frame_support::weights::Weight, frame_support::weights::Weight) {
			let weight = Executive::try_runtime_upgrade(checks)
				.unwrap_or_else(|e| panic!("try-runtime upgrade checks failed: {e:?}"));
			(weight, crate::configs::RuntimeBlockWeights::get().max_block)
		}

		fn execute_block(
			block: <Block as BlockT>::LazyBlock,
			state_root_check: bool,
			signature_check: bool,
			select: frame_try_runtime::TryStateSelect,
		) -> frame_support::weights::Weight {
			Executive::try_execute_block(block, state_root_check, signature_check, select)
				.unwrap_or_else(|e| panic!("try-runtime block execution failed: {e:?}"))
		}
	}

	impl pallet_validator_set::runtime_api::ValidatorSetApi<Block, AuraId> for Runtime {
		fn aura_key_ownership_proof(authority: AuraId) -> Option<Vec<u8>> {
			use codec::Encode;
			use frame_support::traits::KeyOwnerProofSystem;
			crate::Historical::prove((sp_core::crypto::key_types::AURA, authority))
				.map(|proof| proof.encode())
		}
	}

	impl sp_genesis_builder::GenesisBuilder<Block> for Runtime {
		fn build_state(config: Vec<u8>) -> sp_genesis_builder::Result {
			build_state::<RuntimeGenesisConfig>(config)
		}

		fn get_preset(id: &Option<sp_genesis_builder::PresetId>) -> Option<Vec<u8>> {
			get_preset::<RuntimeGenesisConfig>(id, genesis_config_presets::get_preset)
		}

		fn preset_names() -> Vec<sp_genesis_builder::PresetId> {
			genesis_config_presets::preset_names()
		}
	}
}
