//! Joining and leaving: application, approval, rejection, withdrawal, retirement, and genesis
//! operators.

use crate::*;
use alloc::vec::Vec;
use frame_support::{
	pallet_prelude::*,
	traits::{
		fungible::{InspectHold, MutateHold},
		tokens::Precision,
	},
};
use gesim_primitives::{Plmn, TelcoObligations};

impl<T: Config> Pallet<T> {
	/// Registers `telco` as pending with `profile`, holding `TelcoBond` and claiming its PLMNs.
	pub(crate) fn do_apply(
		telco: T::AccountId,
		profile: Profile<T>,
		receipt_key: ReceiptKey,
	) -> DispatchResult {
		ensure!(!Telcos::<T>::contains_key(&telco), Error::<T>::AlreadyRegistered);
		Self::ensure_plmns_free(&telco, &profile.plmns)?;
		let bond = T::TelcoBond::get();
		let reason: T::RuntimeHoldReason = HoldReason::TelcoBond.into();
		ensure!(T::Currency::can_hold(&reason, &telco, bond), Error::<T>::InsufficientBond);

		T::Currency::hold(&reason, &telco, bond)?;
		Self::claim_plmns(&telco, &profile.plmns);
		let Profile { legal_name, plmns, coverage, services } = profile;
		Telcos::<T>::insert(
			&telco,
			Telco {
				legal_name,
				plmns,
				coverage,
				services,
				receipt_key,
				retiring_receipt_key: None,
				status: TelcoStatus::Pending,
				bond,
				applied_at: frame_system::Pallet::<T>::block_number(),
			},
		);
		Self::deposit_event(Event::Applied { telco, bond });
		Ok(())
	}

	/// Gives a pending applicant its bond and PLMNs back and forgets it.
	pub(crate) fn do_withdraw_application(telco: T::AccountId) -> DispatchResult {
		let record = Telcos::<T>::get(&telco).ok_or(Error::<T>::UnknownTelco)?;
		ensure!(record.status == TelcoStatus::Pending, Error::<T>::NotPending);
		let bond_released = Self::deregister(&telco, &record)?;
		Self::deposit_event(Event::ApplicationWithdrawn { telco, bond_released });
		Ok(())
	}

	/// Admits a pending applicant whose bond is whole.
	pub(crate) fn do_approve(telco: T::AccountId) -> DispatchResult {
		Self::change_status(
			&telco,
			TelcoStatus::Pending,
			TelcoStatus::Active,
			Error::<T>::NotPending,
		)?;
		Self::deposit_event(Event::Approved { telco });
		Ok(())
	}

	/// Turns a pending applicant away, its bond and PLMNs back, and forgets it.
	pub(crate) fn do_reject(telco: T::AccountId) -> DispatchResult {
		let record = Telcos::<T>::get(&telco).ok_or(Error::<T>::UnknownTelco)?;
		ensure!(record.status == TelcoStatus::Pending, Error::<T>::NotPending);
		let bond_released = Self::deregister(&telco, &record)?;
		Self::deposit_event(Event::Rejected { telco, bond_released });
		Ok(())
	}

	/// Lets an active operator with nothing left open go, bond and PLMNs back. A suspended one
	/// stays, so its bond is there for whatever the council decides.
	pub(crate) fn do_retire(telco: T::AccountId) -> DispatchResult {
		let record = Telcos::<T>::get(&telco).ok_or(Error::<T>::UnknownTelco)?;
		ensure!(record.status != TelcoStatus::Pending, Error::<T>::StillPending);
		ensure!(record.status != TelcoStatus::Suspended, Error::<T>::StillSuspended);
		ensure!(!T::Obligations::has_open_obligations(&telco), Error::<T>::OpenObligations);
		let bond_released = Self::deregister(&telco, &record)?;
		Self::deposit_event(Event::Retired { telco, bond_released });
		Ok(())
	}

