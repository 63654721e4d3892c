//! Runtime API of GeSIM's reputation, for wallets, operators and the council.
//!
//! The score type is a parameter, so clients depend on this crate and not on the pallet; the
//! runtime instantiates it with `pallet_reputation::ScoreView`.

#![cfg_attr(not(feature = "std"), no_std)]

sp_api::decl_runtime_apis! {
	/// Reputation scores, decayed to the block queried.
	pub trait ReputationApi<AccountId, ScoreView>
	where
		AccountId: codec::Codec,
		ScoreView: codec::Codec,
	{
		/// `telco`'s score from its subscribers' ratings; none while nobody rated it.
		fn operator_score(telco: AccountId) -> Option<ScoreView>;

		/// `subscriber`'s score from its operators' ratings and abuse flags; none while no
		/// operator rated or flagged it.
		fn subscriber_score(subscriber: AccountId) -> Option<ScoreView>;
	}
}
