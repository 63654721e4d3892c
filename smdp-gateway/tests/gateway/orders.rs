//! The driver's decisions, order by order.

use crate::common::*;
use gesim_esim_protocol::{sealed, ActivationCode};
use gesim_runtime::RuntimeEvent;
use gesim_smdp_gateway::chain::Chain;
use gesim_smdp_sim::state::ProfileState;
use pallet_esim_provisioning::{CancelReason, GsmaStatus, OrderStatus, Receipt};

fn failed(subject: &str, reason: &str) -> OrderStatus {
	OrderStatus::Failed(GsmaStatus {
		subject: subject.as_bytes().to_vec().try_into().unwrap(),
		reason: reason.as_bytes().to_vec().try_into().unwrap(),
	})
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_requested_order_reaches_code_released_with_a_code_only_its_device_opens() {
	let sim = Sim::start(3, None, false).await;
	let files = tempfile::tempdir().unwrap();
	let inventory = inventory_file(&files, 3);
	let chain = FakeChain::new();
	chain.request(7, &device(1));
	let (driver, metrics) = gateway(&chain, &sim, &inventory);

	driver.resync().await.unwrap();

	assert_eq!(chain.status(7), OrderStatus::CodeReleased);
	let applied = chain.applied(7);
	let [Receipt::Accepted { iccid_commitment: commitment, smdp_address }, Receipt::CodeReleased { sealed_code }] =
		&applied[..]
	else {
		panic!("expected Accepted then CodeReleased, got {applied:?}")
	};
	assert_eq!(smdp_address.to_vec(), sim.running.smdp_address.as_bytes());
	let genesis = chain.genesis_hash();
	let envelope = sealed::open(&device(1), genesis.as_fixed_bytes(), 7, sealed_code).unwrap();
	assert!(envelope.activation_code.starts_with("LPA:1$"), "{}", envelope.activation_code);
	let code = ActivationCode::parse(&envelope.activation_code).unwrap();
	assert_eq!(code.smdp_address, sim.running.smdp_address);
	assert!(!code.confirmation_code_required);
	assert!(
		envelope.matches_commitment(commitment),
		"the salt in the envelope opens the commitment on chain"
	);
	// Only this device, this chain and this order open it.
	assert!(sealed::open(&device(2), genesis.as_fixed_bytes(), 7, sealed_code).is_err());
	assert!(sealed::open(&device(1), genesis.as_fixed_bytes(), 8, sealed_code).is_err());

	let taken = sim.taken().await;
	assert_eq!(taken.len(), 1, "{taken:?}");
	assert_eq!(taken[0].state, ProfileState::Released);
	assert_eq!(taken[0].iccid, envelope.iccid);
	assert_eq!(taken[0].matching_id.as_deref(), Some(code.matching_id.as_str()));
	assert_eq!(driver.inventory().order_of(&envelope.parsed_iccid().unwrap()), Some(7));
	assert!(chain.refused().is_empty(), "{:?}", chain.refused());
	assert_eq!(es2_calls(&metrics, "downloadOrder", "success"), 1);
	assert_eq!(es2_calls(&metrics, "confirmOrder", "success"), 1);
	assert_eq!(metrics.receipts.with_label_values(&["code_released"]).get(), 1);

	// Nothing left to do: a second pass sends nothing and asks the SM-DP+ nothing.
	driver.resync().await.unwrap();
	driver.tick().await;
	assert_eq!(chain.applied(7).len(), 2);
	assert_eq!(es2_calls(&metrics, "downloadOrder", "success"), 1);
	assert!(chain.refused().is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failed_download_order_becomes_a_failed_receipt_with_its_code_and_frees_the_iccid() {
	let sim = Sim::start(3, None, false).await;
	let files = tempfile::tempdir().unwrap();
	let inventory = inventory_file(&files, 3);
	let chain = FakeChain::new();
	chain.request(7, &device(1));
	let (driver, metrics) = gateway(&chain, &sim, &inventory);
	sim.fail_next("downloadOrder", 1, "8.2.5", "3.7").await;

	driver.drive(7).await.unwrap();

	assert_eq!(chain.status(7), failed("8.2.5", "3.7"));
	assert_eq!(chain.applied(7).len(), 1);
	assert_eq!(driver.inventory().counts().free, 3, "the ICCID goes back to the pool");
	assert!(sim.taken().await.is_empty());
	assert_eq!(es2_calls(&metrics, "downloadOrder", "failed"), 1);
	assert_eq!(
		es2_calls(&metrics, "cancelOrder", "success"),
		0,
		"nothing was reserved: nothing to cancel"
	);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refusal_about_the_iccid_retires_it() {
	let sim = Sim::start(3, None, false).await;
	let files = tempfile::tempdir().unwrap();
	let inventory = inventory_file(&files, 3);
	let chain = FakeChain::new();
	chain.request(7, &device(1));
	let (driver, _) = gateway(&chain, &sim, &inventory);
	sim.fail_next("downloadOrder", 1, "8.2.1", "3.9").await;

	driver.drive(7).await.unwrap();

	assert_eq!(chain.status(7), failed("8.2.1", "3.9"));
	let counts = driver.inventory().counts();
	assert_eq!(
		(counts.free, counts.retired),
		(2, 1),
		"an ICCID the SM-DP+ does not know is never handed out again"
	);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failed_confirm_order_is_reported_and_the_profile_cancelled_at_the_smdp() {
	let sim = Sim::start(3, None, false).await;
	let files = tempfile::tempdir().unwrap();
	let inventory = inventory_file(&files, 3);
	let chain = FakeChain::new();
	chain.request(7, &device(1));
	let (driver, metrics) = gateway(&chain, &sim, &inventory);
	sim.fail_next("confirmOrder", 1, "8.8.5", "4.10").await;

	driver.drive(7).await.unwrap();

	assert_eq!(chain.status(7), failed("8.8.5", "4.10"));
	assert!(matches!(chain.applied(7)[..], [Receipt::Accepted { .. }, Receipt::Failed { .. }]));
	assert_eq!(es2_calls(&metrics, "cancelOrder", "success"), 1);
	assert!(sim.taken().await.is_empty(), "cancelOrder (Available) put the profile back");
	assert_eq!(driver.inventory().counts().free, 3);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_empty_inventory_fails_the_order_as_the_smdp_would() {
	let sim = Sim::start(1, None, false).await;
	let files = tempfile::tempdir().unwrap();
	let inventory = inventory_file(&files, 1);
	let chain = FakeChain::new();
	chain.request(1, &device(1));
	chain.request(2, &device(2));
	let (driver, _) = gateway(&chain, &sim, &inventory);

	driver.resync().await.unwrap();

	assert_eq!(chain.status(1), OrderStatus::CodeReleased);
	assert_eq!(chain.status(2), failed("8.2.5", "3.7"));
	assert_eq!(sim.taken().await.len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_crash_between_download_order_and_confirm_order_allocates_one_profile() {
	let sim = Sim::start(3, None, false).await;
	let files = tempfile::tempdir().unwrap();
	let inventory = inventory_file(&files, 3);
	let chain = FakeChain::new();
	chain.request(7, &device(1));

	// The first gateway gets through downloadOrder and dies before anything reaches the chain.
	chain.script(&[false]);
	let (first, _) = gateway(&chain, &sim, &inventory);
	assert!(first.drive(7).await.is_err());
	drop(first);
	assert_eq!(chain.status(7), OrderStatus::Requested);
	let taken = sim.taken().await;
	assert_eq!((taken.len(), taken[0].state), (1, ProfileState::Allocated));

	// A fresh one, same inventory file, nothing in memory.
	let (second, metrics) = gateway(&chain, &sim, &inventory);
	second.resync().await.unwrap();

	assert_eq!(chain.status(7), OrderStatus::CodeReleased);
	assert_eq!(es2_calls(&metrics, "downloadOrder", "already_done"), 1, "the repeat collided");
	let taken = sim.taken().await;
	assert_eq!(taken.len(), 1, "exactly one profile for the order: {taken:?}");
	assert_eq!(taken[0].state, ProfileState::Released);
	assert!(chain.refused().is_empty(), "{:?}", chain.refused());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_crash_before_the_code_released_receipt_repeats_the_same_confirm_order() {
	let sim = Sim::start(3, None, false).await;
	let files = tempfile::tempdir().unwrap();
	let inventory = inventory_file(&files, 3);
	let chain = FakeChain::new();
	chain.request(7, &device(1));

	chain.script(&[true, false]);
	let (first, _) = gateway(&chain, &sim, &inventory);
	assert!(first.drive(7).await.is_err());
	drop(first);
	assert_eq!(chain.status(7), OrderStatus::Accepted);
	let matching_id = sim.taken().await[0].matching_id.clone();
	assert!(matching_id.is_some());

	let (second, metrics) = gateway(&chain, &sim, &inventory);
	second.resync().await.unwrap();

	assert_eq!(chain.status(7), OrderStatus::CodeReleased);
	assert_eq!(
		es2_calls(&metrics, "downloadOrder", "success")
			+ es2_calls(&metrics, "downloadOrder", "already_done"),
		0
	);
	assert_eq!(
		es2_calls(&metrics, "confirmOrder", "success"),
		1,
		"the SM-DP+ took the same confirmOrder again"
	);
	let taken = sim.taken().await;
	assert_eq!(taken.len(), 1);
	assert_eq!(taken[0].matching_id, matching_id, "derived, so the same after the crash");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_lost_inventory_record_is_found_again_by_the_commitment_on_chain() {
	let sim = Sim::start(3, None, false).await;
	let files = tempfile::tempdir().unwrap();
	let inventory = inventory_file(&files, 3);
	let chain = FakeChain::new();
	chain.request(7, &device(1));
	chain.script(&[true, false]);
	let (first, _) = gateway(&chain, &sim, &inventory);
	assert!(first.drive(7).await.is_err());
	drop(first);

	// The operator restores an inventory without the record.
	let inventory = inventory_file(&files, 3);
	let (second, _) = gateway(&chain, &sim, &inventory);
	second.resync().await.unwrap();

	assert_eq!(chain.status(7), OrderStatus::CodeReleased);
	let iccid = &sim.taken().await[0].iccid;
	assert_eq!(second.inventory().order_of(&iccid.parse().unwrap()), Some(7));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_order_cancelled_on_chain_is_cancelled_at_the_smdp_and_its_iccid_freed() {
	let sim = Sim::start(3, None, false).await;
	let files = tempfile::tempdir().unwrap();
	let inventory = inventory_file(&files, 3);
	let chain = FakeChain::new();
	chain.request(7, &device(1));
	let (driver, metrics) = gateway(&chain, &sim, &inventory);
	driver.resync().await.unwrap();
	assert_eq!(sim.taken().await.len(), 1);

	chain.cancel(7);
	driver
		.on_event(&RuntimeEvent::EsimProvisioning(
			pallet_esim_provisioning::Event::OrderCancelled {
				order: 7,
				entitlement: 7,
				reason: CancelReason::BySubscriber,
			},
		))
		.await;

	assert_eq!(es2_calls(&metrics, "cancelOrder", "success"), 1);
	assert!(sim.taken().await.is_empty());
	assert_eq!(driver.inventory().counts().free, 3);
	assert!(driver.open_orders().is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_order_cancelled_while_the_gateway_was_down_is_given_back_at_restart() {
	let sim = Sim::start(3, None, false).await;
	let files = tempfile::tempdir().unwrap();
	let inventory = inventory_file(&files, 3);
	let chain = FakeChain::new();
	chain.request(7, &device(1));
	let (first, _) = gateway(&chain, &sim, &inventory);
	first.resync().await.unwrap();
	drop(first);

	chain.cancel(7);
	let (second, metrics) = gateway(&chain, &sim, &inventory);
	second.resync().await.unwrap();

	assert_eq!(es2_calls(&metrics, "cancelOrder", "success"), 1);
	assert!(sim.taken().await.is_empty());
	assert_eq!(second.inventory().counts().free, 3);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn transport_errors_are_retried_with_backoff() {
	let sim = Sim::start(3, None, false).await;
	let files = tempfile::tempdir().unwrap();
	let inventory = inventory_file(&files, 3);
	let chain = FakeChain::new();
	chain.request(7, &device(1));
	let (driver, metrics) = gateway(&chain, &sim, &inventory);
	sim.http_error_next("downloadOrder", 2, 503).await;

	driver.drive(7).await.unwrap();

	assert_eq!(es2_calls(&metrics, "downloadOrder", "http_error"), 2);
	assert_eq!(chain.status(7), OrderStatus::CodeReleased);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_smdp_down_for_good_leaves_the_order_for_later_and_then_serves_it() {
	let sim = Sim::start(3, None, false).await;
	let files = tempfile::tempdir().unwrap();
	let inventory = inventory_file(&files, 3);
	let chain = FakeChain::new();
	chain.request(7, &device(1));
	let (driver, metrics) = gateway(&chain, &sim, &inventory);
	// More failures than one step's attempts (4).
	sim.http_error_next("confirmOrder", 5, 500).await;

	assert!(driver.drive(7).await.is_err());
	assert_eq!(
		chain.status(7),
		OrderStatus::Accepted,
		"nothing failed on chain for a transport problem"
	);
	tokio::time::sleep(std::time::Duration::from_millis(150)).await;
	driver.tick().await;

	assert_eq!(chain.status(7), OrderStatus::CodeReleased);
	assert_eq!(es2_calls(&metrics, "confirmOrder", "http_error"), 5);
	assert!(chain.refused().is_empty(), "{:?}", chain.refused());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn orders_of_other_operators_are_left_alone() {
	let sim = Sim::start(3, None, false).await;
	let files = tempfile::tempdir().unwrap();
	let inventory = inventory_file(&files, 3);
	let chain = FakeChain::new();
	chain.request_for(7, &device(1), sp_keyring::Sr25519Keyring::Charlie.to_account_id());
	let (driver, _) = gateway(&chain, &sim, &inventory);

	driver.resync().await.unwrap();
	driver.drive(7).await.unwrap();
	driver
		.on_event(&RuntimeEvent::EsimProvisioning(
			pallet_esim_provisioning::Event::ProfileRequested {
				order: 7,
				entitlement: 7,
				subscriber: telco(),
				telco: sp_keyring::Sr25519Keyring::Charlie.to_account_id(),
				serve_by: 100,
			},
		))
		.await;

	assert_eq!(chain.status(7), OrderStatus::Requested);
	assert!(sim.taken().await.is_empty());
	assert_eq!(driver.inventory().counts().free, 3);
}
