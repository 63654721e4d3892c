//! Benchmarks of eSIM provisioning, each in its worst case: the fullest device-key list and
//! order list, an EID binding to check, receipts with the longest payload, a refund through
//! the real catalog and escrow in the runtime.
//!
//! They also run as unit tests against the mock (`impl_benchmark_test_suite!` below). Receipts
//! are signed in the benchmark through the keystore host functions, as a gateway would sign
//! them.

use super::*;
use alloc::{vec, vec::Vec};
use frame_benchmarking::v2::*;
use frame_support::{traits::Get, BoundedVec};
use frame_system::{pallet_prelude::BlockNumberFor, RawOrigin};
use gesim_primitives::{EntitlementId, OnPlanSwitch, OrderId, ProtocolParameters};
use sp_core::{crypto::KeyTypeId, ed25519};
use sp_runtime::traits::{Saturating, Zero};

const RECEIPT_KEY_TYPE: KeyTypeId = KeyTypeId(*b"gsmr");

/// An operator with a receipt key in the keystore, a subscriber with a full list of device
/// keys, and an entitlement of the subscriber's from the operator.
struct Setup<T: Config> {
	telco: T::AccountId,
	subscriber: T::AccountId,
	receipt_key: ed25519::Public,
	device_key: DeviceKey,
	entitlement: EntitlementId,
	eid: gesim_primitives::EidCommitment,
}

fn setup<T: Config>() -> Setup<T> {
	let telco: T::AccountId = account("telco", 0, 0);
	let subscriber: T::AccountId = account("subscriber", 0, 0);
	let receipt_key = sp_io::crypto::ed25519_generate(RECEIPT_KEY_TYPE, None);
	T::BenchmarkHelper::register_telco(&telco, receipt_key.0);
	let (entitlement, eid) = T::BenchmarkHelper::entitlement(&subscriber, &telco);
	let keys: BoundedVec<DeviceKey, T::MaxDeviceKeys> = (0..T::MaxDeviceKeys::get())
		.map(|i| device_key(i))
		.collect::<Vec<_>>()
		.try_into()
		.unwrap();
	let device_key = *keys.last().expect("at least one device key");
	DeviceKeys::<T>::insert(&subscriber, keys);
	Setup { telco, subscriber, receipt_key, device_key, entitlement, eid }
}

fn device_key(i: u32) -> DeviceKey {
	let mut key = [0xD0; 32];
	key[..4].copy_from_slice(&i.to_le_bytes());
	key
}

fn binding<T: Config>(s: &Setup<T>) -> EidBinding {
	EidBinding {
		commitment: s.eid,
		sealed_opening: vec![0x5E; MAX_SEALED_EID_LEN as usize].try_into().unwrap(),
	}
}

/// Fills `entitlement`'s order list but one with cancelled orders, then orders a profile.
fn order<T: Config>(s: &Setup<T>) -> Result<OrderId, BenchmarkError> {
	for _ in 1..T::MaxOrdersPerEntitlement::get() {
		let id = request::<T>(s)?;
		Pallet::<T>::cancel_order(RawOrigin::Signed(s.subscriber.clone()).into(), id)?;
	}
	request::<T>(s)
}

fn request<T: Config>(s: &Setup<T>) -> Result<OrderId, BenchmarkError> {
	let id = NextOrderId::<T>::get();
	Pallet::<T>::request_profile(
		RawOrigin::Signed(s.subscriber.clone()).into(),
		s.entitlement,
		s.device_key,
		Some(binding(s)),
		true,
	)?;
	Ok(id)
}

fn sign<T: Config>(s: &Setup<T>, order: OrderId, receipt: &Receipt) -> ReceiptSignature {
	let genesis = frame_system::Pallet::<T>::block_hash(BlockNumberFor::<T>::zero());
	sp_io::crypto::ed25519_sign(
		RECEIPT_KEY_TYPE,
		&s.receipt_key,
		&receipt_payload(&genesis, order, receipt),
	)
	.expect("the key is in the keystore")
	.0
}

fn submit<T: Config>(s: &Setup<T>, order: OrderId, receipt: Receipt) -> Result<(), BenchmarkError> {
	let signature = sign(s, order, &receipt);
	Pallet::<T>::submit_receipt(
		RawOrigin::Signed(s.telco.clone()).into(),
		order,
		receipt,
		s.receipt_key.0,
		signature,
	)?;
	Ok(())
}

fn accepted() -> Receipt {
	Receipt::Accepted {
		iccid_commitment: [0xC0; 32],
		smdp_address: vec![b'a'; MAX_SMDP_ADDRESS_LEN as usize].try_into().unwrap(),
	}
}

