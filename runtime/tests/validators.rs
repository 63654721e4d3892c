//! The validator set on the real runtime (local_testnet preset): an operator the council seats
//! validates two sessions later, in Aura and GRANDPA; a GRANDPA equivocation proved with real
//! signatures and the session keys' history becomes an offence the council sees.

mod common;

use common::{admit_operator, ext_from_preset};

use codec::Encode;
use frame_support::{assert_noop, assert_ok, traits::Hooks};
use gesim_runtime::{
	configs::CouncilCollective, AccountId, Grandpa, Historical, Runtime, RuntimeOrigin, Session,
	SessionKeys, TelcoRegistry, ValidatorSet,
};
use sp_consensus_grandpa::{Equivocation, EquivocationProof, KEY_TYPE as GRANDPA};
use sp_core::{proof_of_possession::ProofOfPossessionGenerator, H256};
use sp_keyring::{Ed25519Keyring, Sr25519Keyring};

/// Two thirds and more of the testnet's council of four.
fn council() -> RuntimeOrigin {
	pallet_collective::RawOrigin::<AccountId, CouncilCollective>::Members(3, 4).into()
}

/// Eve, admitted as an operator (MCC 001, MNC 05) with her own session keys set.
fn admit_eve() -> AccountId {
	let eve = Sr25519Keyring::Eve.to_account_id();
	admit_operator(&eve, "GeSIM Test Operator 5", b"05", Ed25519Keyring::Eve.public().0, council());
	let keys = SessionKeys {
		aura: Sr25519Keyring::Eve.public().into(),
		grandpa: Ed25519Keyring::Eve.public().into(),
	};
	// Each key signs the account: the proof `author_rotateKeys` makes on the node.
	let owner = eve.encode();
	let proof = (
		Sr25519Keyring::Eve.pair().generate_proof_of_possession(&owner),
		Ed25519Keyring::Eve.pair().generate_proof_of_possession(&owner),
	);
	assert_ok!(Session::set_keys(RuntimeOrigin::signed(eve.clone()), keys, proof.encode()));
	eve
}

/// Runs blocks with the hooks that matter here: sessions rotate in Session's
/// `on_initialize`, GRANDPA enacts scheduled changes in its `on_finalize`.
fn run_to_session(index: u32) {
	while Session::current_index() < index {
		let next = frame_system::Pallet::<Runtime>::block_number() + 1;
		frame_system::Pallet::<Runtime>::reset_events();
		frame_system::Pallet::<Runtime>::initialize(&next, &H256::zero(), &Default::default());
		Session::on_initialize(next);
		Grandpa::on_finalize(next);
		frame_system::Pallet::<Runtime>::finalize();
	}
}

#[test]
fn an_operator_the_council_seats_validates_two_sessions_later() {
	ext_from_preset("local_testnet").execute_with(|| {
		let eve = admit_eve();
		assert_ok!(ValidatorSet::add_validator(council(), eve.clone()));
		run_to_session(1);
		assert_eq!(pallet_aura::Authorities::<Runtime>::get().len(), 4);
		run_to_session(2);
		let aura = pallet_aura::Authorities::<Runtime>::get();
		assert_eq!(aura.len(), 5);
		assert!(aura.contains(&Sr25519Keyring::Eve.public().into()));
		let grandpa = Grandpa::grandpa_authorities();
		assert!(grandpa.contains(&(Ed25519Keyring::Eve.public().into(), 1)), "{grandpa:?}");
		assert_eq!(Grandpa::current_set_id(), 1, "one set change, for one new validator");
		run_to_session(4);
		assert_eq!(Grandpa::current_set_id(), 1, "no change without a changed set");
	});
}

#[test]
fn only_an_active_operator_with_keys_is_seated_and_a_suspended_one_leaves() {
	ext_from_preset("local_testnet").execute_with(|| {
		let stranger = Sr25519Keyring::Ferdie.to_account_id();
		assert_noop!(
			ValidatorSet::add_validator(council(), stranger),
			pallet_validator_set::Error::<Runtime>::NotAnActiveOperator
		);
		let eve = admit_eve();
		assert_noop!(
			ValidatorSet::add_validator(RuntimeOrigin::signed(eve.clone()), eve.clone()),
			sp_runtime::DispatchError::BadOrigin
		);
		assert_ok!(ValidatorSet::add_validator(council(), eve.clone()));
		run_to_session(2);
		assert_eq!(pallet_aura::Authorities::<Runtime>::get().len(), 5);
		assert_ok!(TelcoRegistry::suspend(council(), eve.clone()));
		run_to_session(4);
		assert_eq!(pallet_aura::Authorities::<Runtime>::get().len(), 4);
		assert!(!pallet_validator_set::Validators::<Runtime>::get().contains(&eve));
	});
}

/// Bob's GRANDPA key prevotes for two blocks in round `round` of set 0.
fn bob_equivocates(round: u64) -> EquivocationProof<H256, u32> {
	let bob = Ed25519Keyring::Bob;
	let signed = |target: H256| {
		let prevote = finality_grandpa::Prevote { target_hash: target, target_number: 1 };
		let message = finality_grandpa::Message::Prevote(prevote.clone());
		let payload = sp_consensus_grandpa::localized_payload(round, 0, &message);
		(prevote, bob.sign(&payload).into())
	};
	EquivocationProof::new(
		0,
		Equivocation::Prevote(finality_grandpa::Equivocation {
			round_number: round,
			identity: bob.public().into(),
			first: signed(H256::repeat_byte(1)),
			second: signed(H256::repeat_byte(2)),
		}),
	)
}

