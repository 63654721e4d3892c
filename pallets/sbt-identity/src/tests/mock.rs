//! A runtime with balances, pallet-nfts and this pallet; active telcos are a switch, the
//! council is root.

use crate::{self as pallet_sbt_identity, *};
use frame_support::{
	construct_runtime, derive_impl, parameter_types,
	traits::{AsEnsureOriginWithArg, ConstU32, ConstU64},
	PalletId,
};
use frame_system::{EnsureRoot, EnsureSigned};
use gesim_primitives::{
	testing::TestTelcos, EidCommitment, EidPossessionProof, EidPossessionVerifier, EidProofError,
};
use pallet_nfts::PalletFeatures;
use sp_core::H256;
use sp_runtime::{
	traits::{IdentifyAccount, IdentityLookup, Verify},
	AccountId32, BuildStorage, MultiSignature,
};

type Block = frame_system::mocking::MockBlock<Test>;
pub type Signature = MultiSignature;
pub type AccountPublic = <Signature as Verify>::Signer;
pub type AccountId = <AccountPublic as IdentifyAccount>::AccountId;
pub type Balance = u64;

pub const ALICE_TELCO: AccountId = AccountId32::new([1; 32]);
pub const BOB_TELCO: AccountId = AccountId32::new([2; 32]);
/// Active, but cannot pay the identity deposit.
pub const POOR_TELCO: AccountId = AccountId32::new([3; 32]);
pub const OUTSIDER: AccountId = AccountId32::new([9; 32]);
pub const SUBSCRIBER: AccountId = AccountId32::new([10; 32]);
pub const OTHER_SUBSCRIBER: AccountId = AccountId32::new([11; 32]);

pub const TELCO_BALANCE: Balance = 1_000;
pub const COLLECTION_DEPOSIT: Balance = 10;
pub const ITEM_DEPOSIT: Balance = 3;
pub const IDENTITY_DEPOSIT: Balance = 5;
pub const MAX_EIDS: u32 = 3;

construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Nfts: pallet_nfts,
		SbtIdentity: pallet_sbt_identity,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type AccountId = AccountId;
	type Lookup = IdentityLookup<Self::AccountId>;
	type Block = Block;
	type AccountData = pallet_balances::AccountData<Balance>;
}

parameter_types! {
	/// A test may raise it to make an account unable to receive a small amount.
	pub static ExistentialDeposit: Balance = 1;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type AccountStore = System;
	type ExistentialDeposit = ExistentialDeposit;
}

parameter_types! {
	pub storage Features: PalletFeatures = PalletFeatures::all_enabled();
	pub const IdentityPalletId: PalletId = PalletId(*b"gsm/sbti");
}

impl pallet_nfts::Config for Test {
	type RuntimeEvent = RuntimeEvent;
	type CollectionId = u32;
	type ItemId = u32;
	type Currency = Balances;
	type CreateOrigin = AsEnsureOriginWithArg<EnsureSigned<Self::AccountId>>;
	type ForceOrigin = EnsureRoot<Self::AccountId>;
	type Locker = ();
	type CollectionDeposit = ConstU64<COLLECTION_DEPOSIT>;
	type ItemDeposit = ConstU64<ITEM_DEPOSIT>;
	type MetadataDepositBase = ConstU64<1>;
	type AttributeDepositBase = ConstU64<1>;
	type DepositPerByte = ConstU64<1>;
	type StringLimit = ConstU32<50>;
	type KeyLimit = ConstU32<50>;
	type ValueLimit = ConstU32<50>;
	type ApprovalsLimit = ConstU32<10>;
	type ItemAttributesApprovalsLimit = ConstU32<2>;
	type MaxTips = ConstU32<10>;
	type MaxDeadlineDuration = ConstU64<10000>;
	type MaxAttributesPerCall = ConstU32<2>;
	type Features = Features;
	type OffchainSignature = Signature;
	type OffchainPublic = AccountPublic;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type Helper = ();
	type BlockNumberProvider = System;
}

