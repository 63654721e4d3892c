//! Subscribers' soulbound identities: one non-transferable item per account in a collection the
//! pallet owns, issued by an active operator, carrying only commitments (never personal data).

use frame_support::{parameter_types, traits::ConstU32, PalletId};

use crate::{
	configs::{CouncilMajority, ItemDeposit},
	Balances, Metering, Nfts, Runtime, TelcoRegistry,
};

parameter_types! {
	/// Owns the identity collection; genesis endows it with the collection deposit.
	pub const IdentityPalletId: PalletId = PalletId(*b"gsm/iden");
	/// Paid by the issuing operator per identity, back when it is revoked: it covers the
	/// NFT pallet's item deposit, which the pallet account pays.
	pub IdentityDeposit: u128 = ItemDeposit::get();
}

impl pallet_sbt_identity::Config for Runtime {
	type Telcos = TelcoRegistry;
	type CouncilOrigin = CouncilMajority;
	type Currency = Balances;
	type CollectionId = u32;
	type ItemId = u32;
	type Nfts = Nfts;
	type PalletId = IdentityPalletId;
	type IdentityDeposit = IdentityDeposit;
	/// A few eSIM-capable devices per subscriber.
	type MaxEidCommitments = ConstU32<8>;
	/// Against the council's `eid` keys, which metering keeps beside the usage keys.
	type EidProofs = Metering;
	#[cfg(not(feature = "wasm-groth16"))]
	type WeightInfo = pallet_sbt_identity::weights::SubstrateWeight<Runtime>;
	/// Binding an EID checks a proof, here in the runtime's wasm.
	#[cfg(feature = "wasm-groth16")]
	type WeightInfo = crate::weights::pallet_sbt_identity_wasm_groth16::WeightInfo<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = crate::benchmarks::ActiveTelcos;
}
