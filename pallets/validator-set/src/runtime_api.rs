//! What a node tells whoever reports an Aura equivocation.

use alloc::vec::Vec;

sp_api::decl_runtime_apis! {
	/// The validator set's runtime API.
	pub trait ValidatorSetApi<AuraId: codec::Codec> {
		/// The SCALE-encoded proof that `authority` is a validator's Aura key in the current
		/// session (pallet-session's `historical::MembershipProof`), as
		/// `validatorSet.reportAuraEquivocation` takes it; `None` if it is no validator's.
		fn aura_key_ownership_proof(authority: AuraId) -> Option<Vec<u8>>;
	}
}
