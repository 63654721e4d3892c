//! Random sequences of proposals, acceptances, terminations (by parties and the council),
//! bookings of usage anchored now or earlier, deposits, withdrawals and blocks with nettings,
//! checking after every step the invariants, that no stablecoin was created or lost, and that a
//! failed operation changed nothing; and at the end, that every unit booked was settled or is
//! still payable, every run balanced, and no debtor was ever short: deposits are collateral.

use super::*;
use crate::{Event, Position};
use sp_runtime::{DispatchResult, StateVersion};

/// xorshift64*: deterministic, good enough to shuffle operations.
struct Rng(u64);

impl Rng {
	fn next(&mut self) -> u64 {
		self.0 ^= self.0 >> 12;
		self.0 ^= self.0 << 25;
		self.0 ^= self.0 >> 27;
		self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
	}

	fn below(&mut self, n: u64) -> u64 {
		self.next() % n
	}

	fn pick<T: Copy>(&mut self, from: &[T]) -> T {
		from[self.below(from.len() as u64) as usize]
	}
}

const OPERATORS: [AccountId; 4] = [ALPHA, BRAVO, CHARLIE, STRANGER];

/// Everyone's stablecoin, which nothing in the roaming pallet may create or destroy.
fn everyone() -> StablecoinAmount {
	[ALPHA, BRAVO, CHARLIE, SUSPENDED, STRANGER, Roaming::account_id()]
		.iter()
		.map(|who| balance(*who))
		.sum()
}

/// An agreement id: usually a stored one, sometimes one that is gone or never was.
fn some_agreement(rng: &mut Rng) -> AgreementId {
	let stored: Vec<AgreementId> = Agreements::<Test>::iter_keys().collect();
	if stored.is_empty() || rng.below(10) == 0 {
		rng.below(crate::NextAgreementId::<Test>::get() as u64 + 3) as AgreementId
	} else {
		rng.pick(&stored)
	}
}

fn some_terms(rng: &mut Rng) -> crate::RoamingTermsOf<Test> {
	let valid_from = System::block_number() + rng.below(5);
	crate::RoamingTerms {
		rate_per_mb: rng.below(30_001) as StablecoinAmount,
		revenue_share_bps: rng.below(10_200) as u16,
		credit_limit: rng.below(20 * DOLLAR as u64) as StablecoinAmount,
		settlement_period: rng.below(26),
		valid_from,
		valid_until: valid_from + rng.below(200),
	}
}

fn step(rng: &mut Rng) -> (&'static str, DispatchResult) {
	match rng.below(100) {
		0..=14 => {
			let (proposer, counterparty) = (rng.pick(&OPERATORS), rng.pick(&OPERATORS));
			let terms = some_terms(rng);
			(
				"propose",
				Roaming::propose_agreement(RuntimeOrigin::signed(proposer), counterparty, terms),
			)
		},
		15..=27 => {
			let id = some_agreement(rng);
			let who = match Agreements::<Test>::get(id) {
				Some(record) if rng.below(4) > 0 => record.counterparty,
				_ => rng.pick(&OPERATORS),
			};
			("accept", Roaming::accept_agreement(RuntimeOrigin::signed(who), id))
		},
		28..=31 => {
			let who = rng.pick(&OPERATORS);
			(
				"terminate",
				Roaming::terminate_agreement(RuntimeOrigin::signed(who), some_agreement(rng)),
			)
		},
		32 => (
			"force terminate",
			Roaming::force_terminate(RuntimeOrigin::root(), some_agreement(rng)),
		),
		33..=59 => {
			let id = some_agreement(rng);
			let visited = match Agreements::<Test>::get(id) {
				Some(record) if rng.below(5) > 0 => {
					if rng.below(2) == 0 {
						record.proposer
					} else {
						record.counterparty
					}
				},
				_ => rng.pick(&OPERATORS),
			};
			// Usually anchored now, sometimes a while ago: proved late.
			let now = System::block_number();
			let anchored_at = now.saturating_sub(rng.below(3) * rng.below(15));
			let ended = Agreements::<Test>::get(id).is_some_and(|record| record.has_ended(now));
			let result = book_anchored(id, visited, rng.below(500 * MB), anchored_at);
			(if ended { "late book" } else { "book" }, result.map(|_| ()))
		},
		60..=71 => {
			let amount = 1 + rng.below(5 * DOLLAR as u64) as StablecoinAmount;
			("deposit", Roaming::deposit(RuntimeOrigin::signed(rng.pick(&OPERATORS)), amount))
		},
		72..=79 => {
			let who = rng.pick(&OPERATORS);
			let held = crate::Deposits::<Test>::get(who);
			let amount = match rng.below(3) {
				0 => held,
				1 => Roaming::free_deposit(&who),
				_ => 1 + rng.below(DOLLAR as u64) as StablecoinAmount,
			};
			("withdraw", Roaming::withdraw(RuntimeOrigin::signed(who), amount))
		},
		_ => {
			run_to_block(System::block_number() + 1 + rng.below(12));
			("blocks", Ok(()))
		},
	}
}

