//! # Lent devices and hardware swaps
//!
//! Operators lend physical devices: routers, customer premises equipment, hotspots, the
//! antennas of a community mesh. Each is a pallet-nfts item in a collection this pallet's
//! account owns, and unlike identities and entitlements it is transferable: whoever has the
//! device holds the item, and hands it on with pallet-nfts' own `transfer` (an operator lending
//! a router to a subscriber, a subscriber giving it back). What the item stands for is kept
//! here: the lending operator, the kind of device and the hash of its serial number.
//!
//! - [`Pallet::register_device`]: an active operator registers a device it has, paying
//!   [`Config::DeviceDeposit`] (pallet-nfts' item deposit, which the pallet account pays);
//!   the item is minted to it. A serial hash is registered once, so one unit cannot stand
//!   behind two items.
//! - [`Pallet::retire_device`]: the lender, holding the device again, burns its item and gets
//!   the deposit back. An item its holder burnt (a device lost or destroyed) can be retired
//!   too.
//!
//! ## Hardware swaps
//! When a lent device fails, a dispute's ruling can propose a swap (BandShare's hardware
//! swap), through [`gesim_primitives::DeviceSwaps`]: the claimant hands over the failed device
//! and the respondent a working one, at a meetup whose place and time only the parties know —
//! the chain keeps a hash of them as the commitment either can reveal later as evidence. Both
//! devices are locked in pallet-nfts from the proposal on (no transfer, sale or burn), so
//! neither side can give its device away before the meetup.
//! - [`Pallet::accept_swap`]: each holder accepts once the exchange took place; at the
//!   second acceptance both items change hands and unlock.
//! - [`Pallet::decline_swap`]: either holder calls it off before then; both unlock.
//! - [`Pallet::expire_swap`]: anyone clears a swap not accepted within
//!   [`Config::SwapAcceptancePeriod`]; both unlock.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod collection;
#[cfg(any(test, feature = "try-runtime"))]
mod invariants;
mod swaps;
#[cfg(test)]
mod tests;
pub mod types;
pub mod weights;

pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

/// Log target of this pallet.
pub const LOG_TARGET: &str = "runtime::devices";

