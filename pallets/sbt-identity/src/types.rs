//! A subscriber's soulbound identity as the chain keeps it.

use crate::Config;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{
	traits::fungible, BoundedVec, CloneNoBound, DebugNoBound, EqNoBound, PartialEqNoBound,
};
use frame_system::pallet_prelude::BlockNumberFor;
use gesim_primitives::EidCommitment;
use scale_info::TypeInfo;
use sp_core::H256;

/// An amount of the native token, as identity deposits are paid in it.
pub type BalanceOf<T> =
	<<T as Config>::Currency as fungible::Inspect<<T as frame_system::Config>::AccountId>>::Balance;

/// Settings of the identity collection in pallet-nfts.
pub type IdentityCollectionConfig<T> =
	pallet_nfts::CollectionConfig<BalanceOf<T>, BlockNumberFor<T>, <T as Config>::CollectionId>;

/// The EID commitments bound to one identity.
pub type EidCommitmentsOf<T> = BoundedVec<EidCommitment, <T as Config>::MaxEidCommitments>;

/// Who revoked an identity.
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
pub enum Revoker {
	/// The telco that issued it.
	Issuer,
	/// The council.
	Council,
}

/// A subscriber's soulbound identity: a non-transferable pallet-nfts item plus what the
/// issuing telco attested. No personal data: only commitments and hashes.
#[derive(
	CloneNoBound, PartialEqNoBound, EqNoBound, Encode, Decode, MaxEncodedLen, TypeInfo, DebugNoBound,
)]
#[scale_info(skip_type_params(T))]
#[codec(mel_bound())]
pub struct SoulboundIdentity<T: Config> {
	/// The item in the identity collection that shows it in wallets (burnt on revocation).
	pub item: T::ItemId,
	/// Hash of the subscriber's DID document, which lives off chain.
	pub did_doc_hash: H256,
	/// Commitment to the telco's KYC attestation; the attestation stays with the telco.
	pub kyc_commitment: H256,
	/// The telco that verified the subscriber and issued this identity.
	pub issuer: T::AccountId,
	/// Commitments to the EIDs of the subscriber's eUICCs, each once.
	pub eid_commitments: EidCommitmentsOf<T>,
	/// Block of issue.
	pub issued_at: BlockNumberFor<T>,
	/// Block of revocation, if revoked. The record stays, so a revoked account is visible as
	/// such and only a deliberate new `issue` gives it an identity again.
	pub revoked_at: Option<BlockNumberFor<T>>,
	/// What the issuer paid to cover the item's deposit, still to be given back to it.
	pub deposit: BalanceOf<T>,
}

impl<T: Config> SoulboundIdentity<T> {
	/// Whether the identity is live (not revoked).
	pub fn is_live(&self) -> bool {
		self.revoked_at.is_none()
	}
}
