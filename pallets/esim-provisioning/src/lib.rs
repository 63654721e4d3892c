//! # eSIM provisioning
//!
//! Turns an entitlement into an eSIM profile on the subscriber's device, through the serving
//! operator's SM-DP+, with every step on chain and nothing in clear.
//!
//! - A subscriber registers its device's X25519 key (`register_device_key`, signed by its
//!   account) and requests a profile for a live entitlement (`request_profile`), optionally
//!   bound to an EID its identity holds a commitment to (the opening sealed to the operator).
//!   An entitlement has at most one open order. A top-up keeps the entitlement, and a plan
//!   switch carries its installed profile over ([`gesim_primitives::OnPlanSwitch`]), so
//!   neither needs a new order unless the subscriber asks for a new profile.
//! - The operator's SM-DP+ gateway follows the chain, runs ES2+ against its SM-DP+ and reports
//!   each step as a [`Receipt`] signed with the SM-DP+ receipt key the telco registry holds
//!   ([`gesim_primitives::ReceiptKeys`], rotation honoured for its grace): accepted (a salted
//!   ICCID commitment and the SM-DP+ address), activation code released (sealed to the device
//!   key, bound to this chain and order), downloaded, installed (hash of the eUICC-signed
//!   installation result), enabled, deleted, or failed with the GSMA status code. The chain
//!   checks the key, the signature, the submitter and the state machine: a receipt out of
//!   order or repeated changes nothing.
//! - Money: if the operator has not released an activation code by the order's service
//!   deadline (a governed number of blocks), or the SM-DP+ failed the order, the entitlement
//!   is revoked with everything its escrow holds refunded (`refund_unserved`): by anyone once
//!   the deadline passed, by the subscriber after a failure (it may instead retry). An
//!   entitlement a profile ever served is never refunded this way: it was delivered, and its
//!   unused part comes back at expiry as usual. A code the subscriber received and then
//!   withdrew from (`cancel_order` after `CodeReleased`) counts as served: otherwise a
//!   subscriber could keep a working code, never report the installation, and be refunded
//!   when a later order fails.
//! - Storage: an order needs a live entitlement, an entitlement at most `MaxOrdersPerEntitlement`
//!   orders, an account at most `MaxDeviceKeys` keys. Orders of an entitlement that was closed
//!   are removed by anyone (`prune_orders`, free when it succeeds).
//!
//! Receipts are submitted by the operator's own account and signed by its receipt key: the
//! transaction key pays, the receipt key (kept beside the SM-DP+) attests, and neither alone
//! can forge a step.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod features;
#[cfg(test)]
mod tests;
pub mod types;
pub mod weights;

pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