/// What benchmarks need from the runtime that this pallet cannot do itself.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId> {
	/// Makes `telco` an active operator in `Config::Telcos`.
	fn make_active_telco(telco: &AccountId);
}

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::{
		pallet_prelude::*,
		traits::{
			fungible::{Inspect as FungibleInspect, Mutate},
			tokens::{
				nonfungibles_v2::{Create, Inspect, Mutate as NftMutate, Transfer},
				Fortitude, Preservation,
			},
		},
		PalletId,
	};
	use frame_system::pallet_prelude::*;
	use gesim_primitives::{DeviceId, SwapId, TelcoInspect};
	use pallet_nfts::ItemConfig;
	use sp_core::H256;
	use sp_runtime::traits::Zero;

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// The operators; only an active one registers devices.
		type Telcos: TelcoInspect<Self::AccountId>;
		/// The native token device deposits are paid in (pallet-nfts' currency).
		type Currency: Mutate<Self::AccountId>;
		/// pallet-nfts' collection id.
		type CollectionId: Member + Parameter + MaxEncodedLen + Copy;
		/// pallet-nfts, through its traits; its item ids are the device ids.
		type Nfts: Inspect<Self::AccountId, CollectionId = Self::CollectionId, ItemId = DeviceId>
			+ Create<Self::AccountId, DeviceCollectionConfig<Self>>
			+ NftMutate<Self::AccountId, ItemConfig>
			+ Transfer<Self::AccountId>;
		/// Seed of this pallet's account, which owns the device collection.
		#[pallet::constant]
		type PalletId: Get<PalletId>;
		/// What the lender pays the pallet account per device; at least pallet-nfts'
		/// `ItemDeposit`, which the pallet account reserves when minting.
		#[pallet::constant]
		type DeviceDeposit: Get<BalanceOf<Self>>;
		/// Most devices one operator may have registered at a time.
		#[pallet::constant]
		type MaxDevicesPerLender: Get<u32>;
		/// How long the holders have to meet and both accept a proposed swap.
		#[pallet::constant]
		type SwapAcceptancePeriod: Get<BlockNumberFor<Self>>;
		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;
		/// Sets up what benchmarks need from other pallets.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AccountId>;
	}

	/// The pallet-nfts collection devices are items of, once created.
	#[pallet::storage]
	pub type DeviceCollection<T: Config> = StorageValue<_, T::CollectionId>;

	/// The id the next registered device gets.
	#[pallet::storage]
	pub type NextDeviceId<T> = StorageValue<_, DeviceId, ValueQuery>;

	/// Every registered device not retired.
	#[pallet::storage]
	pub type Devices<T: Config> = StorageMap<
		_,
		Twox64Concat,
		DeviceId,
		LentDevice<T::AccountId, BalanceOf<T>, BlockNumberFor<T>>,
	>;

	/// The device registered under each serial hash.
	#[pallet::storage]
	pub type SerialHashes<T: Config> = StorageMap<_, Identity, H256, DeviceId>;

	/// How many devices each operator has registered and not retired.
	#[pallet::storage]
	pub type DevicesPerLender<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, u32, ValueQuery>;

	/// The number the next swap gets.
	#[pallet::storage]
	pub type NextSwapId<T> = StorageValue<_, SwapId, ValueQuery>;

	/// Swaps proposed and not yet completed, declined or expired.
	#[pallet::storage]
	pub type Swaps<T: Config> = StorageMap<_, Twox64Concat, SwapId, HardwareSwapOf<T>>;

	/// The swap each locked device is part of: one at a time.
	#[pallet::storage]
	pub type LockedDevices<T: Config> = StorageMap<_, Twox64Concat, DeviceId, SwapId>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// `lender` registered `device`, a `kind` whose serial number hashes to `serial_hash`.
		DeviceRegistered {
			device: DeviceId,
			lender: T::AccountId,
			kind: DeviceKind,
			serial_hash: H256,
		},
		/// `lender` retired `device`, its item burnt, and got `deposit_refunded` back.
		DeviceRetired { device: DeviceId, lender: T::AccountId, deposit_refunded: BalanceOf<T> },
		/// A ruling proposed that `first_holder` hand `first_device` to `second_holder` for
		/// `second_device`, at the meetup `meetup` commits to, by block `expires_at`.
		SwapProposed {
			swap: SwapId,
			first_holder: T::AccountId,
			first_device: DeviceId,
			second_holder: T::AccountId,
			second_device: DeviceId,
			meetup: H256,
			expires_at: BlockNumberFor<T>,
		},
		/// `holder` accepted `swap`: it exchanged the devices.
		SwapAccepted { swap: SwapId, holder: T::AccountId },
		/// Both holders accepted `swap` and each now holds the other's device.
		SwapCompleted { swap: SwapId },
		/// `holder` called `swap` off; both devices are unlocked where they were.
		SwapDeclined { swap: SwapId, holder: T::AccountId },
		/// `swap` was not accepted in time; both devices are unlocked where they were.
		SwapExpired { swap: SwapId },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// Only an active operator registers devices.
		NotActiveTelco,
		/// A device with this serial hash is registered already.
		SerialAlreadyRegistered,
		/// The operator has registered the most devices it may.
		TooManyDevices,
		/// The operator cannot pay the device deposit and stay alive.
		InsufficientDeposit,
		/// Every device id has been used.
		DeviceIdsExhausted,
		/// The device collection does not exist yet and could not be created: the pallet
		/// account (`Pallet::account_id`) cannot pay pallet-nfts' collection deposit.
		CollectionUnfunded,
		/// No registered device has this id.
		UnknownDevice,
		/// Only the operator that registered the device retires it.
		NotLender,
		/// The device is lent out: its lender must hold it again to retire it.
		DeviceLentOut,
		/// The device is part of a pending swap.
		DeviceInSwap,
		/// The account does not hold the device.
		NotHolder,
		/// A swap needs two different holders.
		SameHolder,
		/// Every swap number has been used.
		SwapIdsExhausted,
		/// No pending swap has this number.
		UnknownSwap,
		/// The account is not one of the swap's holders.
		NotASwapParty,
		/// The holder accepted this swap already.
		AlreadyAccepted,
		/// The swap's acceptance period is over.
		SwapExpired,
		/// The swap can still be accepted.
		SwapNotExpired,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		#[cfg(feature = "try-runtime")]
		fn try_state(_: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	/// Creates the device collection, paid from the pallet account: the runtime's genesis
	/// should endow that account (`Pallet::account_id`) with pallet-nfts' `CollectionDeposit`
	/// plus the existential deposit. Without the endowment the chain still starts, and the
	/// first registration creates the collection once the account is funded.
	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// Nothing to configure: the collection's settings are fixed by this pallet.
		#[serde(skip)]
		pub _config: core::marker::PhantomData<T>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			if let Err(e) = Pallet::<T>::device_collection() {
				log::warn!(
					target: LOG_TARGET,
					"device collection not created at genesis ({e:?}): endow {:?} with \
					 pallet-nfts' CollectionDeposit plus the existential deposit",
					Pallet::<T>::account_id()
				);
			}
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Register a device the caller, an active operator, has and lends, as a `kind` whose
		/// manufacturer serial number (or IMEI) hashes to `serial_hash` (BLAKE2-256). Mints
		/// its item to the caller, which pays `DeviceDeposit`, back when it retires the device.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::register_device())]
		pub fn register_device(
			origin: OriginFor<T>,
			kind: DeviceKind,
			serial_hash: H256,
		) -> DispatchResult {
			let lender = ensure_signed(origin)?;
			ensure!(T::Telcos::is_active(&lender), Error::<T>::NotActiveTelco);
			ensure!(
				!SerialHashes::<T>::contains_key(serial_hash),
				Error::<T>::SerialAlreadyRegistered
			);
			let registered = DevicesPerLender::<T>::get(&lender);
			ensure!(registered < T::MaxDevicesPerLender::get(), Error::<T>::TooManyDevices);
			let deposit = T::DeviceDeposit::get();
			ensure!(
				T::Currency::reducible_balance(&lender, Preservation::Preserve, Fortitude::Polite)
					>= deposit,
				Error::<T>::InsufficientDeposit
			);
			let collection = Self::device_collection()?;
			let device = NextDeviceId::<T>::get();
			let next = device.checked_add(1).ok_or(Error::<T>::DeviceIdsExhausted)?;

			if !deposit.is_zero() {
				T::Currency::transfer(
					&lender,
					&Self::account_id(),
					deposit,
					Preservation::Preserve,
				)?;
			}
			// The collection owner (this pallet's account) pays pallet-nfts' item deposit.
			T::Nfts::mint_into(&collection, &device, &lender, &Self::item_config(), true)?;
			NextDeviceId::<T>::put(next);
			SerialHashes::<T>::insert(serial_hash, device);
			DevicesPerLender::<T>::insert(&lender, registered.saturating_add(1));
			Devices::<T>::insert(
				device,
				LentDevice {
					lender: lender.clone(),
					kind,
					serial_hash,
					deposit,
					registered_at: frame_system::Pallet::<T>::block_number(),
				},
			);
			Self::deposit_event(Event::DeviceRegistered { device, lender, kind, serial_hash });
			Ok(())
		}

		/// Retire `device`, as its lender holding it again (or once its holder burnt the
		/// item): the item is burnt and the deposit comes back.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::retire_device())]
		pub fn retire_device(origin: OriginFor<T>, device: DeviceId) -> DispatchResult {
			let caller = ensure_signed(origin)?;
			let record = Devices::<T>::get(device).ok_or(Error::<T>::UnknownDevice)?;
			ensure!(caller == record.lender, Error::<T>::NotLender);
			ensure!(!LockedDevices::<T>::contains_key(device), Error::<T>::DeviceInSwap);
			if let Some(collection) = DeviceCollection::<T>::get() {
				match T::Nfts::owner(&collection, &device) {
					Some(holder) if holder != record.lender => {
						return Err(Error::<T>::DeviceLentOut.into())
					},
					Some(_) => T::Nfts::burn(&collection, &device, None)?,
					None => {},
				}
			}
			if !record.deposit.is_zero() {
				T::Currency::transfer(
					&Self::account_id(),
					&record.lender,
					record.deposit,
					Preservation::Preserve,
				)?;
			}
			Devices::<T>::remove(device);
			SerialHashes::<T>::remove(record.serial_hash);
			DevicesPerLender::<T>::mutate_exists(&record.lender, |n| {
				*n = n.and_then(|n| n.checked_sub(1)).filter(|n| *n > 0)
			});
			Self::deposit_event(Event::DeviceRetired {
				device,
				lender: record.lender,
				deposit_refunded: record.deposit,
			});
			Ok(())
		}

		/// Accept `swap`, as one of its holders, once the devices were exchanged at the
		/// meetup. The second acceptance moves both items.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::accept_swap())]
		pub fn accept_swap(origin: OriginFor<T>, swap: SwapId) -> DispatchResult {
			let holder = ensure_signed(origin)?;
			Self::do_accept(holder, swap)
		}

		/// Call `swap` off, as one of its holders, before both accepted: both devices unlock
		/// where they are.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::decline_swap())]
		pub fn decline_swap(origin: OriginFor<T>, swap: SwapId) -> DispatchResult {
			let holder = ensure_signed(origin)?;
			Self::do_decline(holder, swap)
		}

		/// Clear `swap` once its acceptance period is over, as anyone: both devices unlock
		/// where they are.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::expire_swap())]
		pub fn expire_swap(origin: OriginFor<T>, swap: SwapId) -> DispatchResult {
			ensure_signed(origin)?;
			Self::do_expire(swap)
		}
	}
}
