//! Receipts: the operator's gateway reports each step of an order, signed with its SM-DP+
//! receipt key.

use crate::*;
use frame_support::ensure;
use frame_system::pallet_prelude::BlockNumberFor;
use gesim_primitives::{OrderId, ReceiptKeys};
use sp_core::ed25519;
use sp_runtime::{traits::Zero, DispatchError, DispatchResult};

impl<T: Config> Pallet<T> {
	pub(crate) fn do_submit_receipt(
		telco: T::AccountId,
		order: OrderId,
		receipt: Receipt,
		signer: ReceiptKey,
		signature: ReceiptSignature,
	) -> DispatchResult {
		let mut record = Orders::<T>::get(order).ok_or(Error::<T>::UnknownOrder)?;
		ensure!(record.telco == telco, Error::<T>::NotServingOperator);
		ensure!(
			T::ReceiptKeys::is_valid_receipt_key(&telco, &signer),
			Error::<T>::ReceiptKeyNotValid
		);
		let next = Self::next_status(&record.status, &receipt)?;
		Self::ensure_well_formed(&receipt)?;
		let genesis = frame_system::Pallet::<T>::block_hash(BlockNumberFor::<T>::zero());
		let payload = receipt_payload(&genesis, order, &receipt);
		ensure!(
			sp_io::crypto::ed25519_verify(
				&ed25519::Signature::from_raw(signature),
				&payload,
				&ed25519::Public::from_raw(signer),
			),
			Error::<T>::InvalidReceiptSignature
		);
		Self::apply(order, &mut record, receipt, next);
		Orders::<T>::insert(order, record);
		Ok(())
	}

	/// The status `receipt` moves an order at `status` to, or why it does not apply.
	fn next_status(status: &OrderStatus, receipt: &Receipt) -> Result<OrderStatus, DispatchError> {
		status.after(receipt).map_err(|refusal| {
			match refusal {
				ReceiptRefusal::Duplicate => Error::<T>::DuplicateReceipt,
				ReceiptRefusal::Closed => Error::<T>::OrderClosed,
				ReceiptRefusal::OutOfOrder => Error::<T>::ReceiptOutOfOrder,
			}
			.into()
		})
	}

	fn ensure_well_formed(receipt: &Receipt) -> DispatchResult {
		match receipt {
			Receipt::Accepted { smdp_address, .. } => {
				ensure!(!smdp_address.is_empty(), Error::<T>::EmptySmdpAddress)
			},
			Receipt::CodeReleased { sealed_code } => {
				ensure!(sealed_code.len() as u32 >= MIN_SEALED_LEN, Error::<T>::MalformedSealedCode)
			},
			Receipt::Failed { status } => {
				ensure!(status.is_well_formed(), Error::<T>::MalformedStatusCode)
			},
			_ => {},
		}
		Ok(())
	}

	/// Moves `record` to `next` (what the state machine gave for `receipt`) and keeps what the
	/// receipt carries.
	fn apply(order: OrderId, record: &mut OrderOf<T>, receipt: Receipt, next: OrderStatus) {
		// Installed or failed, the operator has nothing more to do for it.
		if !next.is_open() {
			OpenOrders::<T>::remove(&record.telco, order);
		}
		record.status = next;
		record.updated_at = frame_system::Pallet::<T>::block_number();
		let entitlement = record.entitlement;
		match receipt {
			Receipt::Accepted { iccid_commitment, smdp_address } => {
				record.iccid_commitment = Some(iccid_commitment);
				record.smdp_address = Some(smdp_address.clone());
				Self::deposit_event(Event::OrderAccepted { order, iccid_commitment, smdp_address });
			},
			Receipt::CodeReleased { sealed_code } => {
				record.sealed_code = Some(sealed_code);
				Self::deposit_event(Event::ActivationCodeReleased { order });
			},
			Receipt::Downloaded => Self::deposit_event(Event::ProfileDownloaded { order }),
			Receipt::Installed { result_hash } => {
				record.install_result_hash = Some(result_hash);
				Provisioning::<T>::mutate(entitlement, |provisioning| {
					provisioning.profile = Some(order);
					provisioning.served = true;
				});
				Self::deposit_event(Event::ProfileInstalled { order, entitlement, result_hash });
			},
			Receipt::Enabled => Self::deposit_event(Event::ProfileEnabled { order }),
			Receipt::Deleted => {
				Provisioning::<T>::mutate(entitlement, |provisioning| {
					if provisioning.profile == Some(order) {
						provisioning.profile = None;
					}
				});
				Self::deposit_event(Event::ProfileDeleted { order });
			},
			Receipt::Failed { status } => {
				Self::deposit_event(Event::OrderFailed { order, entitlement, status })
			},
		}
	}
}