fn code_released() -> Receipt {
	Receipt::CodeReleased {
		sealed_code: vec![0x5E; MAX_SEALED_CODE_LEN as usize].try_into().unwrap(),
	}
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn register_device_key() {
		let who: T::AccountId = whitelisted_caller();
		let keys: BoundedVec<DeviceKey, T::MaxDeviceKeys> = (1..T::MaxDeviceKeys::get())
			.map(device_key)
			.collect::<Vec<_>>()
			.try_into()
			.unwrap();
		DeviceKeys::<T>::insert(&who, keys);

		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), device_key(0));

		assert_eq!(DeviceKeys::<T>::get(&who).len() as u32, T::MaxDeviceKeys::get());
	}

	#[benchmark]
	fn remove_device_key() {
		let who: T::AccountId = whitelisted_caller();
		let keys: BoundedVec<DeviceKey, T::MaxDeviceKeys> = (0..T::MaxDeviceKeys::get())
			.map(device_key)
			.collect::<Vec<_>>()
			.try_into()
			.unwrap();
		let last = *keys.last().unwrap();
		DeviceKeys::<T>::insert(&who, keys);

		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), last);

		assert!(!DeviceKeys::<T>::get(&who).contains(&last));
	}

	#[benchmark]
	fn request_profile() -> Result<(), BenchmarkError> {
		let s = setup::<T>();
		for _ in 1..T::MaxOrdersPerEntitlement::get() {
			let id = request::<T>(&s)?;
			Pallet::<T>::cancel_order(RawOrigin::Signed(s.subscriber.clone()).into(), id)?;
		}
		let id = NextOrderId::<T>::get();

		#[extrinsic_call]
		_(
			RawOrigin::Signed(s.subscriber.clone()),
			s.entitlement,
			s.device_key,
			Some(binding(&s)),
			true,
		);

		assert!(Orders::<T>::get(id).is_some_and(|o| o.status == OrderStatus::Requested));
		Ok(())
	}

	/// The longest receipt: the signature covers the most bytes, the order grows the most.
	#[benchmark]
	fn submit_receipt_code_released() -> Result<(), BenchmarkError> {
		let s = setup::<T>();
		let id = order::<T>(&s)?;
		submit::<T>(&s, id, accepted())?;
		let receipt = code_released();
		let signature = sign(&s, id, &receipt);

		#[extrinsic_call]
		submit_receipt(RawOrigin::Signed(s.telco.clone()), id, receipt, s.receipt_key.0, signature);

		assert_eq!(Orders::<T>::get(id).map(|o| o.status), Some(OrderStatus::CodeReleased));
		Ok(())
	}

	/// The receipt that writes the most: the order, its entitlement's profile, the open index.
	#[benchmark]
	fn submit_receipt_installed() -> Result<(), BenchmarkError> {
		let s = setup::<T>();
		let id = order::<T>(&s)?;
		submit::<T>(&s, id, accepted())?;
		submit::<T>(&s, id, code_released())?;
		let receipt = Receipt::Installed { result_hash: [0xAB; 32] };
		let signature = sign(&s, id, &receipt);

		#[extrinsic_call]
		submit_receipt(RawOrigin::Signed(s.telco.clone()), id, receipt, s.receipt_key.0, signature);

		assert_eq!(Provisioning::<T>::get(s.entitlement).profile, Some(id));
		Ok(())
	}

	/// After the code was released: the entitlement is marked served too.
	#[benchmark]
	fn cancel_order() -> Result<(), BenchmarkError> {
		let s = setup::<T>();
		let id = order::<T>(&s)?;
		submit(&s, id, accepted())?;
		submit(&s, id, code_released())?;

		#[extrinsic_call]
		_(RawOrigin::Signed(s.subscriber.clone()), id);

		assert!(!OpenOrders::<T>::contains_key(&s.telco, id));
		assert!(Provisioning::<T>::get(s.entitlement).served);
		Ok(())
	}

	/// Past the deadline: the order is cancelled too, and the runtime's catalog and escrow end
	/// the entitlement and pay the refund.
	#[benchmark]
	fn refund_unserved() -> Result<(), BenchmarkError> {
		let s = setup::<T>();
		let id = order::<T>(&s)?;
		let past = frame_system::Pallet::<T>::block_number()
			.saturating_add(T::Parameters::service_deadline())
			.saturating_add(1u32.into());
		frame_system::Pallet::<T>::set_block_number(past);
		let caller: T::AccountId = whitelisted_caller();

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), id);

		assert!(Provisioning::<T>::get(s.entitlement).refunded);
		Ok(())
	}

	#[benchmark]
	fn prune_orders(
		o: Linear<1, { T::MaxOrdersPerEntitlement::get() }>,
	) -> Result<(), BenchmarkError> {
		let s = setup::<T>();
		for _ in 0..o {
			let id = request::<T>(&s)?;
			Pallet::<T>::cancel_order(RawOrigin::Signed(s.subscriber.clone()).into(), id)?;
		}
		T::BenchmarkHelper::close_entitlement(s.entitlement);
		let caller: T::AccountId = whitelisted_caller();

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), s.entitlement);

		assert!(!Provisioning::<T>::contains_key(s.entitlement));
		Ok(())
	}

	/// A plan switch moving an installed profile (what the catalog's `switch_plan` adds).
	#[benchmark]
	fn carry_profile_over() -> Result<(), BenchmarkError> {
		let s = setup::<T>();
		let id = order::<T>(&s)?;
		submit::<T>(&s, id, accepted())?;
		submit::<T>(&s, id, code_released())?;
		submit::<T>(&s, id, Receipt::Installed { result_hash: [0xAB; 32] })?;
		let (to, _) = T::BenchmarkHelper::entitlement(&s.subscriber, &s.telco);

		#[block]
		{
			<Pallet<T> as OnPlanSwitch>::switched(s.entitlement, to);
		}

		assert_eq!(Provisioning::<T>::get(to).profile, Some(id));
		Ok(())
	}

	impl_benchmark_test_suite!(
		Pallet,
		crate::tests::mock::new_test_ext(),
		crate::tests::mock::Test
	);
}
