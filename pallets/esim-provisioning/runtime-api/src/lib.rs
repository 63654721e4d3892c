//! Runtime API of GeSIM's eSIM provisioning, for wallets, the LPA bridge and the SM-DP+
//! gateway.
//!
//! The view type is a parameter, so clients depend on this crate and not on the pallet; the
//! runtime instantiates it with `pallet_esim_provisioning::OrderViewOf<Runtime>`.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

use alloc::vec::Vec;

sp_api::decl_runtime_apis! {
	/// Queries of eSIM provisioning.
	pub trait EsimProvisioningApi<AccountId, OrderView>
	where
		AccountId: codec::Codec,
		OrderView: codec::Codec,
	{
		/// The orders of `who`'s entitlements, with status, ICCID commitment and sealed
		/// activation code.
		fn orders_of(who: AccountId) -> Vec<OrderView>;

		/// Order `id`, if it exists.
		fn order(id: u64) -> Option<OrderView>;

		/// Up to `limit` open orders of `telco` (waiting for its gateway), in storage order,
		/// starting after order `after` (the last of the previous page).
		fn open_orders(telco: AccountId, after: Option<u64>, limit: u32) -> Vec<OrderView>;

		/// The device keys `who` registered.
		fn device_keys(who: AccountId) -> Vec<[u8; 32]>;
	}
}
