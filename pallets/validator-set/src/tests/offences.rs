//! Offences reported by the consensus pallets' equivocation systems.

use super::mock::*;
use crate::{Event, OffenceRecord, Offences, OffencesInSession};
use sp_runtime::Perbill;
use sp_staking::{
	offence::{Kind, Offence, OffenceError, ReportOffence},
	SessionIndex,
};

const KIND: Kind = *b"test:equivocatio";

/// An equivocation of `offenders` at round `round` of `session`.
struct Equivocation {
	session: SessionIndex,
	round: u64,
	offenders: Vec<AccountId>,
}

impl Offence<(AccountId, ())> for Equivocation {
	const ID: Kind = KIND;
	type Slot = u64;

	fn offenders(&self) -> Vec<(AccountId, ())> {
		self.offenders.iter().map(|o| (*o, ())).collect()
	}
	fn session_index(&self) -> SessionIndex {
		self.session
	}
	fn validator_set_count(&self) -> u32 {
		3
	}
	fn slot(&self) -> u64 {
		self.round
	}
	fn slash_fraction(&self, _: u32) -> Perbill {
		Perbill::zero()
	}
}

fn report(session: SessionIndex, round: u64, offenders: &[AccountId]) -> Result<(), OffenceError> {
	<ValidatorSet as ReportOffence<AccountId, (AccountId, ()), Equivocation>>::report_offence(
		vec![NEWCOMER],
		Equivocation { session, round, offenders: offenders.to_vec() },
	)
}

fn known(round: u64, offenders: &[AccountId]) -> bool {
	let offenders: Vec<_> = offenders.iter().map(|o| (*o, ())).collect();
	<ValidatorSet as ReportOffence<AccountId, (AccountId, ()), Equivocation>>::is_known_offence(
		&offenders, &round,
	)
}

#[test]
fn an_offence_is_recorded_once_and_announced() {
	new_test_ext().execute_with(|| {
		assert!(!known(7, &[2]));
		assert_eq!(report(0, 7, &[2]), Ok(()));
		System::assert_last_event(
			Event::OffenceReported { kind: KIND, offender: 2, session: 0 }.into(),
		);
		assert!(known(7, &[2]));
		assert!(!known(8, &[2]), "another round is another offence");
		assert!(!known(7, &[2, 3]));
		assert_eq!(
			Offences::<Test>::iter_values().collect::<Vec<_>>(),
			vec![OffenceRecord { kind: KIND, offender: 2, session: 0 }]
		);
		// The same again is a duplicate; with a new offender only that one is recorded.
		assert_eq!(report(0, 7, &[2]), Err(OffenceError::DuplicateReport));
		assert_eq!(report(0, 7, &[2, 3]), Ok(()));
		System::assert_last_event(
			Event::OffenceReported { kind: KIND, offender: 3, session: 0 }.into(),
		);
		assert_eq!(Offences::<Test>::iter().count(), 2);
		// Reports unseat nobody: the council decides.
		assert_eq!(session_validators(), vec![1, 2, 3]);
	});
}

#[test]
fn a_session_holds_a_bounded_number_of_records_and_old_ones_are_forgotten() {
	new_test_ext().execute_with(|| {
		for round in 0..3 {
			assert_eq!(report(0, round, &[2]), Ok(()));
		}
		assert_eq!(report(0, 3, &[2]), Err(OffenceError::Other(0)), "three per session");
		assert!(!known(3, &[2]), "nothing of the refused report is kept");
		assert_eq!(report(1, 3, &[2]), Ok(()), "another session has room");
		// Kept for two sessions: session 0's go when session 2 begins, session 1's at 3.
		run_to_session(1);
		assert_eq!(Offences::<Test>::iter().count(), 4);
		run_to_session(2);
		assert_eq!(Offences::<Test>::iter().count(), 1);
		assert!(OffencesInSession::<Test>::get(0).is_empty());
		run_to_session(3);
		assert_eq!(Offences::<Test>::iter().count(), 0);
	});
}
