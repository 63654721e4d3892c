//! The node's service: client, ParityDB backend, transaction pool, networking, RPC, and either
//! Aura + GRANDPA (validators) or instant seal (the dev chain).

use std::{sync::Arc, time::Duration};

use futures::{FutureExt, StreamExt};
use gesim_runtime::{apis::RuntimeApi, opaque::Block};
use sc_client_api::{Backend, BlockBackend};
use sc_consensus::BoxBlockImport;
use sc_consensus_aura::{ImportQueueParams, SlotProportion, StartAuraParams};
use sc_consensus_grandpa::SharedVoterState;
use sc_network_sync::strategy::warp::WarpSyncProvider;
use sc_service::{error::Error as ServiceError, Configuration, TaskManager, WarpSyncConfig};
use sc_telemetry::{Telemetry, TelemetryWorker};
use sc_transaction_pool_api::OffchainTransactionPoolFactory;
use sc_transaction_pool_api::TransactionPool as _;
use sp_consensus_aura::sr25519::{AuthorityId as AuraId, AuthorityPair as AuraPair};

use crate::cli::Sealing;

/// The host functions the runtime may call: Substrate's, and Groth16 verification on BN254.
/// A runtime that calls the latter runs only on nodes that provide it.
pub(crate) type HostFunctions =
	(sp_io::SubstrateHostFunctions, gesim_zk_host::zk_proofs::HostFunctions);

/// The client, executing the wasm runtime only (no native runtime in the node).
pub(crate) type FullClient =
	sc_service::TFullClient<Block, RuntimeApi, sc_executor::WasmExecutor<HostFunctions>>;
type FullBackend = sc_service::TFullBackend<Block>;
type FullSelectChain = sc_consensus::LongestChain<FullBackend, Block>;
type GrandpaBlockImport =
	sc_consensus_grandpa::GrandpaBlockImport<FullBackend, Block, FullClient, FullSelectChain>;
type GrandpaLink = sc_consensus_grandpa::LinkHalf<Block, FullClient, FullSelectChain>;

/// GRANDPA justifications are generated and imported at least every this many blocks.
const GRANDPA_JUSTIFICATION_PERIOD: u32 = 512;

/// What the chosen sealing needs after the partial components are built.
pub enum SealingParts {
	/// Aura authoring on top of GRANDPA's block import, and GRANDPA's voter link.
	Aura { block_import: GrandpaBlockImport, link: GrandpaLink },
	/// Instant seal imports straight into the client.
	Instant,
}

/// Components built before networking: enough for the chain subcommands.
pub type Service = sc_service::PartialComponents<
	FullClient,
	FullBackend,
	FullSelectChain,
	sc_consensus::DefaultImportQueue<Block>,
	sc_transaction_pool::TransactionPoolHandle<Block, FullClient>,
	(SealingParts, Option<Telemetry>),
>;

