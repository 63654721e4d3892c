//! Settlement: verify the proof against what the chain itself knows, then pay.

use crate::*;
use alloc::vec::Vec;
use frame_support::{ensure, storage::with_storage_layer, weights::Weight};
use frame_system::pallet_prelude::BlockNumberFor;
use gesim_primitives::{
	traits::pro_rata, Bytes, EntitlementId, EntitlementLedger, EscrowLedger, ProtocolParameters,
	Release, RoamingLedger, StablecoinAmount, TelcoInspect, UsageSubject,
};
use gesim_zk_verifier::{
	CircuitId, Groth16Verifier, PublicInput, UsageClaim, UsagePublicInputs, VerifyError,
};
use sp_runtime::{
	traits::{BlakeTwo256, Hash, Saturating, Zero},
	DispatchError,
};

/// A block hash as 32 bytes (hashed to 32 if the chain's hash is another size).
fn hash_bytes(hash: &[u8]) -> [u8; 32] {
	hash.try_into().unwrap_or_else(|_| BlakeTwo256::hash(hash).0)
}

/// The benchmark component of a usage circuit: 0, 1, 2 for 64, 256, 1024 records.
fn circuit_component(circuit: CircuitId) -> u32 {
	match circuit {
		CircuitId::Usage64 => 0,
		CircuitId::Usage256 => 1,
		_ => 2,
	}
}

type Commitment<T> = UsageCommitment<BlockNumberFor<T>>;

impl<T: Config> Pallet<T> {
	/// Verifies and pays; returns the weight the settlement actually took.
	pub(crate) fn do_settle_usage(
		telco: T::AccountId,
		claim: UsageClaim,
	) -> Result<Weight, DispatchError> {
		let commitment = Self::waiting_commitment(&telco, claim.nonce)?;
		ensure!(T::Telcos::is_active(&telco), Error::<T>::NotActiveTelco);
		let registered = Self::live_key(&commitment.key)?;
		// Checked again: the entitlement may have changed hands, or its grace run out, since
		// the anchor; an agreement may have ended.
		Self::ensure_can_invoice(&telco, &commitment.subject, commitment.anchored_at)?;
		let inputs = Self::public_inputs(&telco, &commitment, &claim, &Self::genesis_hash());
		T::Verifier::verify_stored(registered.key.as_bytes(), &claim.proof.0, &inputs)
			.map_err(Self::proof_error)?;
		Self::pay_claim(&telco, &commitment, &claim)?;
		let circuit = circuit_component(commitment.key.circuit);
		Ok(match commitment.subject {
			UsageSubject::Entitlement(_) => T::WeightInfo::settle_entitlement_usage(circuit),
			UsageSubject::Roaming(_) => T::WeightInfo::settle_roaming_usage(circuit),
		})
	}

