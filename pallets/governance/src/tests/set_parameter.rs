//! `set_parameter`: the council changes one protocol parameter by motion; the pallets read it.

use super::mock::*;
use crate::{Error, Event as GovernanceEvent, Parameters};
use frame_support::{assert_noop, assert_ok};
use gesim_primitives::{
	parameters::{DAY, MAX_PERIOD},
	ParameterKey, PlanBounds, ProtocolParameter, ProtocolParameters, ResaleBounds,
};
use sp_runtime::{BuildStorage, DispatchError};

type Parameter = ProtocolParameter<u64>;

fn set(value: Parameter) -> RuntimeCall {
	RuntimeCall::Governance(crate::Call::set_parameter { value })
}

fn council() -> RuntimeOrigin {
	pallet_collective::RawOrigin::<AccountId, CouncilCollective>::Members(2, 3).into()
}

#[test]
fn a_motion_changes_a_parameter_and_says_from_what() {
	new_test_ext().execute_with(|| {
		assert_eq!(Governance::challenge_window(), 3 * DAY as u64);
		run_motion(set(Parameter::ChallengeWindow(600)), 2, &[ALICE, BOB]);

		assert_eq!(Governance::challenge_window(), 600);
		System::assert_has_event(
			GovernanceEvent::ParameterChanged {
				from: Parameter::ChallengeWindow(3 * DAY as u64),
				to: Parameter::ChallengeWindow(600),
			}
			.into(),
		);
		// The others stay at their defaults.
		assert_eq!(Governance::dispute_window(), 14 * DAY as u64);
		assert_eq!(Parameters::<Test>::iter().count(), 1);

		assert_ok!(Governance::set_parameter(council(), Parameter::ChallengeWindow(700)));
		System::assert_last_event(
			GovernanceEvent::ParameterChanged {
				from: Parameter::ChallengeWindow(600),
				to: Parameter::ChallengeWindow(700),
			}
			.into(),
		);
	});
}

#[test]
fn every_parameter_reads_back_as_set() {
	new_test_ext().execute_with(|| {
		let bounds = PlanBounds { min_price: 5, max_validity: 99 };
		for value in [
			Parameter::ProtocolMargin(250),
			Parameter::PlanBounds(bounds),
			Parameter::ServiceDeadline(10),
			Parameter::NettingPeriod(11),
			Parameter::ChallengeWindow(12),
			Parameter::DisputeWindow(13),
			Parameter::AcknowledgementTolerance(500),
		] {
			assert_ok!(Governance::set_parameter(council(), value));
			assert_eq!(Governance::get(value.key()), value);
		}
		assert_eq!(Governance::protocol_margin(), 250);
		assert_eq!(Governance::plan_bounds(), bounds);
		assert_eq!(Governance::service_deadline(), 10);
		assert_eq!(Governance::netting_period(), 11);
		assert_eq!(Governance::challenge_window(), 12);
		assert_eq!(Governance::dispute_window(), 13);
		assert_eq!(Governance::acknowledgement_tolerance(), 500);
	});
}

#[test]
fn values_out_of_range_are_refused_by_name_and_change_nothing() {
	new_test_ext().execute_with(|| {
		let refused = [
			(Parameter::ProtocolMargin(1_001), Error::<Test>::MarginTooHigh),
			(
				Parameter::PlanBounds(PlanBounds { min_price: 0, max_validity: 10 }),
				Error::<Test>::InvalidPlanBounds,
			),
			(
				Parameter::PlanBounds(PlanBounds { min_price: 10, max_validity: 0 }),
				Error::<Test>::InvalidPlanBounds,
			),
			(Parameter::ServiceDeadline(0), Error::<Test>::ZeroPeriod),
			(Parameter::NettingPeriod(0), Error::<Test>::ZeroPeriod),
			(Parameter::ChallengeWindow(MAX_PERIOD as u64 + 1), Error::<Test>::PeriodTooLong),
			(Parameter::DisputeWindow(0), Error::<Test>::ZeroPeriod),
			(Parameter::AcknowledgementTolerance(10_001), Error::<Test>::ToleranceTooHigh),
			(
				Parameter::ResaleBounds(ResaleBounds { min_chunk_bytes: 0, max_price_bps: 1 }),
				Error::<Test>::InvalidResaleBounds,
			),
			(Parameter::ReputationHalfLife(0), Error::<Test>::ZeroPeriod),
		];
		for (value, error) in refused {
			assert_noop!(Governance::set_parameter(council(), value), error);
		}
		assert_eq!(Parameters::<Test>::iter().count(), 0);
	});
}

#[test]
fn only_a_two_thirds_council_motion_may_set_a_parameter() {
	new_test_ext().execute_with(|| {
		let value = Parameter::ProtocolMargin(500);
		for origin in [
			RuntimeOrigin::signed(ALICE),
			RuntimeOrigin::root(),
			pallet_collective::RawOrigin::<AccountId, CouncilCollective>::Members(1, 3).into(),
		] {
			assert_noop!(Governance::set_parameter(origin, value), DispatchError::BadOrigin);
		}
		assert_eq!(Governance::protocol_margin(), 0);
		assert!(Parameters::<Test>::get(ParameterKey::ProtocolMargin).is_none());
	});
}

#[test]
fn genesis_parameters_are_in_force_from_the_first_block() {
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	crate::GenesisConfig::<Test> { parameters: vec![Parameter::ProtocolMargin(200)] }
		.assimilate_storage(&mut storage)
		.unwrap();
	sp_io::TestExternalities::new(storage).execute_with(|| {
		assert_eq!(Governance::protocol_margin(), 200);
		assert_eq!(Governance::netting_period(), DAY as u64);
	});
}

#[test]
#[should_panic(expected = "out of range")]
fn genesis_refuses_a_parameter_out_of_range() {
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	crate::GenesisConfig::<Test> { parameters: vec![Parameter::ProtocolMargin(5_000)] }
		.assimilate_storage(&mut storage)
		.unwrap();
}

#[test]
fn the_published_defaults_are_what_an_unset_parameter_reads() {
	new_test_ext().execute_with(|| {
		let defaults = Governance::default_parameters();
		assert_eq!(defaults.len(), ParameterKey::ALL.len());
		for value in defaults {
			assert_eq!(Governance::get(value.key()), value);
		}
	});
}
