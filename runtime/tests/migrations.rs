//! The runtime's migrations, as a live chain at storage version 0 would run them on upgrade.

mod common;

use common::{
	ext_from_preset,
	usage::{buy, subscriber, telco},
};
use frame_support::traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion};
use gesim_primitives::stablecoin;
use gesim_primitives::UsageSubject;
use gesim_primitives::{PlanBounds, ProtocolParameters};
use gesim_runtime::migrations::parameters_to_governance as old;
use gesim_runtime::{Escrow, Migrations, PlanCatalog, Roaming, SbtIdentity, TelcoRegistry};
use gesim_runtime::{Governance, Metering, Runtime};
use gesim_zk_verifier::CircuitId;

#[test]
fn a_chain_at_version_0_is_migrated_to_every_pallets_code_version_once() {
	ext_from_preset("development").execute_with(|| {
		buy(1_000_000, stablecoin::DOLLAR);
		StorageVersion::new(0).put::<Escrow>();
		StorageVersion::new(0).put::<PlanCatalog>();
		StorageVersion::new(0).put::<TelcoRegistry>();
		StorageVersion::new(0).put::<Roaming>();
		StorageVersion::new(0).put::<SbtIdentity>();
		// Version 0 bound EID commitments without indexing their holder.
		let eid = [0xE7; 32];
		pallet_sbt_identity::Identities::<gesim_runtime::Runtime>::mutate(
			subscriber(),
			|identity| identity.as_mut().unwrap().eid_commitments.try_push(eid).unwrap(),
		);
		// Version 0 stored intents without their grace: write one back in that shape.
		let (id, intent) = pallet_escrow::Intents::<gesim_runtime::Runtime>::iter().next().unwrap();
		let old = pallet_escrow::migrations::v1::IntentV0 {
			payer: intent.payer,
			payee: intent.payee,
			paid: intent.paid,
			held: intent.held,
			released: intent.released,
			margin: intent.margin,
			refunded: intent.refunded,
			expires_at: intent.expires_at,
			status: intent.status,
			queued_in: intent.queued_in.map(|slot| slot.bucket),
		};
		let bucket = intent.queued_in.unwrap().bucket;
		frame_support::storage::unhashed::put(
			&pallet_escrow::Intents::<gesim_runtime::Runtime>::hashed_key_for(id),
			&old,
		);
		// Version 0 of metering: a key of a superseded usage circuit, and a commitment waiting
		// under it in the shape without networks and clock.
		let live = pallet_metering::VerifyingKeys::<Runtime>::get(CircuitId::Usage64, 1).unwrap();
		pallet_metering::VerifyingKeys::<Runtime>::insert(CircuitId::UsageSum64, 1, live);
		let waiting = (
			UsageSubject::Entitlement(0),
			pallet_metering::KeyId { circuit: CircuitId::UsageSum64, version: 1 },
			[7u8; 32],
			pallet_metering::UsagePeriod { start: 1, end: 2 },
			1u32,
		);
		frame_support::storage::unhashed::put(
			&pallet_metering::PendingUsage::<Runtime>::hashed_key_for(telco(), 4),
			&waiting,
		);
		pallet_metering::PendingCount::<Runtime>::insert(telco(), 1);
		pallet_metering::NextNonce::<Runtime>::insert(telco(), 5);
		StorageVersion::new(0).put::<Metering>();
		let _ = pallet_escrow::ExpiryPages::<gesim_runtime::Runtime>::clear(u32::MAX, None);
		let _ = pallet_escrow::ExpiryQueue::<gesim_runtime::Runtime>::clear(u32::MAX, None);
		pallet_escrow::migrations::v1::Expiring::<gesim_runtime::Runtime>::insert(
			bucket,
			frame_support::BoundedVec::truncate_from(vec![id]),
		);

		// Before governance version 1, each pallet stored its own parameters, and the
		// settlement grace was a raw storage override.
		let _ = pallet_governance::Parameters::<Runtime>::clear(u32::MAX, None);
		StorageVersion::new(0).put::<Governance>();
		old::ProtocolMarginBps::put(300);
		old::ServiceDeadline::put(777);
		old::Bounds::put(PlanBounds { min_price: 123, max_validity: 456 });
		old::NettingPeriod::put(99);
		frame_support::storage::unhashed::put(
			&<frame_support::Twox128 as frame_support::StorageHasher>::hash(
				old::SETTLEMENT_GRACE_KEY,
			),
			&55u32,
		);

		Migrations::on_runtime_upgrade();

		assert_eq!(Governance::on_chain_storage_version(), 1);
		assert_eq!(Governance::protocol_margin(), 300);
		assert_eq!(Governance::service_deadline(), 777);
		assert_eq!(Governance::plan_bounds(), PlanBounds { min_price: 123, max_validity: 456 });
		assert_eq!(Governance::netting_period(), 99);
		assert_eq!(Governance::settlement_grace(), 55);
		assert!(!old::ProtocolMarginBps::exists() && !old::NettingPeriod::exists());
		assert!(!old::ServiceDeadline::exists() && !old::Bounds::exists());
		assert!(!frame_support::storage::unhashed::exists(
			&<frame_support::Twox128 as frame_support::StorageHasher>::hash(
				old::SETTLEMENT_GRACE_KEY
			)
		));
		assert_eq!(Governance::challenge_window(), 3 * gesim_primitives::parameters::DAY);
		assert_eq!(Escrow::on_chain_storage_version(), Escrow::in_code_storage_version());
		assert_eq!(PlanCatalog::on_chain_storage_version(), PlanCatalog::in_code_storage_version());
		assert_eq!(
			TelcoRegistry::on_chain_storage_version(),
			TelcoRegistry::in_code_storage_version()
		);
		assert_eq!(Roaming::on_chain_storage_version(), Roaming::in_code_storage_version());
		assert_eq!(SbtIdentity::on_chain_storage_version(), SbtIdentity::in_code_storage_version());
		assert_eq!(Metering::on_chain_storage_version(), Metering::in_code_storage_version());
		// The superseded key verifies nothing more; the waiting commitment is gone, its nonce
		// stays consumed, and the live key is untouched.
		assert!(
			pallet_metering::VerifyingKeys::<Runtime>::get(CircuitId::UsageSum64, 1)
				.unwrap()
				.retired
		);
		assert!(
			!pallet_metering::VerifyingKeys::<Runtime>::get(CircuitId::Usage64, 1)
				.unwrap()
				.retired
		);
		assert_eq!(pallet_metering::PendingUsage::<Runtime>::iter_keys().count(), 0);
		assert_eq!(pallet_metering::PendingCount::<Runtime>::get(telco()), 0);
		assert_eq!(pallet_metering::NextNonce::<Runtime>::get(telco()), 5);
		assert_eq!(
			pallet_sbt_identity::EidHolders::<gesim_runtime::Runtime>::get(eid),
			Some(subscriber())
		);
		let migrated = pallet_escrow::Intents::<gesim_runtime::Runtime>::get(id).unwrap();
		assert_eq!(migrated.settlement_grace, 55, "intents keep the grace the chain had");
		assert_eq!(migrated.queued_in, Some(pallet_escrow::QueueSlot { bucket, page: 0 }));
		Escrow::do_check_invariants().expect("escrow conserves after the upgrade");
		Roaming::do_check_invariants().expect("roaming books agree after the upgrade");
		PlanCatalog::do_check_indexes().expect("catalog indexes agree after the upgrade");

		// Run again: every migration sees its version and does nothing.
		let before = pallet_escrow::Intents::<gesim_runtime::Runtime>::get(id);
		Migrations::on_runtime_upgrade();
		assert_eq!(pallet_escrow::Intents::<gesim_runtime::Runtime>::get(id), before);
	});
}