	/// Registers an operator that is active from the first block, as `GenesisConfig` lists it.
	pub(crate) fn do_register_at_genesis(
		telco: &T::AccountId,
		legal_name: &[u8],
		plmn_octets: &[[u8; 3]],
		receipt_key: ReceiptKey,
	) -> DispatchResult {
		let legal_name = LegalNameOf::<T>::try_from(legal_name.to_vec())
			.map_err(|_| DispatchError::Other("legal name longer than MaxLegalNameLen"))?;
		let plmns = plmn_octets
			.iter()
			.map(|octets| Plmn::from_octets(*octets))
			.collect::<Result<Vec<_>, _>>()
			.map_err(|_| DispatchError::Other("invalid PLMN identity"))?;
		let plmns = PlmnsOf::<T>::try_from(plmns)
			.map_err(|_| DispatchError::Other("more PLMNs than MaxPlmns"))?;
		let services = Services::try_from(Service::ALL.to_vec())
			.map_err(|_| DispatchError::Other("more services than SERVICE_KINDS"))?;
		let profile = Self::checked_profile(legal_name, plmns, Default::default(), services)?;
		Self::do_apply(telco.clone(), profile, receipt_key)?;
		Self::do_approve(telco.clone())
	}

	/// Moves `telco` from `from` to `to`, or fails with `wrong_status`. An operator becomes
	/// active only with its bond whole (`BondShort` otherwise).
	pub(crate) fn change_status(
		telco: &T::AccountId,
		from: TelcoStatus,
		to: TelcoStatus,
		wrong_status: Error<T>,
	) -> DispatchResult {
		Telcos::<T>::try_mutate(telco, |maybe_record| {
			let record = maybe_record.as_mut().ok_or(Error::<T>::UnknownTelco)?;
			ensure!(record.status == from, wrong_status);
			if to == TelcoStatus::Active {
				ensure!(record.bond >= T::TelcoBond::get(), Error::<T>::BondShort);
			}
			record.status = to;
			Ok(())
		})
	}

	/// Releases the whole bond of `telco`, the PLMNs of its profile and of any pending profile
	/// change, and removes its record; returns the bond released.
	fn deregister(telco: &T::AccountId, record: &Telco<T>) -> Result<BalanceOf<T>, DispatchError> {
		let released =
			T::Currency::release_all(&HoldReason::TelcoBond.into(), telco, Precision::BestEffort)?;
		Self::release_plmns(telco, &record.plmns);
		if let Some(change) = ProfileChanges::<T>::take(telco) {
			Self::release_plmns(telco, &change.plmns);
		}
		Telcos::<T>::remove(telco);
		Ok(released)
	}
}

#[cfg(feature = "runtime-benchmarks")]
impl<T: Config> Pallet<T> {
	/// Makes `telco` an active operator, minting its bond and claiming a free PLMN (MCC 999),
	/// for the benchmarks of pallets that need one (their runtime `BenchmarkHelper`s).
	pub fn benchmark_register_active(telco: &T::AccountId) -> DispatchResult {
		if Telcos::<T>::get(telco).is_some_and(|t| t.status == TelcoStatus::Active) {
			return Ok(());
		}
		let digits = |n: u32| {
			[b'0' + (n / 100 % 10) as u8, b'0' + (n / 10 % 10) as u8, b'0' + (n % 10) as u8]
		};
		let plmn = (0..1000)
			.filter_map(|mnc| Plmn::from_digits(b"999", &digits(mnc)).ok())
			.find(|plmn| !PlmnOwner::<T>::contains_key(plmn))
			.ok_or(Error::<T>::PlmnTaken)?;
		Self::benchmark_register_active_on(telco, &[plmn])
	}

	/// Registers `telco` as an active operator running `plmns`, bond minted.
	pub fn benchmark_register_active_on(telco: &T::AccountId, plmns: &[Plmn]) -> DispatchResult {
		use frame_support::traits::fungible::{Inspect, Mutate};
		use sp_runtime::traits::Saturating;
		T::Currency::mint_into(
			telco,
			T::TelcoBond::get().saturating_add(T::Currency::minimum_balance()),
		)?;
		let octets: alloc::vec::Vec<[u8; 3]> = plmns.iter().map(Plmn::octets).collect();
		Self::do_register_at_genesis(telco, b"Bench telco", &octets, [7; 32])
	}
}
