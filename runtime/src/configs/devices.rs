//! Devices operators lend (routers, CPE, hotspots), as transferable items in a collection the
//! pallet owns, and the hardware swaps a dispute ruling proposes.

use frame_support::{parameter_types, traits::ConstU32, PalletId};

use crate::{
	configs::ItemDeposit, time::DAYS, Balances, BlockNumber, Nfts, Runtime, TelcoRegistry,
};

parameter_types! {
	/// Owns the device collection; genesis endows it with the collection deposit.
	pub const DevicesPalletId: PalletId = PalletId(*b"gsm/devi");
	/// Paid by the lending operator per device, back when it retires it: it covers the NFT
	/// pallet's item deposit, which the pallet account pays.
	pub DeviceDeposit: u128 = ItemDeposit::get();
	/// Two weeks for the parties of a swap to meet.
	pub const SwapAcceptancePeriod: BlockNumber = 14 * DAYS;
}

impl pallet_devices::Config for Runtime {
	type Telcos = TelcoRegistry;
	type Currency = Balances;
	type CollectionId = u32;
	type Nfts = Nfts;
	type PalletId = DevicesPalletId;
	type DeviceDeposit = DeviceDeposit;
	/// A regional operator's fleet of CPE and hotspots; every device also carries a deposit.
	type MaxDevicesPerLender = ConstU32<10_000>;
	type SwapAcceptancePeriod = SwapAcceptancePeriod;
	type WeightInfo = pallet_devices::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = crate::benchmarks::ActiveTelcos;
}
