//! The transaction extension that declares the weight of the sponsorship lookups. It has no
//! error path: it rejects nothing and changes nothing, it only weighs.

use super::mock::*;
use crate::{weights::WeightInfo, WeighSponsorship};
use codec::{Decode, Encode};
use frame_support::{assert_ok, dispatch::DispatchInfo};
use sp_runtime::{
	traits::{DispatchTransaction, TransactionExtension},
	StateVersion,
};

fn extension() -> WeighSponsorship<Test> {
	WeighSponsorship::new()
}

#[test]
fn declares_the_sponsorship_lookups_for_a_sponsored_call() {
	assert_eq!(extension().weight(&sponsored_call()), <() as WeightInfo>::sponsored_fee());
}

#[test]
fn declares_only_the_call_check_for_other_calls() {
	assert_eq!(extension().weight(&other_call()), <() as WeightInfo>::unsponsored_fee());
	assert!(extension().weight(&other_call()).all_lt(extension().weight(&sponsored_call())));
}

#[test]
fn carries_no_data() {
	assert!(extension().encode().is_empty());
	assert_eq!(
		WeighSponsorship::<Test>::decode(&mut &[][..]).expect("nothing to decode"),
		extension()
	);
	assert_eq!(extension().implicit(), Ok(()));
	let metadata = <WeighSponsorship<Test> as TransactionExtension<RuntimeCall>>::metadata();
	assert_eq!(metadata.iter().map(|m| m.identifier).collect::<Vec<_>>(), vec!["WeighSponsorship"]);
}

#[test]
fn lets_every_transaction_through_and_changes_nothing() {
	new_test_ext().execute_with(|| {
		assert_ok!(FeeSponsorship::fund_pot(RuntimeOrigin::signed(FUNDER), TELCO, 1_000));
		assert_ok!(FeeSponsorship::set_terms(RuntimeOrigin::signed(TELCO), 1, 100));
		let root = sp_io::storage::root(StateVersion::V1);
		for (who, call) in [
			(SUBSCRIBER, sponsored_call()),
			(STRANGER, sponsored_call()),
			(SUBSCRIBER, other_call()),
		] {
			let info =
				DispatchInfo { extension_weight: extension().weight(&call), ..Default::default() };
			let outcome =
				extension()
					.test_run(RuntimeOrigin::signed(who), &call, &info, 0, 0, |_| Ok(().into()));
			assert_ok!(outcome.expect("valid"));
		}
		assert_eq!(sp_io::storage::root(StateVersion::V1), root);
	});
}