/// What benchmarks need from the runtime: an operator with a receipt key the benchmark can
/// sign with, and an entitlement of a subscriber it serves.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId> {
	/// Makes `telco` an active operator whose receipt key is `receipt_key`.
	fn register_telco(telco: &AccountId, receipt_key: ReceiptKey);
	/// A fresh, live entitlement of `holder` served by `telco`, and an EID commitment
	/// `holder`'s live identity holds.
	fn entitlement(
		holder: &AccountId,
		telco: &AccountId,
	) -> (gesim_primitives::EntitlementId, gesim_primitives::EidCommitment);
	/// Closes `entitlement` for good (its validity and escrow over).
	fn close_entitlement(entitlement: gesim_primitives::EntitlementId);
}

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::pallet_prelude::*;
	use frame_system::pallet_prelude::*;
	use gesim_primitives::{
		EntitlementId, EntitlementLedger, IdentityInspect, OrderId, ProtocolParameters,
		ReceiptKeys, StablecoinAmount,
	};

	/// 0: the layout since launch.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The entitlements profiles are ordered for; revokes the undelivered ones.
		type Entitlements: EntitlementLedger<Self::AccountId, BlockNumberFor<Self>>;

		/// Subscribers' identities and the EID commitments they hold.
		type Identity: IdentityInspect<Self::AccountId>;

		/// The keys operators' gateways sign receipts with.
		type ReceiptKeys: ReceiptKeys<Self::AccountId>;

		/// The protocol parameters; the service deadline is read from them at each request.
		type Parameters: ProtocolParameters<BlockNumberFor<Self>>;

		/// Device keys one account may register.
		#[pallet::constant]
		type MaxDeviceKeys: Get<u32>;

		/// Orders one entitlement may have had (failed and cancelled ones included).
		#[pallet::constant]
		type MaxOrdersPerEntitlement: Get<u32>;

		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;

		/// Sets up operators and entitlements for the benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AccountId>;
	}

	/// The device keys each account registered.
	#[pallet::storage]
	pub type DeviceKeys<T: Config> = StorageMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		BoundedVec<DeviceKey, T::MaxDeviceKeys>,
		ValueQuery,
	>;

	/// The id the next order gets.
	#[pallet::storage]
	pub type NextOrderId<T> = StorageValue<_, OrderId, ValueQuery>;

	/// Orders, until their entitlement is closed and they are pruned.
	#[pallet::storage]
	pub type Orders<T: Config> = StorageMap<_, Twox64Concat, OrderId, OrderOf<T>>;

	/// What each entitlement has had ordered and what serves it.
	#[pallet::storage]
	pub type Provisioning<T: Config> = StorageMap<
		_,
		Twox64Concat,
		EntitlementId,
		EntitlementProvisioning<T::MaxOrdersPerEntitlement>,
		ValueQuery,
	>;

	/// Open orders by operator: what its gateway has to act on.
	#[pallet::storage]
	pub type OpenOrders<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, T::AccountId, Twox64Concat, OrderId, ()>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// `who` registered device key `key`.
		DeviceKeyRegistered { who: T::AccountId, key: DeviceKey },
		/// `who` removed device key `key`; orders made with it keep it.
		DeviceKeyRemoved { who: T::AccountId, key: DeviceKey },
		/// `subscriber` asked `telco` for a profile for `entitlement`; the activation code is
		/// due by block `serve_by`.
		ProfileRequested {
			order: OrderId,
			entitlement: EntitlementId,
			subscriber: T::AccountId,
			telco: T::AccountId,
			serve_by: BlockNumberFor<T>,
		},
		/// The SM-DP+ allocated a profile for `order`.
		OrderAccepted { order: OrderId, iccid_commitment: [u8; 32], smdp_address: SmdpAddress },
		/// The activation code of `order` is on chain, sealed to its device key.
		ActivationCodeReleased { order: OrderId },
		/// The device downloaded the profile of `order`.
		ProfileDownloaded { order: OrderId },
		/// The eUICC installed the profile of `order`; `result_hash` is the hash of its signed
		/// installation result.
		ProfileInstalled { order: OrderId, entitlement: EntitlementId, result_hash: [u8; 32] },
		/// The profile of `order` was enabled.
		ProfileEnabled { order: OrderId },
		/// The profile of `order` was deleted from the eUICC.
		ProfileDeleted { order: OrderId },
		/// The SM-DP+ failed `order` with `status`.
		OrderFailed { order: OrderId, entitlement: EntitlementId, status: GsmaStatus },
		/// `order` was cancelled.
		OrderCancelled { order: OrderId, entitlement: EntitlementId, reason: CancelReason },
		/// `entitlement` was never delivered: revoked, and `refunded` went back to its holder.
		EntitlementRefunded {
			entitlement: EntitlementId,
			order: OrderId,
			refunded: StablecoinAmount,
		},
		/// The profile of `order` now serves `to` as well, which replaced `from` by a plan switch.
		ProfileCarriedOver { order: OrderId, from: EntitlementId, to: EntitlementId },
		/// The orders of closed entitlement `entitlement` were removed.
		OrdersPruned { entitlement: EntitlementId, orders: u32 },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// An all-zero key is no X25519 public key.
		InvalidDeviceKey,
		/// The account registered this device key already.
		DeviceKeyAlreadyRegistered,
		/// The account registered as many device keys as allowed.
		TooManyDeviceKeys,
		/// The account registered no such device key.
		UnknownDeviceKey,
		/// No entitlement has this id.
		UnknownEntitlement,
		/// Only the entitlement's holder may order a profile for it.
		NotHolder,
		/// The entitlement's validity has ended.
		EntitlementExpired,
		/// The subscriber's identity holds no such EID commitment.
		EidNotBound,
		/// The sealed EID opening is too short to be a ciphertext.
		MalformedSealedEid,
		/// The entitlement has an open order already.
		OrderAlreadyOpen,
		/// A profile serves the entitlement already; ask for a new one explicitly.
		ProfileAlreadyInstalled,
		/// The entitlement has had as many orders as allowed.
		TooManyOrders,
		/// Every order id has been used.
		NoOrderIdLeft,
		/// No order has this id.
		UnknownOrder,
		/// Only the operator serving the order submits its receipts.
		NotServingOperator,
		/// The key is not the operator's receipt key (another operator's, or rotated out and
		/// past its grace).
		ReceiptKeyNotValid,
		/// The signature does not verify for this receipt, order and chain.
		InvalidReceiptSignature,
		/// The order is at this step already.
		DuplicateReceipt,
		/// The receipt does not follow from the order's step.
		ReceiptOutOfOrder,
		/// The order is failed, cancelled or its profile deleted: no receipt changes it.
		OrderClosed,
		/// The SM-DP+ address is empty.
		EmptySmdpAddress,
		/// The sealed activation code is too short to be a ciphertext.
		MalformedSealedCode,
		/// The GSMA status code is not dot-separated numbers.
		MalformedStatusCode,
		/// Only the order's subscriber may do this.
		NotSubscriber,
		/// The order is not open: nothing to cancel.
		OrderNotOpen,
		/// Only the entitlement's latest order counts.
		NotLatestOrder,
		/// The order is neither failed nor past its service deadline unserved.
		NotRefundable,
		/// A profile served the entitlement: it was delivered.
		EntitlementWasServed,
		/// The entitlement was refunded already.
		AlreadyRefunded,
		/// The entitlement is not closed: its orders stay.
		EntitlementStillOpen,
		/// The entitlement has no orders to prune.
		NothingToPrune,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(T::MaxDeviceKeys::get() > 0, "subscribers must be able to register a key");
			assert!(T::MaxOrdersPerEntitlement::get() > 0, "an entitlement must take an order");
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_check_indexes().map_err(Into::into)
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Register `key`, the X25519 public key of one of the caller's devices, to have
		/// activation codes sealed to it.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::register_device_key())]
		pub fn register_device_key(origin: OriginFor<T>, key: DeviceKey) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_register_device_key(who, key)
		}

		/// Remove device key `key`; orders made with it keep it.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::remove_device_key())]
		pub fn remove_device_key(origin: OriginFor<T>, key: DeviceKey) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_remove_device_key(who, key)
		}

		/// Ask the operator serving `entitlement` for an eSIM profile, its activation code
		/// sealed to `device_key` (registered by the caller) and, if `eid` is given, bound to
		/// that EID. `new_profile` asks for another profile while one serves the entitlement
		/// (a new device).
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::request_profile())]
		pub fn request_profile(
			origin: OriginFor<T>,
			entitlement: EntitlementId,
			device_key: DeviceKey,
			eid: Option<EidBinding>,
			new_profile: bool,
		) -> DispatchResult {
			let subscriber = ensure_signed(origin)?;
			Self::do_request_profile(subscriber, entitlement, device_key, eid, new_profile)
		}

		/// Report a step of `order`: `receipt`, signed by `signer`, the operator's receipt key,
		/// over [`receipt_payload`]. Only the operator serving the order submits it.
		#[pallet::call_index(3)]
		#[pallet::weight(Pallet::<T>::submit_receipt_weight())]
		pub fn submit_receipt(
			origin: OriginFor<T>,
			order: OrderId,
			receipt: Receipt,
			signer: ReceiptKey,
			signature: ReceiptSignature,
		) -> DispatchResult {
			let telco = ensure_signed(origin)?;
			Self::do_submit_receipt(telco, order, receipt, signer, signature)
		}

		/// Withdraw an open `order` (the operator's gateway cancels it at the SM-DP+). The
		/// entitlement may order again.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::cancel_order())]
		pub fn cancel_order(origin: OriginFor<T>, order: OrderId) -> DispatchResult {
			let subscriber = ensure_signed(origin)?;
			Self::do_cancel_order(subscriber, order)
		}

		/// Revoke the entitlement of `order` and refund everything its escrow holds: the
		/// order is unserved past its deadline (anyone may call) or failed (its subscriber
		/// may), and no profile ever served the entitlement. Free when it succeeds.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::refund_unserved())]
		pub fn refund_unserved(origin: OriginFor<T>, order: OrderId) -> DispatchResultWithPostInfo {
			let caller = ensure_signed(origin)?;
			Self::do_refund_unserved(caller, order)?;
			Ok(Pays::No.into())
		}

		/// Remove the orders of `entitlement` once it is closed. Anyone may call it; it is free
		/// when it succeeds.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::prune_orders(T::MaxOrdersPerEntitlement::get()))]
		pub fn prune_orders(
			origin: OriginFor<T>,
			entitlement: EntitlementId,
		) -> DispatchResultWithPostInfo {
			ensure_signed(origin)?;
			let pruned = Self::do_prune_orders(entitlement)?;
			Ok(frame_support::dispatch::PostDispatchInfo {
				actual_weight: Some(T::WeightInfo::prune_orders(pruned)),
				pays_fee: Pays::No,
			})
		}

		// Index 7 was `set_service_deadline`, now `governance.set_parameter`.
	}
}

impl<T: Config> Pallet<T> {
	/// The most a receipt costs: the longest one to verify and store, or the one that writes
	/// the most.
	pub fn submit_receipt_weight() -> frame_support::weights::Weight {
		T::WeightInfo::submit_receipt_code_released().max(T::WeightInfo::submit_receipt_installed())
	}
}

/// An order as stored.
pub type OrderOf<T> = ProvisioningOrder<
	<T as frame_system::Config>::AccountId,
	frame_system::pallet_prelude::BlockNumberFor<T>,
>;

/// An order with its id, as stored.
pub type OrderViewOf<T> = OrderView<
	<T as frame_system::Config>::AccountId,
	frame_system::pallet_prelude::BlockNumberFor<T>,
>;
