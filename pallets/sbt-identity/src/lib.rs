//! # Soulbound identity
//!
//! One identity per subscriber account, issued by an active telco after its own KYC. The
//! identity is a pallet-nfts item in a collection whose items cannot be transferred, owned by
//! this pallet's account; what it stands for is kept here: the hash of the subscriber's DID
//! document, a commitment to the telco's KYC attestation (never personal data), the issuing
//! telco, and commitments to the EIDs of the subscriber's eUICCs, which the subscriber binds
//! and unbinds itself.
//!
//! ## EID commitments
//! A commitment is `Poseidon2(eid, salt)`. Binding one takes a Groth16 proof of the
//! EID-possession circuit, bound to the binding account and checked against a verifying key
//! the council registered ([`Config::EidProofs`]): only whoever knows the EID and salt behind a
//! commitment can bind it, and a proof copied from the chain is worthless to another account.
//! A commitment is held by one live identity at a time ([`EidHolders`]), so one eUICC cannot
//! stand behind two subscribers; when its holder unbinds it or loses its identity, it is free
//! again.
//!
//! The issuing telco or the council may revoke an identity: the item is burnt and the record
//! stays, marked revoked, so the account shows as revoked rather than as never identified. An
//! active telco may issue a revoked account a new identity (after its own KYC again): the
//! account, not a person, is what is revoked, and a person can always come back with a fresh
//! account, so barring the old one for good would protect nothing.
//!
//! ## Deposits
//! pallet-nfts takes a deposit for the collection and for each item from the collection
//! owner, this pallet's account. The collection deposit is paid once, from the genesis
//! endowment of that account (see [`GenesisConfig`]). Each item's deposit is paid by the
//! issuing telco: `issue` moves [`Config::IdentityDeposit`] from the telco to the pallet
//! account, and `revoke` gives it back once the burn has released pallet-nfts' deposit. So
//! the pallet account never runs dry however many identities are issued.
//!
//! Other pallets read identities through [`gesim_primitives::IdentityInspect`].

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod features;
mod impl_identity_inspect;
pub mod migrations;
#[cfg(test)]
mod tests;
pub mod types;
pub mod weights;

pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

/// Log target of this pallet.
pub const LOG_TARGET: &str = "runtime::sbt-identity";

