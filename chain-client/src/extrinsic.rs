//! Signed extrinsics, built and signed natively with the runtime's own types.
//!
//! The signed payload is the call, the runtime's transaction extensions and what each adds
//! implicitly (`Implicit`): spec and transaction version, genesis hash, the hash of the block
//! the era starts at, and `None` for the disabled metadata-hash check; the others add nothing.

use gesim_runtime::{Runtime, RuntimeCall, SignedPayload, TxExtension, UncheckedExtrinsic};
use sp_core::{sr25519, Encode, Pair, H256};
use sp_runtime::{generic::Era, MultiAddress, MultiSignature};

/// Blocks a transaction stays valid for: long enough for a slow pool, short enough that a lost
/// transaction is known lost soon.
pub const ERA_PERIOD: u64 = 64;

/// What a transaction is built against, read from the node just before it is sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TxContext {
	/// Runtime spec version (changes with every upgrade).
	pub spec_version: u32,
	/// Runtime transaction version.
	pub transaction_version: u32,
	/// Genesis hash.
	pub genesis: H256,
	/// The block the mortal era is reckoned from (the finalised head).
	pub current: u32,
	/// Hash of the block the era starts at: [`TxContext::era_birth`] of `current`.
	pub era_birth_hash: H256,
	/// The account's next nonce.
	pub nonce: u32,
}

impl TxContext {
	/// The era of a transaction sent at `current`.
	pub fn era(current: u32) -> Era {
		Era::mortal(ERA_PERIOD, current.into())
	}

	/// The block whose hash the era of a transaction sent at `current` commits to.
	pub fn era_birth(current: u32) -> u32 {
		Self::era(current).birth(current.into()) as u32
	}
}

/// `call` in an extrinsic signed by `signer`: mortal, no tip, the fee in the native token (or
/// paid by the operator's sponsorship pot where the runtime sponsors the call), no metadata
/// hash.
pub fn signed_extrinsic(
	signer: &sr25519::Pair,
	context: &TxContext,
	call: RuntimeCall,
) -> UncheckedExtrinsic {
	let extension: TxExtension = (
		frame_system::CheckNonZeroSender::<Runtime>::new(),
		frame_system::CheckSpecVersion::<Runtime>::new(),
		frame_system::CheckTxVersion::<Runtime>::new(),
		frame_system::CheckGenesis::<Runtime>::new(),
		frame_system::CheckEra::<Runtime>::from(TxContext::era(context.current)),
		frame_system::CheckNonce::<Runtime>::from(context.nonce),
		frame_system::CheckWeight::<Runtime>::new(),
		pallet_asset_tx_payment::ChargeAssetTxPayment::<Runtime>::from(0, None),
		pallet_fee_sponsorship::WeighSponsorship::<Runtime>::new(),
		frame_metadata_hash_extension::CheckMetadataHash::<Runtime>::new(false),
		frame_system::WeightReclaim::<Runtime>::new(),
	);
	let implicit = (
		(),
		context.spec_version,
		context.transaction_version,
		context.genesis,
		context.era_birth_hash,
		(),
		(),
		(),
		(),
		None,
		(),
	);
	let payload = SignedPayload::from_raw(call.clone(), extension.clone(), implicit);
	let signature = payload.using_encoded(|bytes| signer.sign(bytes));
	UncheckedExtrinsic::new_signed(
		call,
		MultiAddress::Id(signer.public().into()),
		MultiSignature::Sr25519(signature),
		extension,
	)
}

/// `0x`-prefixed hex of an extrinsic, as `author_submitExtrinsic` takes it.
pub fn to_hex(extrinsic: &UncheckedExtrinsic) -> String {
	format!("0x{}", hex::encode(extrinsic.encode()))
}