/// Build the client, database, pool and import queue for `sealing`.
pub fn new_partial(config: &Configuration, sealing: Sealing) -> Result<Service, ServiceError> {
	let telemetry = config
		.telemetry_endpoints
		.clone()
		.filter(|endpoints| !endpoints.is_empty())
		.map(|endpoints| -> Result<_, sc_telemetry::Error> {
			let worker = TelemetryWorker::new(16)?;
			let telemetry = worker.handle().new_telemetry(endpoints);
			Ok((worker, telemetry))
		})
		.transpose()?;

	let executor = sc_service::new_wasm_executor::<HostFunctions>(&config.executor);
	let (client, backend, keystore_container, task_manager) =
		sc_service::new_full_parts::<Block, RuntimeApi, _>(
			config,
			telemetry.as_ref().map(|(_, telemetry)| telemetry.handle()),
			executor,
			Vec::new(),
		)?;
	let client = Arc::new(client);

	let telemetry = telemetry.map(|(worker, telemetry)| {
		task_manager.spawn_handle().spawn("telemetry", None, worker.run());
		telemetry
	});

	let select_chain = sc_consensus::LongestChain::new(backend.clone());

	let transaction_pool = Arc::from(
		sc_transaction_pool::Builder::new(
			task_manager.spawn_essential_handle(),
			client.clone(),
			config.role.is_authority().into(),
		)
		.with_options(config.transaction_pool.clone())
		.with_prometheus(config.prometheus_registry())
		.build(),
	);

	let (import_queue, sealing_parts) = match sealing {
		Sealing::Instant => {
			let queue = sc_consensus_manual_seal::import_queue(
				Box::new(client.clone()),
				&task_manager.spawn_essential_handle(),
				config.prometheus_registry(),
			);
			(queue, SealingParts::Instant)
		},
		Sealing::Aura => {
			let (block_import, link) = sc_consensus_grandpa::block_import(
				client.clone(),
				GRANDPA_JUSTIFICATION_PERIOD,
				&client,
				select_chain.clone(),
				telemetry.as_ref().map(|x| x.handle()),
			)?;
			let cidp_client = client.clone();
			let queue = sc_consensus_aura::import_queue::<AuraPair, _, _, _, _, _>(
				ImportQueueParams {
					block_import: block_import.clone(),
					justification_import: Some(Box::new(block_import.clone())),
					client: client.clone(),
					create_inherent_data_providers: move |parent_hash, _| {
						let cidp_client = cidp_client.clone();
						async move {
							let slot_duration = sc_consensus_aura::standalone::slot_duration_at(
								&*cidp_client,
								parent_hash,
							)?;
							let timestamp = sp_timestamp::InherentDataProvider::from_system_time();
							let slot = sp_consensus_aura::inherents::InherentDataProvider::from_timestamp_and_slot_duration(
								*timestamp,
								slot_duration,
							);
							Ok((slot, timestamp))
						}
					},
					spawner: &task_manager.spawn_essential_handle(),
					registry: config.prometheus_registry(),
					check_for_equivocation: Default::default(),
					telemetry: telemetry.as_ref().map(|x| x.handle()),
					compatibility_mode: Default::default(),
				},
			)?;
			(queue, SealingParts::Aura { block_import, link })
		},
	};

	Ok(sc_service::PartialComponents {
		client,
		backend,
		task_manager,
		import_queue,
		keystore_container,
		select_chain,
		transaction_pool,
		other: (sealing_parts, telemetry),
	})
}

/// Build and start a full node.
pub fn new_full<
	N: sc_network::NetworkBackend<Block, <Block as sp_runtime::traits::Block>::Hash>,