/// What benchmarks need from the runtime that this pallet cannot do itself.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId> {
	/// Makes `telco` an active operator in `Config::Telcos`.
	fn make_active_telco(telco: &AccountId);

	/// An EID commitment and a proof `Config::EidProofs` accepts from `who` (an account the
	/// benchmarks name), with whatever key that takes registered.
	fn eid_possession(
		who: &AccountId,
	) -> (gesim_primitives::EidCommitment, gesim_primitives::EidPossessionProof);
}

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::{
		pallet_prelude::*,
		traits::{
			fungible::Mutate,
			tokens::nonfungibles_v2::{Create, Inspect, Mutate as NftMutate},
			Incrementable,
		},
		PalletId,
	};
	use frame_system::pallet_prelude::*;
	use gesim_primitives::{
		EidCommitment, EidPossessionProof, EidPossessionVerifier, TelcoInspect,
	};
	use pallet_nfts::ItemConfig;
	use sp_core::H256;

	/// 0: the layout since launch. 1: EID commitments indexed by holder.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// The operators; only an active one issues identities.
		type Telcos: TelcoInspect<Self::AccountId>;
		/// The council majority that may revoke any identity.
		type CouncilOrigin: EnsureOrigin<Self::RuntimeOrigin>;
		/// The native token identity deposits are paid in (pallet-nfts' currency).
		type Currency: Mutate<Self::AccountId>;
		/// pallet-nfts' collection id.
		type CollectionId: Member + Parameter + MaxEncodedLen + Copy;
		/// pallet-nfts' item id.
		type ItemId: Member + Parameter + MaxEncodedLen + Copy + Incrementable;
		/// pallet-nfts, through its traits.
		type Nfts: Inspect<Self::AccountId, CollectionId = Self::CollectionId, ItemId = Self::ItemId>
			+ Create<Self::AccountId, IdentityCollectionConfig<Self>>
			+ NftMutate<Self::AccountId, ItemConfig>;
		/// Seed of this pallet's account, which owns the identity collection.
		#[pallet::constant]
		type PalletId: Get<PalletId>;
		/// What the issuing telco pays the pallet account per identity; at least pallet-nfts'
		/// `ItemDeposit`, which the pallet account reserves when minting.
		#[pallet::constant]
		type IdentityDeposit: Get<BalanceOf<Self>>;
		/// Most EID commitments (eUICCs) one identity may carry.
		#[pallet::constant]
		type MaxEidCommitments: Get<u32>;
		/// Checks the proof that goes with binding an EID commitment.
		type EidProofs: EidPossessionVerifier<Self::AccountId>;
		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;
		/// Sets up what benchmarks need from other pallets.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AccountId>;
	}

	/// The pallet-nfts collection identities are items of, once created.
	#[pallet::storage]
	pub type IdentityCollection<T: Config> = StorageValue<_, T::CollectionId>;

	/// The item id the next identity gets.
	#[pallet::storage]
	pub type NextItem<T: Config> = StorageValue<_, T::ItemId>;

	/// Every subscriber's identity, revoked ones included.
	#[pallet::storage]
	pub type Identities<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, SoulboundIdentity<T>>;

	/// Which account's identity holds each bound EID commitment. An entry whose account no
	/// longer has a live identity holding the commitment is stale, and a new binding replaces
	/// it.
	#[pallet::storage]
	pub type EidHolders<T: Config> = StorageMap<_, Blake2_128Concat, EidCommitment, T::AccountId>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// `issuer` gave `subscriber` an identity, shown by `item`.
		Issued { subscriber: T::AccountId, issuer: T::AccountId, item: T::ItemId },
		/// `subscriber` bound the EID commitment `commitment` to its identity.
		EidBound { subscriber: T::AccountId, commitment: EidCommitment },
		/// `subscriber` unbound the EID commitment `commitment` from its identity.
		EidUnbound { subscriber: T::AccountId, commitment: EidCommitment },
		/// `revoker` revoked `subscriber`'s identity and `item` was burnt; the issuer got
		/// `deposit_refunded` back.
		Revoked {
			subscriber: T::AccountId,
			item: T::ItemId,
			revoker: Revoker,
			deposit_refunded: BalanceOf<T>,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// Only an active telco issues identities.
		NotActiveTelco,
		/// The account already holds a live identity.
		AlreadyIdentified,
		/// The account holds no identity.
		NoIdentity,
		/// The identity is revoked.
		Revoked,
		/// The identity is already revoked.
		AlreadyRevoked,
		/// Only the issuing telco (or the council) may revoke the identity.
		NotIssuer,
		/// The EID commitment is already bound to this identity.
		EidAlreadyBound,
		/// The EID commitment is not bound to this identity.
		EidNotBound,
		/// The identity carries the most EID commitments it may.
		TooManyEids,
		/// Another live identity holds the EID commitment.
		EidHeldByAnother,
		/// No live `eid` verifying key of the proof's version: never registered, or retired.
		NoEidKey,
		/// The EID-possession proof does not verify for this account and commitment.
		EidProofRejected,
		/// The telco cannot pay the identity deposit and stay alive.
		InsufficientDeposit,
		/// Every item id has been used.
		ItemIdsExhausted,
		/// The identity collection does not exist yet and could not be created: the pallet
		/// account (`Pallet::account_id`) cannot pay pallet-nfts' collection deposit.
		CollectionUnfunded,
	}

	/// Creates the identity collection, paid from the pallet account: the runtime's genesis
	/// should endow that account (`Pallet::account_id`) with pallet-nfts' `CollectionDeposit`
	/// plus the existential deposit. Without the endowment the chain still starts (so a
	/// default genesis builds), and the first `issue` creates the collection once the account
	/// is funded.
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
			if let Err(e) = Pallet::<T>::identity_collection() {
				log::warn!(
					target: LOG_TARGET,
					"identity collection not created at genesis ({e:?}): endow {:?} with \
					 pallet-nfts' CollectionDeposit plus the existential deposit",
					Pallet::<T>::account_id()
				);
			}
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Give `subscriber` a soulbound identity, as an active telco that has verified it.
		///
		/// The telco pays `IdentityDeposit`, given back when the identity is revoked. A revoked
		/// account may be issued a new identity.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::issue())]
		pub fn issue(
			origin: OriginFor<T>,
			subscriber: T::AccountId,
			did_doc_hash: H256,
			kyc_commitment: H256,
		) -> DispatchResult {
			let telco = ensure_signed(origin)?;
			Self::do_issue(telco, subscriber, did_doc_hash, kyc_commitment)
		}

		/// Bind the commitment to one of the caller's eUICC EIDs to its identity, with a proof
		/// that the caller knows the EID and salt behind it. The weight, measured with the
		/// runtime's real verifier, is paid in full whether the proof verifies or not.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::bind_eid_commitment())]
		pub fn bind_eid_commitment(
			origin: OriginFor<T>,
			commitment: EidCommitment,
			proof: EidPossessionProof,
		) -> DispatchResult {
			let subscriber = ensure_signed(origin)?;
			Self::do_bind_eid_commitment(subscriber, commitment, proof)
		}

		/// Unbind an EID commitment from the caller's identity.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::unbind_eid_commitment())]
		pub fn unbind_eid_commitment(
			origin: OriginFor<T>,
			commitment: EidCommitment,
		) -> DispatchResult {
			let subscriber = ensure_signed(origin)?;
			Self::do_unbind_eid_commitment(subscriber, commitment)
		}

		/// Revoke `subscriber`'s identity, as its issuing telco (active or not) or the council.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::revoke())]
		pub fn revoke(origin: OriginFor<T>, subscriber: T::AccountId) -> DispatchResult {
			let by_issuer = match T::CouncilOrigin::try_origin(origin) {
				Ok(_) => None,
				Err(origin) => Some(ensure_signed(origin)?),
			};
			Self::do_revoke(subscriber, by_issuer)
		}
	}
}