/// What the benchmarks ask of the other pallets, from the stand-ins.
#[cfg(feature = "runtime-benchmarks")]
pub struct Benchmarks;
#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<AccountId> for Benchmarks {
	fn make_active_telco(telco: &AccountId) {
		TestTelcos::set_active(telco, true);
	}

	fn eid_possession(who: &AccountId) -> (EidCommitment, EidPossessionProof) {
		(eid(0xE1), eid_proof(who, &eid(0xE1)))
	}
}

/// Stands in for the Groth16 check, which metering's tests run on real proofs: under key
/// version 1, a proof is the account and the commitment side by side.
pub struct MockEidProofs;
impl EidPossessionVerifier<AccountId> for MockEidProofs {
	fn verify_eid_possession(
		who: &AccountId,
		commitment: &EidCommitment,
		proof: &EidPossessionProof,
	) -> Result<(), EidProofError> {
		if proof.key_version != 1 {
			return Err(EidProofError::NoLiveKey);
		}
		if *proof == eid_proof(who, commitment) {
			Ok(())
		} else {
			Err(EidProofError::Rejected)
		}
	}
}

/// The proof [`MockEidProofs`] accepts from `who` for `commitment`.
pub fn eid_proof(who: &AccountId, commitment: &EidCommitment) -> EidPossessionProof {
	let mut proof = [0u8; 256];
	proof[..32].copy_from_slice(who.as_ref());
	proof[32..64].copy_from_slice(commitment);
	EidPossessionProof { key_version: 1, proof }
}

/// `who` binds `commitment` with the proof the verifier accepts.
pub fn bind(who: &AccountId, commitment: EidCommitment) -> sp_runtime::DispatchResult {
	SbtIdentity::bind_eid_commitment(
		RuntimeOrigin::signed(who.clone()),
		commitment,
		eid_proof(who, &commitment),
	)
}

impl pallet_sbt_identity::Config for Test {
	type Telcos = TestTelcos;
	type CouncilOrigin = EnsureRoot<AccountId>;
	type Currency = Balances;
	type CollectionId = u32;
	type ItemId = u32;
	type Nfts = Nfts;
	type PalletId = IdentityPalletId;
	type IdentityDeposit = ConstU64<IDENTITY_DEPOSIT>;
	type MaxEidCommitments = ConstU32<MAX_EIDS>;
	type EidProofs = MockEidProofs;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = Benchmarks;
}

pub fn pallet_account() -> AccountId {
	SbtIdentity::account_id()
}

/// Telcos funded and active (POOR_TELCO with almost nothing), the pallet account endowed
/// with the collection deposit plus the existential deposit, the collection created.
pub fn new_test_ext() -> sp_io::TestExternalities {
	ExistentialDeposit::set(1);
	TestTelcos::clear();
	for telco in [&ALICE_TELCO, &BOB_TELCO, &POOR_TELCO] {
		TestTelcos::set_active(telco, true);
	}
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: vec![
			(ALICE_TELCO, TELCO_BALANCE),
			(BOB_TELCO, TELCO_BALANCE),
			(POOR_TELCO, IDENTITY_DEPOSIT),
			(OUTSIDER, TELCO_BALANCE),
			(pallet_account(), COLLECTION_DEPOSIT + 1),
		],
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	pallet_sbt_identity::GenesisConfig::<Test>::default()
		.assimilate_storage(&mut storage)
		.unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

pub const DID_DOC: H256 = H256::repeat_byte(0xD1);
pub const KYC: H256 = H256::repeat_byte(0x4B);

pub fn eid(n: u8) -> gesim_primitives::EidCommitment {
	[n; 32]
}

pub fn collection() -> u32 {
	IdentityCollection::<Test>::get().expect("created at genesis")
}

/// `telco` issues `subscriber` an identity.
pub fn issue_by(telco: &AccountId, subscriber: &AccountId) {
	SbtIdentity::issue(RuntimeOrigin::signed(telco.clone()), subscriber.clone(), DID_DOC, KYC)
		.unwrap();
}

pub fn identity(who: &AccountId) -> SoulboundIdentity<Test> {
	Identities::<Test>::get(who).expect("an identity")
}

pub fn free(who: &AccountId) -> Balance {
	Balances::free_balance(who)
}

pub fn reserved(who: &AccountId) -> Balance {
	Balances::reserved_balance(who)
}

pub fn last_event() -> RuntimeEvent {
	System::events().pop().expect("an event").event
}
