//! Settlement: verify the proof against what the chain itself knows, then pay.

use crate::*;
use frame_support::{ensure, weights::Weight};
use frame_system::pallet_prelude::BlockNumberFor;
use gesim_primitives::{
	traits::pro_rata, Bytes, EntitlementId, EntitlementLedger, EscrowLedger, ProtocolParameters,
	Release, RoamingLedger, StablecoinAmount, TelcoInspect, UsageSubject,
};
use gesim_zk_verifier::{CircuitId, Groth16Verifier, UsageClaim, UsagePublicInputs, VerifyError};
use sp_runtime::{
	traits::{BlakeTwo256, Hash, Saturating, Zero},
	DispatchError,
};

/// The benchmark component of a usage circuit: 0, 1, 2 for 64, 256, 1024 records.
fn circuit_component(circuit: CircuitId) -> u32 {
	match circuit {
		CircuitId::Usage64 => 0,
		CircuitId::Usage256 => 1,
		_ => 2,
	}
}

impl<T: Config> Pallet<T> {
	/// Verifies and pays; returns the weight the settlement actually took.
	pub(crate) fn do_settle_usage(
		telco: T::AccountId,
		claim: UsageClaim,
	) -> Result<Weight, DispatchError> {
		let UsageClaim { total_bytes, nonce, proof } = claim;
		let commitment = PendingUsage::<T>::get(&telco, nonce).ok_or_else(|| {
			if nonce < NextNonce::<T>::get(&telco) {
				Error::<T>::NonceConsumed
			} else {
				Error::<T>::UnknownCommitment
			}
		})?;
		ensure!(T::Telcos::is_active(&telco), Error::<T>::NotActiveTelco);
		let registered = Self::live_key(&commitment.key)?;
		// Checked again: the entitlement may have changed hands, or its grace run out, since
		// the anchor; an agreement may have ended.
		Self::ensure_can_invoice(&telco, &commitment.subject, commitment.anchored_at)?;

		let inputs = UsagePublicInputs {
			root: commitment.root,
			total_bytes,
			nonce,
			binding: T::Verifier::usage_binding(
				telco.as_ref(),
				commitment.subject.binding_id(),
				&Self::genesis_hash(),
			),
			subject: commitment.subject.binding_id(),
			period_start: commitment.period.start,
			period_end: commitment.period.end,
			networks: commitment.networks,
		};
		T::Verifier::verify_stored(registered.key.as_bytes(), &proof.0, &inputs.to_inputs())
			.map_err(Self::proof_error)?;

		// Below `NextNonce` and no longer waiting: consumed for good.
		Self::take_commitment(&telco, nonce)?;
		let (settled_bytes, Release { to_payee: payout, margin }, held) = match commitment.subject {
			UsageSubject::Entitlement(id) => Self::pay_from_escrow(&telco, nonce, id, total_bytes)?,
			UsageSubject::Roaming(agreement) => {
				let payable =
					T::Roaming::book_usage(agreement, &telco, total_bytes, commitment.anchored_at)?;
				(total_bytes, Release { to_payee: payable, margin: 0 }, 0)
			},
		};
		Self::deposit_event(Event::UsageSettled {
			telco,
			nonce,
			subject: commitment.subject,
			claimed_bytes: total_bytes,
			settled_bytes,
			payout,
			margin,
			held,
		});
		let circuit = circuit_component(commitment.key.circuit);
		Ok(match commitment.subject {
			UsageSubject::Entitlement(_) => T::WeightInfo::settle_entitlement_usage(circuit),
			UsageSubject::Roaming(_) => T::WeightInfo::settle_roaming_usage(circuit),
		})
	}

	/// Takes up to `bytes` of the entitlement's quota and pays the share of its unreserved
	/// money that follows the share of the remaining quota taken (all of it with the last byte):
	/// at once for the bytes the holder's acknowledgement (plus the tolerance) covers, and the
	/// rest reserved as a held settlement. Returns the bytes taken, what was paid at once and
	/// what was reserved.
	fn pay_from_escrow(
		telco: &T::AccountId,
		nonce: u64,
		entitlement: EntitlementId,
		bytes: Bytes,
	) -> Result<(Bytes, Release, StablecoinAmount), DispatchError> {
		let view =
			T::Entitlements::entitlement(entitlement).ok_or(Error::<T>::UnknownEntitlement)?;
		let available = T::Escrow::unreserved(view.intent).unwrap_or_default();
		let taken = T::Entitlements::consume(entitlement, bytes)?;
		if taken == 0 {
			return Ok((0, Release::default(), 0));
		}
		let mut usage = EntitlementUsages::<T>::get(entitlement);
		let covered = Self::acknowledged_allowance(&usage, view.remaining_bytes)
			.saturating_sub(usage.billed)
			.min(taken);
		usage.billed = usage.billed.checked_add(taken).ok_or(Error::<T>::AmountOverflow)?;
		EntitlementUsages::<T>::insert(entitlement, usage);

		let amount = pro_rata(available, taken, view.remaining_bytes);
		let now = pro_rata(amount, covered, taken);
		let held = amount.saturating_sub(now);
		let release =
			if now > 0 { T::Escrow::release(view.intent, now)? } else { Release::default() };
		if held > 0 {
			let settlement = HeldSettlement {
				entitlement,
				intent: view.intent,
				amount: held,
				bytes: taken.saturating_sub(covered),
				billed_through: usage.billed,
				releases_at: frame_system::Pallet::<T>::block_number()
					.saturating_add(T::Parameters::challenge_window()),
			};
			Self::hold(telco, nonce, settlement)?;
		}
		Ok((taken, release, held))
	}

	/// The chain's genesis hash, which every binding hash includes so that a proof made for
	/// another network never verifies here.
	pub fn genesis_hash() -> [u8; 32] {
		let hash = frame_system::Pallet::<T>::block_hash(BlockNumberFor::<T>::zero());
		let bytes = hash.as_ref();
		bytes.try_into().unwrap_or_else(|_| BlakeTwo256::hash(bytes).0)
	}

	fn proof_error(error: VerifyError) -> DispatchError {
		match error {
			VerifyError::MalformedProof => Error::<T>::ProofMalformed,
			VerifyError::ProofPointNotOnCurve => Error::<T>::ProofPointOffCurve,
			VerifyError::ProofPointNotInSubgroup => Error::<T>::ProofPointOutsideSubgroup,
			VerifyError::NonCanonicalInput { .. } => Error::<T>::NonCanonicalRoot,
			VerifyError::InvalidProof => Error::<T>::ProofRejected,
			// A stored key was validated at registration; failing to decode it now means it was
			// written by something else. Refuse the proof rather than pay.
			_ => Error::<T>::KeyMalformed,
		}
		.into()
	}
}