>(
	config: Configuration,
	sealing: Sealing,
) -> Result<TaskManager, ServiceError> {
	let sc_service::PartialComponents {
		client,
		backend,
		mut task_manager,
		import_queue,
		keystore_container,
		select_chain,
		transaction_pool,
		other: (sealing_parts, mut telemetry),
	} = new_partial(&config, sealing)?;

	let mut net_config = sc_network::config::FullNetworkConfiguration::<
		Block,
		<Block as sp_runtime::traits::Block>::Hash,
		N,
	>::new(&config.network, config.prometheus_registry().cloned());
	let metrics = N::register_notification_metrics(config.prometheus_registry());
	let peer_store_handle = net_config.peer_store_handle();

	let genesis_hash = client.block_hash(0).ok().flatten().expect("genesis block exists; qed");
	let grandpa_protocol_name =
		sc_consensus_grandpa::protocol_standard_name(&genesis_hash, &config.chain_spec);
	let (grandpa_protocol_config, grandpa_notification_service) =
		sc_consensus_grandpa::grandpa_peers_set_config::<_, N>(
			grandpa_protocol_name.clone(),
			metrics.clone(),
			peer_store_handle,
		);
	net_config.add_notification_protocol(grandpa_protocol_config);

	// One provider serves warp sync to peers and `gesim_warpProof` to light clients.
	let warp_proofs: Option<Arc<dyn WarpSyncProvider<Block>>> = match &sealing_parts {
		SealingParts::Aura { link, .. } => {
			Some(Arc::new(sc_consensus_grandpa::warp_proof::NetworkProvider::new(
				backend.clone(),
				link.shared_authority_set().clone(),
				Vec::default(),
			)))
		},
		SealingParts::Instant => None,
	};
	let warp_sync_config = warp_proofs.clone().map(WarpSyncConfig::WithProvider);

	let (network, system_rpc_tx, tx_handler_controller, sync_service, _bitswap) =
		sc_service::build_network(sc_service::BuildNetworkParams {
			config: &config,
			net_config,
			client: client.clone(),
			transaction_pool: transaction_pool.clone(),
			spawn_handle: task_manager.spawn_handle(),
			spawn_essential_handle: task_manager.spawn_essential_handle(),
			import_queue,
			block_announce_validator_builder: None,
			warp_sync_config,
			block_relay: None,
			metrics,
			gap_sync_body_policy: None,
		})?;

	if config.offchain_worker.enabled {
		let offchain_workers =
			sc_offchain::OffchainWorkers::new(sc_offchain::OffchainWorkerOptions {
				runtime_api_provider: client.clone(),
				is_validator: config.role.is_authority(),
				keystore: Some(keystore_container.keystore()),
				offchain_db: backend.offchain_storage(),
				transaction_pool: Some(OffchainTransactionPoolFactory::new(
					transaction_pool.clone(),
				)),
				network_provider: Arc::new(network.clone()),
				enable_http_requests: true,
				custom_extensions: |_| vec![],
			})?;
		task_manager.spawn_handle().spawn(
			"offchain-workers-runner",
			"offchain-worker",
			offchain_workers.run(client.clone(), task_manager.spawn_handle()).boxed(),
		);
	}

	let role = config.role;
	let force_authoring = config.force_authoring;
	let name = config.network.node_name.clone();
	let enable_grandpa = !config.disable_grandpa;
	let prometheus_registry = config.prometheus_registry().cloned();

	let rpc_builder = {
		let client = client.clone();
		let pool = transaction_pool.clone();
		Box::new(move |_| {
			let deps = crate::rpc::FullDeps {
				client: client.clone(),
				pool: pool.clone(),
				warp_proofs: warp_proofs.clone(),
			};
			crate::rpc::create_full(deps).map_err(Into::into)
		})
	};

	sc_service::spawn_tasks(sc_service::SpawnTasksParams {
		network: Arc::new(network.clone()),
		client: client.clone(),
		keystore: keystore_container.keystore(),
		task_manager: &mut task_manager,
		transaction_pool: transaction_pool.clone(),
		rpc_builder,
		backend,
		system_rpc_tx,
		tx_handler_controller,
		sync_service: sync_service.clone(),
		config,
		telemetry: telemetry.as_mut(),
		tracing_execute_block: None,
	})?;

	let proposer_factory = sc_basic_authorship::ProposerFactory::new(
		task_manager.spawn_handle(),
		client.clone(),
		transaction_pool.clone(),
		prometheus_registry.as_ref(),
		telemetry.as_ref().map(|x| x.handle()),
	);

	match sealing_parts {
		SealingParts::Instant => {
			// Timestamps advance one slot per block, and the Aura pre-digest carries that slot,
			// so the runtime's Aura pallet sees a strictly increasing slot on every block.
			let timestamp = Arc::new(
				sc_consensus_manual_seal::consensus::timestamp::SlotTimestampProvider::new_aura(
					client.clone(),
				)
				.map_err(|e| ServiceError::Other(e.to_string()))?,
			);
			let slot_duration = sc_consensus_aura::slot_duration(&*client)?;
			// A block, finalised at once, when a transaction arrives; and, every two seconds,
			// one while transactions wait that no block took: a session's first block has no
			// room for them (pallet-session takes the whole block to rotate), and sealing on
			// arrival alone would wait for the next transaction that never comes.
			let seal = |create_empty| sc_consensus_manual_seal::EngineCommand::SealNewBlock {
				create_empty,
				finalize: true,
				parent_hash: None,
				sender: None,
			};
			let arrivals = transaction_pool.import_notification_stream().map(move |_| seal(false));
			let pool = transaction_pool.clone();
			let waiting = futures::stream::unfold((), |()| async {
				tokio::time::sleep(std::time::Duration::from_secs(2)).await;
				Some(((), ()))
			})
			.filter(move |()| futures::future::ready(pool.status().ready > 0))
			.map(move |()| seal(true));
			let instant_seal = sc_consensus_manual_seal::run_manual_seal(
				sc_consensus_manual_seal::ManualSealParams {
					block_import: Box::new(client.clone()) as BoxBlockImport<Block>,
					env: proposer_factory,
					client: client.clone(),
					pool: transaction_pool,
					commands_stream: futures::stream::select(arrivals, waiting.boxed()),
					select_chain,
					consensus_data_provider: Some(Box::new(
						sc_consensus_manual_seal::consensus::aura::AuraConsensusDataProvider::new_with_slot_duration(
							slot_duration,
						),
					)),
					create_inherent_data_providers: move |_, ()| {
						let timestamp = timestamp.clone();
						async move { Ok(SharedTimestamp(timestamp)) }
					},
				},
			);
			task_manager.spawn_essential_handle().spawn_blocking(
				"instant-seal",
				Some("block-authoring"),
				instant_seal,
			);
		},
		SealingParts::Aura { block_import, link } => {
			if role.is_authority() {
				let slot_duration = sc_consensus_aura::slot_duration::<AuraId, _, _>(&*client)?;
				let aura = sc_consensus_aura::start_aura::<AuraPair, _, _, _, _, _, _, _, _, _, _>(
					StartAuraParams {
						slot_duration,
						client,
						select_chain,
						block_import,
						proposer_factory,
						create_inherent_data_providers: move |_, ()| async move {
							let timestamp = sp_timestamp::InherentDataProvider::from_system_time();
							let slot = sp_consensus_aura::inherents::InherentDataProvider::from_timestamp_and_slot_duration(
								*timestamp,
								slot_duration,
							);
							Ok((slot, timestamp))
						},
						force_authoring,
						backoff_authoring_blocks: Option::<()>::None,
						keystore: keystore_container.keystore(),
						sync_oracle: sync_service.clone(),
						justification_sync_link: sync_service.clone(),
						block_proposal_slot_portion: SlotProportion::new(2f32 / 3f32),
						max_block_proposal_slot_portion: None,
						telemetry: telemetry.as_ref().map(|x| x.handle()),
						compatibility_mode: Default::default(),
					},
				)?;
				task_manager.spawn_essential_handle().spawn_blocking(
					"aura",
					Some("block-authoring"),
					aura,
				);
			}

			if enable_grandpa {
				// Only an authority votes; others follow finality through justifications.
				let keystore =
					if role.is_authority() { Some(keystore_container.keystore()) } else { None };
				let grandpa_params = sc_consensus_grandpa::GrandpaParams {
					config: sc_consensus_grandpa::Config {
						gossip_duration: Duration::from_millis(333),
						justification_generation_period: GRANDPA_JUSTIFICATION_PERIOD,
						name: Some(name),
						observer_enabled: false,
						keystore,
						local_role: role,
						telemetry: telemetry.as_ref().map(|x| x.handle()),
						protocol_name: grandpa_protocol_name,
					},
					link,
					network,
					sync: Arc::new(sync_service),
					notification_service: grandpa_notification_service,
					voting_rule: sc_consensus_grandpa::VotingRulesBuilder::default().build(),
					prometheus_registry,
					shared_voter_state: SharedVoterState::empty(),
					telemetry: telemetry.as_ref().map(|x| x.handle()),
					offchain_tx_pool_factory: OffchainTransactionPoolFactory::new(transaction_pool),
				};
				task_manager.spawn_essential_handle().spawn_blocking(
					"grandpa-voter",
					None,
					sc_consensus_grandpa::run_grandpa_voter(grandpa_params)?,
				);
			}
		},
	}

	Ok(task_manager)
}

/// The one slot-aligned timestamp source of the instant-seal authoring task, shared across
/// blocks so that every block gets the next slot.
struct SharedTimestamp(Arc<sc_consensus_manual_seal::consensus::timestamp::SlotTimestampProvider>);

#[async_trait::async_trait]
impl sp_inherents::InherentDataProvider for SharedTimestamp {
	async fn provide_inherent_data(
		&self,
		inherent_data: &mut sp_inherents::InherentData,
	) -> Result<(), sp_inherents::Error> {
		self.0.provide_inherent_data(inherent_data).await
	}

	async fn try_handle_error(
		&self,
		identifier: &sp_inherents::InherentIdentifier,
		error: &[u8],
	) -> Option<Result<(), sp_inherents::Error>> {
		self.0.try_handle_error(identifier, error).await
	}
}
