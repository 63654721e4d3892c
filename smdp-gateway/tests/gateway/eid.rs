//! Orders bound to an EID: the opening the device sealed to the receipt key, opened, checked
//! against the commitment, and passed to the SM-DP+; anything else fails the order.

use crate::common::*;
use gesim_esim_protocol::{
	eid_opening::{self, EidOpening, OpeningContext},
	Eid,
};
use gesim_smdp_gateway::chain::Chain;
use pallet_esim_provisioning::{EidBinding, GsmaStatus, OrderStatus};
use rand::rngs::OsRng;
use sp_core::{crypto::Pair as _, ed25519};

const EID: &str = "89049032000001000000000000000017";

fn opening(eid: &str, salt: u8) -> EidOpening {
	EidOpening { eid: Eid::parse(eid).unwrap(), salt: [salt; 32] }
}

fn commitment(opening: &EidOpening) -> [u8; 32] {
	gesim_zk::eid::eid_commitment_bytes(opening.eid.as_str(), &opening.salt).unwrap()
}

/// `opening` sealed by the device of order `order` (entitlement `order`, as FakeChain has it) to
/// `receipt_key`, under `commitment`.
fn binding(
	chain: &FakeChain,
	order: u64,
	receipt_key: [u8; 32],
	opening: &EidOpening,
	commitment: [u8; 32],
) -> EidBinding {
	let genesis = chain.genesis_hash();
	let context = OpeningContext {
		genesis_hash: genesis.as_fixed_bytes(),
		entitlement: order as u32,
		commitment: &commitment,
	};
	let sealed = eid_opening::seal(&receipt_key, context, opening, &mut OsRng).unwrap();
	EidBinding { commitment, sealed_opening: sealed.try_into().unwrap() }
}

fn eid_mismatch() -> OrderStatus {
	OrderStatus::Failed(GsmaStatus {
		subject: b"8.1.1".to_vec().try_into().unwrap(),
		reason: b"3.8".to_vec().try_into().unwrap(),
	})
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_eid_bound_order_is_ordered_and_confirmed_for_that_eid() {
	let sim = Sim::start(3, None, false).await;
	let files = tempfile::tempdir().unwrap();
	let inventory = inventory_file(&files, 3);
	let chain = FakeChain::new();
	let opening = opening(EID, 9);
	chain.request_bound(
		7,
		&device(1),
		binding(&chain, 7, receipt_key().public(), &opening, commitment(&opening)),
	);
	let (driver, _) = gateway(&chain, &sim, &inventory);

	driver.resync().await.unwrap();

	assert_eq!(chain.status(7), OrderStatus::CodeReleased);
	let taken = sim.taken().await;
	assert_eq!(taken.len(), 1, "{taken:?}");
	assert_eq!(taken[0].eid.as_deref(), Some(EID), "the SM-DP+ holds the order for this EID only");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_eid_opening_that_does_not_open_or_match_fails_the_order_and_takes_no_profile() {
	let sim = Sim::start(3, None, false).await;
	let files = tempfile::tempdir().unwrap();
	let inventory = inventory_file(&files, 3);
	let chain = FakeChain::new();
	let right = opening(EID, 9);
	// Sealed to another operator's receipt key.
	let another_operator = ed25519::Pair::from_string("//Bob", None).unwrap().public().0;
	chain.request_bound(
		1,
		&device(1),
		binding(&chain, 1, another_operator, &right, commitment(&right)),
	);
	// Sealed to this operator, but the EID and salt are not the commitment's: a device that
	// holds one commitment and names another EID.
	let other_eid = opening("89049032000001000000000000000025", 9);
	chain.request_bound(
		2,
		&device(1),
		binding(&chain, 2, receipt_key().public(), &other_eid, commitment(&right)),
	);
	// Sealed for another entitlement (copied from order 1's request).
	let copied = binding(&chain, 1, receipt_key().public(), &right, commitment(&right));
	chain.request_bound(3, &device(1), copied);
	// Not a sealed opening at all.
	chain.request_bound(
		4,
		&device(1),
		EidBinding {
			commitment: commitment(&right),
			sealed_opening: vec![0; 124].try_into().unwrap(),
		},
	);
	let (driver, _) = gateway(&chain, &sim, &inventory);

	driver.resync().await.unwrap();

	for order in 1..=4 {
		assert_eq!(chain.status(order), eid_mismatch(), "order {order}");
	}
	assert!(sim.taken().await.is_empty(), "no profile reserved at the SM-DP+");
	assert!(
		driver.inventory().snapshot().iter().all(|entry| entry.is_free()),
		"no profile taken from the inventory"
	);
}
