//! Lent devices and hardware swaps as the chain keeps them.

use crate::Config;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::traits::fungible;
use frame_system::pallet_prelude::BlockNumberFor;
use gesim_primitives::DeviceId;
use scale_info::TypeInfo;
use sp_core::H256;

/// An amount of the native token, as device deposits are paid in it.
pub type BalanceOf<T> =
	<<T as Config>::Currency as fungible::Inspect<<T as frame_system::Config>::AccountId>>::Balance;

/// Settings of the device collection in pallet-nfts.
pub type DeviceCollectionConfig<T> =
	pallet_nfts::CollectionConfig<BalanceOf<T>, BlockNumberFor<T>, <T as Config>::CollectionId>;

/// A swap as this runtime stores it.
pub type HardwareSwapOf<T> =
	HardwareSwap<<T as frame_system::Config>::AccountId, BlockNumberFor<T>>;

/// What kind of equipment a device is.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub enum DeviceKind {
	/// A home or office router.
	Router,
	/// Customer premises equipment: a fixed-wireless terminal, an outdoor unit.
	Cpe,
	/// A mobile (MiFi) hotspot.
	Hotspot,
	/// An antenna or small cell of a community mesh.
	Antenna,
}

/// A device an operator lends. Who has it is the holder of its pallet-nfts item, which moves
/// like any transferable item (pallet-nfts' `transfer`) except while a swap locks it.
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct LentDevice<AccountId, Balance, BlockNumber> {
	/// The operator that registered it and lends it out.
	pub lender: AccountId,
	/// What it is.
	pub kind: DeviceKind,
	/// BLAKE2-256 of its manufacturer serial number (or IMEI), so the same unit cannot be
	/// registered twice; the number itself stays off chain.
	pub serial_hash: H256,
	/// What the lender paid to cover the item's deposit, back when it retires the device.
	pub deposit: Balance,
	/// Block of registration.
	pub registered_at: BlockNumber,
}

/// One side of a swap: a holder and the device it hands over.
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct SwapSide<AccountId> {
	/// Who holds `device` and receives the other side's.
	pub holder: AccountId,
	/// What it hands over.
	pub device: DeviceId,
	/// Whether it accepted: the exchange took place at the meetup.
	pub accepted: bool,
}

/// A swap of two devices between their holders, proposed by a ruling.
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct HardwareSwap<AccountId, BlockNumber> {
	/// The two sides; each device goes to the other side's holder.
	pub sides: [SwapSide<AccountId>; 2],
	/// Commitment to where and when the holders meet (BLAKE2-256 of the place, the time and a
	/// salt they agreed off chain): either can reveal it later as evidence, no one else
	/// learns it.
	pub meetup: H256,
	/// The last block in which it can be accepted.
	pub expires_at: BlockNumber,
}

impl<AccountId: PartialEq, BlockNumber> HardwareSwap<AccountId, BlockNumber> {
	/// The side `who` is on, if any.
	pub fn side_of(&self, who: &AccountId) -> Option<usize> {
		self.sides.iter().position(|side| side.holder == *who)
	}
}