	/// Checks each claim as [`Self::do_settle_usage`] does, the proofs together, and pays those
	/// that pass; the others are refused by event. Returns the weight the batch took: the
	/// combined check's, or, if it failed and every proof was checked alone, the worst case's.
	pub(crate) fn do_settle_usage_batch(
		telco: T::AccountId,
		key: KeyId,
		claims: Vec<UsageClaim>,
	) -> Result<Weight, DispatchError> {
		ensure!(!claims.is_empty(), Error::<T>::EmptyBatch);
		ensure!(T::Telcos::is_active(&telco), Error::<T>::NotActiveTelco);
		ensure!(key.circuit.batch_size().is_some(), Error::<T>::NotAUsageCircuit);
		let registered = Self::live_key(&key)?;
		let genesis = Self::genesis_hash();
		let refuse = |nonce, error| {
			Self::deposit_event(Event::ClaimRefused { telco: telco.clone(), nonce, error })
		};

		let mut checked = Vec::with_capacity(claims.len());
		for (index, claim) in claims.iter().enumerate() {
			let check = || -> Result<_, DispatchError> {
				let earlier = &claims[..index];
				ensure!(earlier.iter().all(|c| c.nonce != claim.nonce), Error::<T>::DuplicateClaim);
				let commitment = Self::waiting_commitment(&telco, claim.nonce)?;
				ensure!(commitment.key == key, Error::<T>::CommitmentUnderOtherKey);
				Self::ensure_can_invoice(&telco, &commitment.subject, commitment.anchored_at)?;
				let inputs = Self::public_inputs(&telco, &commitment, claim, &genesis);
				Ok((claim, commitment, inputs))
			};
			match check() {
				Ok(passed) => checked.push(passed),
				Err(error) => refuse(claim.nonce, error),
			}
		}

		let items: Vec<(&[u8], &[PublicInput])> = checked
			.iter()
			.map(|(claim, _, inputs)| (&claim.proof.0[..], &inputs[..]))
			.collect();
		let seed = hash_bytes(frame_system::Pallet::<T>::parent_hash().as_ref());
		let verdicts = T::Verifier::verify_batch_stored(registered.key.as_bytes(), &items, &seed)
			.map_err(Self::proof_error)?;
		// A false proof shows only once the combination fails and each is checked alone.
		let checked_alone = verdicts.contains(&Err(VerifyError::InvalidProof));
		for ((claim, commitment, _), verdict) in checked.iter().zip(verdicts) {
			let settled = verdict
				.map_err(Self::proof_error)
				.and_then(|()| with_storage_layer(|| Self::pay_claim(&telco, commitment, claim)));
			if let Err(error) = settled {
				refuse(claim.nonce, error);
			}
		}
		let claims = claims.len() as u32;
		Ok(if checked_alone {
			T::WeightInfo::settle_usage_batch_fallback(claims)
		} else {
			T::WeightInfo::settle_usage_batch(claims)
		})
	}

	/// `telco`'s commitment waiting for its proof under `nonce`.
	fn waiting_commitment(telco: &T::AccountId, nonce: u64) -> Result<Commitment<T>, Error<T>> {
		PendingUsage::<T>::get(telco, nonce).ok_or_else(|| {
			if nonce < NextNonce::<T>::get(telco) {
				Error::<T>::NonceConsumed
			} else {
				Error::<T>::UnknownCommitment
			}
		})
	}

	/// Every public input of `claim`'s proof, built from chain state (`genesis`: the chain's
	/// [`Self::genesis_hash`], read once per call); only the total and the nonce come from the
	/// claim.
	fn public_inputs(
		telco: &T::AccountId,
		commitment: &Commitment<T>,
		claim: &UsageClaim,
		genesis: &[u8; 32],
	) -> [PublicInput; 8] {
		let subject = commitment.subject.binding_id();
		UsagePublicInputs {
			root: commitment.root,
			total_bytes: claim.total_bytes,
			nonce: claim.nonce,
			binding: T::Verifier::usage_binding(telco.as_ref(), subject, genesis),
			subject,
			period_start: commitment.period.start,
			period_end: commitment.period.end,
			networks: commitment.networks,
		}
		.to_inputs()
	}

	/// Consumes the verified claim's nonce and pays for its usage: from the entitlement's
	/// escrow, or as a roaming payable.
	fn pay_claim(
		telco: &T::AccountId,
		commitment: &Commitment<T>,
		claim: &UsageClaim,
	) -> Result<(), DispatchError> {
		let UsageClaim { total_bytes, nonce, .. } = *claim;
		// Below `NextNonce` and no longer waiting: consumed for good.
		Self::take_commitment(telco, nonce)?;
		let (settled_bytes, Release { to_payee: payout, margin }, held) = match commitment.subject {
			UsageSubject::Entitlement(id) => Self::pay_from_escrow(telco, nonce, id, total_bytes)?,
			UsageSubject::Roaming(agreement) => {
				let payable =
					T::Roaming::book_usage(agreement, telco, total_bytes, commitment.anchored_at)?;
				(total_bytes, Release { to_payee: payable, margin: 0 }, 0)
			},
		};
		Self::deposit_event(Event::UsageSettled {
			telco: telco.clone(),
			nonce,
			subject: commitment.subject,
			claimed_bytes: total_bytes,
			settled_bytes,
			payout,
			margin,
			held,
		});
		Ok(())
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
		hash_bytes(frame_system::Pallet::<T>::block_hash(BlockNumberFor::<T>::zero()).as_ref())
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