#[test]
fn a_grandpa_equivocation_becomes_an_offence_the_council_sees_once() {
	ext_from_preset("local_testnet").execute_with(|| {
		run_to_session(1);
		let bob = Sr25519Keyring::Bob.to_account_id();
		let key_owner = |who: Ed25519Keyring| {
			use frame_support::traits::KeyOwnerProofSystem;
			Historical::prove((GRANDPA, sp_consensus_grandpa::AuthorityId::from(who.public())))
				.unwrap()
		};
		let reporter = RuntimeOrigin::signed(Sr25519Keyring::Charlie.to_account_id());
		assert_ok!(Grandpa::report_equivocation(
			reporter.clone(),
			Box::new(bob_equivocates(3)),
			key_owner(Ed25519Keyring::Bob)
		));
		let offences: Vec<_> = pallet_validator_set::Offences::<Runtime>::iter_values().collect();
		assert_eq!(offences.len(), 1);
		assert_eq!(offences[0].offender, bob);
		assert_eq!(&offences[0].kind, b"grandpa:equivoca");
		// The same equivocation again is refused; a proof with another key's ownership too.
		assert!(Grandpa::report_equivocation(
			reporter.clone(),
			Box::new(bob_equivocates(3)),
			key_owner(Ed25519Keyring::Bob)
		)
		.is_err());
		assert!(Grandpa::report_equivocation(
			reporter,
			Box::new(bob_equivocates(4)),
			key_owner(Ed25519Keyring::Charlie)
		)
		.is_err());
		assert_eq!(pallet_validator_set::Offences::<Runtime>::iter().count(), 1);
		// Bob keeps his seat until the council acts.
		assert!(pallet_validator_set::Validators::<Runtime>::get().contains(&bob));
	});
}

type AuraSignature = sp_consensus_aura::sr25519::AuthoritySignature;

/// Bob's Aura key seals two different headers claiming `slot`.
fn bob_seals_twice(slot: u64) -> pallet_validator_set::AuraEquivocationProof<Runtime> {
	use sp_runtime::traits::Header as _;
	let sealed = |extrinsics_root: u8| {
		let header = gesim_runtime::Header::new(
			7,
			H256::repeat_byte(extrinsics_root),
			H256::repeat_byte(2),
			H256::repeat_byte(3),
			Default::default(),
		);
		pallet_validator_set::aura_sealed(header, slot.into(), |hash| {
			AuraSignature::from(Sr25519Keyring::Bob.sign(hash.as_ref()))
		})
	};
	pallet_validator_set::AuraEquivocationProof::<Runtime> {
		offender: Sr25519Keyring::Bob.public().into(),
		slot: slot.into(),
		first_header: sealed(1),
		second_header: sealed(2),
	}
}

/// What the node's `ValidatorSetApi` answers for `who`'s Aura key, decoded.
fn aura_key_owner(who: Sr25519Keyring) -> sp_session::MembershipProof {
	use codec::Decode;
	use pallet_validator_set::runtime_api::runtime_decl_for_validator_set_api::ValidatorSetApiV1;
	let encoded =
		<Runtime as ValidatorSetApiV1<gesim_runtime::Block, _>>::aura_key_ownership_proof(
			who.public().into(),
		)
		.expect("a validator's Aura key");
	Decode::decode(&mut &encoded[..]).unwrap()
}

#[test]
fn an_aura_equivocation_becomes_an_offence_the_council_sees_once() {
	ext_from_preset("local_testnet").execute_with(|| {
		// Aura's slot is set by hand: these blocks carry no pre-digest.
		pallet_aura::CurrentSlot::<Runtime>::put(sp_consensus_aura::Slot::from(1_000));
		run_to_session(1);
		pallet_aura::CurrentSlot::<Runtime>::put(sp_consensus_aura::Slot::from(1_050));
		let bob = Sr25519Keyring::Bob.to_account_id();
		let reporter = RuntimeOrigin::signed(Sr25519Keyring::Charlie.to_account_id());

		let post = ValidatorSet::report_aura_equivocation(
			reporter.clone(),
			Box::new(bob_seals_twice(1_020)),
			aura_key_owner(Sr25519Keyring::Bob),
		)
		.unwrap();
		assert_eq!(post.pays_fee, frame_support::dispatch::Pays::No, "a valid report is free");
		let offences: Vec<_> = pallet_validator_set::Offences::<Runtime>::iter_values().collect();
		assert_eq!(offences.len(), 1);
		assert_eq!(offences[0].offender, bob);
		assert_eq!(&offences[0].kind, b"aura:equivocatio");
		assert_eq!(offences[0].session, 1);

		// Again: a duplicate. Charlie's key proved for Bob's seals: no ownership. Slot 900 was
		// in session 0, whose keys this proof is not about.
		assert_noop!(
			ValidatorSet::report_aura_equivocation(
				reporter.clone(),
				Box::new(bob_seals_twice(1_020)),
				aura_key_owner(Sr25519Keyring::Bob)
			),
			pallet_validator_set::Error::<Runtime>::DuplicateOffenceReport
		);
		assert_noop!(
			ValidatorSet::report_aura_equivocation(
				reporter.clone(),
				Box::new(bob_seals_twice(1_021)),
				aura_key_owner(Sr25519Keyring::Charlie)
			),
			pallet_validator_set::Error::<Runtime>::InvalidKeyOwnershipProof
		);
		assert_noop!(
			ValidatorSet::report_aura_equivocation(
				reporter,
				Box::new(bob_seals_twice(900)),
				aura_key_owner(Sr25519Keyring::Bob)
			),
			pallet_validator_set::Error::<Runtime>::SlotOutsideSession
		);
		// Bob keeps his seat until the council acts.
		assert!(pallet_validator_set::Validators::<Runtime>::get().contains(&bob));
	});
}