#[test]
fn random_sequences_conserve_every_unit_and_balance_every_run() {
	let (mut shortfalls, mut closed, mut lapsed, mut late) = (0, 0, 0, 0);
	for seed in 1..=16u64 {
		new_test_ext().execute_with(|| {
			let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15));
			let total = everyone();
			let (mut succeeded, mut failed) = (0, 0);
			for n in 0..400 {
				let root_before = sp_io::storage::root(StateVersion::V1);
				let (operation, result) = step(&mut rng);
				if result.is_err() {
					failed += 1;
					assert_eq!(
						root_before,
						sp_io::storage::root(StateVersion::V1),
						"seed {seed}, step {n}: failed {operation} ({result:?}) changed storage"
					);
				} else {
					succeeded += 1;
					if operation == "late book" {
						late += 1;
					}
				}
				if let Err(e) = Roaming::do_check_invariants() {
					panic!("seed {seed}, step {n}, after {operation}: {e:?}");
				}
				assert_eq!(
					Roaming::account_balance(),
					Roaming::total_deposits().unwrap() + MIN_BALANCE,
					"seed {seed}, step {n}, after {operation}: pool != deposits + endowment"
				);
				assert_eq!(everyone(), total, "seed {seed}, step {n}: money appeared or vanished");
			}
			assert!(succeeded > 100 && failed > 20, "seed {seed}: {succeeded} ok, {failed} failed");

			let (mut booked, mut settled, mut runs) = (0u128, 0u128, 0);
			let (mut paid, mut received) = (0u128, 0u128);
			for event in events() {
				match event {
					Event::UsageBooked { amount, .. } => booked += amount,
					Event::GrossSettled { amount, .. } => settled += amount,
					Event::NetPositionSettled {
						receivable,
						payable,
						carried_in,
						net,
						paid: out,
						received: into,
						carried_out,
						..
					} => {
						assert_eq!(net, receivable as Position - payable as Position + carried_in);
						assert_eq!(carried_out, net + out as Position - into as Position);
						// A debtor never receives, a creditor never pays, nobody beyond its net.
						assert!(out == 0 || (net < 0 && out <= net.unsigned_abs()));
						assert!(into == 0 || (net > 0 && into <= net.unsigned_abs()));
						paid += out;
						received += into;
					},
					Event::NettingCompleted { collected, .. } => {
						assert_eq!((paid, received), (collected, collected), "seed {seed}");
						(paid, received) = (0, 0);
						runs += 1;
					},
					Event::NettingShortfall { .. } => shortfalls += 1,
					Event::AgreementClosed { .. } => closed += 1,
					Event::ProposalLapsed { .. } => lapsed += 1,
					Event::NettingFailed { error } => {
						panic!("seed {seed}: netting failed: {error:?}")
					},
					_ => {},
				}
			}
			let payable: StablecoinAmount =
				Agreements::<Test>::iter_values().map(|a| a.outstanding().unwrap()).sum();
			assert_eq!(booked, settled + payable, "seed {seed}: booked != settled + payable");
			assert!(runs > 0 && booked > 0, "seed {seed}: {runs} runs, {booked} booked");
		});
	}
	// No debtor was ever short; the sequences reached the removal of ended agreements and of
	// proposals.
	assert_eq!(shortfalls, 0);
	assert!(closed > 10 && lapsed > 10, "{closed} closed, {lapsed} lapsed");
	assert!(late > 10, "{late} bookings of usage proved after its agreement ended");
}
