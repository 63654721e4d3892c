//! Random sequences of opens, top-ups, releases, refunds, reservations and their release or
//! refund, reassignments to another operator, freezes, thaws, refunds after expiry and idle
//! blocks, checking after every step that no stablecoin was created or lost and that a failed
//! operation changed nothing.

use super::*;
use crate::Intents;
use frame_support::{traits::Hooks, weights::Weight};
use gesim_primitives::stablecoin::MIN_BALANCE;
use sp_runtime::{DispatchResult, StateVersion};

/// A second operator.
const TELCO_B: AccountId = 12;

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

	/// Mostly ordinary amounts, sometimes below the minimum balance, sometimes one unit.
	fn amount(&mut self) -> StablecoinAmount {
		match self.below(10) {
			0 => 1,
			1 | 2 => 1 + self.below(CENT as u64) as StablecoinAmount,
			_ => 1 + self.below(3 * DOLLAR as u64) as StablecoinAmount,
		}
	}
}

/// Everyone's stablecoin, which nothing in the escrow may create or destroy.
fn everyone() -> StablecoinAmount {
	[ALICE, BOB, TELCO, TELCO_B, TREASURY, Escrow::account_id()]
		.iter()
		.map(|who| balance(*who))
		.sum()
}

/// An intent id: usually one that was handed out, sometimes one that never was.
fn some_intent(rng: &mut Rng) -> IntentId {
	let next = crate::NextIntentId::<Test>::get();
	if next == 0 || rng.below(20) == 0 {
		next + rng.below(3)
	} else {
		rng.below(next)
	}
}

fn step(rng: &mut Rng) -> (&'static str, DispatchResult) {
	let now = System::block_number();
	match rng.below(100) {
		0..=19 => {
			let (payer, payee) = (rng.pick(&[ALICE, BOB]), rng.pick(&[TELCO, TELCO_B]));
			let (amount, expires_at) = (rng.amount(), now + rng.below(20));
			(
				"open",
				<Ledger as EscrowLedger<_, _>>::open(&payer, &payee, amount, expires_at)
					.map(|_| ()),
			)
		},
		20..=31 => {
			let (id, amount, expires_at) = (some_intent(rng), rng.amount(), now + rng.below(30));
			("top_up", <Ledger as EscrowLedger<_, _>>::top_up(id, amount, expires_at))
		},
		32..=51 => {
			let id = some_intent(rng);
			let held = Intents::<Test>::get(id).map(|i| i.held).unwrap_or(0);
			let amount = match rng.below(4) {
				0 => held,
				1 => rng.amount(),
				_ => held / (1 + rng.below(4) as StablecoinAmount),
			};
			("release", <Ledger as EscrowLedger<_, _>>::release(id, amount).map(|_| ()))
		},
		52..=61 => {
			let id = some_intent(rng);
			let held = Intents::<Test>::get(id).map(|i| i.held).unwrap_or(0);
			let amount = if rng.below(2) == 0 { held } else { rng.amount() };
			("refund", <Ledger as EscrowLedger<_, _>>::refund(id, amount))
		},
		62..=64 => {
			let id = some_intent(rng);
			let free = <Ledger as EscrowLedger<_, _>>::unreserved(id).unwrap_or(0);
			let amount = if rng.below(2) == 0 { free } else { rng.amount() };
			("reserve", <Ledger as EscrowLedger<_, _>>::reserve(id, amount))
		},
		65 => {
			let id = some_intent(rng);
			let free = <Ledger as EscrowLedger<_, _>>::unreserved(id).unwrap_or(0);
			let amount = if rng.below(2) == 0 { free } else { rng.amount() };
			let (payee, expires_at) = (rng.pick(&[TELCO, TELCO_B]), now + rng.below(20));
			let payer = rng.pick(&[ALICE, BOB]);
			(
				"reassign",
				<Ledger as EscrowLedger<_, _>>::reassign(id, amount, &payer, &payee, expires_at)
					.map(|_| ()),
			)
		},
		66..=68 => {
			let id = some_intent(rng);
			let reserved = <Ledger as EscrowLedger<_, _>>::reserved(id);
			let amount = if rng.below(2) == 0 { reserved } else { rng.amount() };
			if rng.below(2) == 0 {
				(
					"release_reserved",
					<Ledger as EscrowLedger<_, _>>::release_reserved(id, amount).map(|_| ()),
				)
			} else {
				("refund_reserved", <Ledger as EscrowLedger<_, _>>::refund_reserved(id, amount))
			}
		},
		69..=71 => ("freeze", <Ledger as EscrowLedger<_, _>>::freeze(some_intent(rng))),
		72..=75 => ("thaw", <Ledger as EscrowLedger<_, _>>::thaw(some_intent(rng))),
		76..=81 => {
			let origin = RuntimeOrigin::signed(rng.pick(&[ALICE, BOB, TELCO]));
			(
				"refund_expired",
				Escrow::refund_expired(origin, some_intent(rng))
					.map(|_| ())
					.map_err(|e| e.error),
			)
		},
		_ => {
			let idle = match rng.below(3) {
				0 => Weight::zero(),
				1 => Weight::from_parts(rng.below(400_000_000_000), u64::MAX),
				_ => Weight::MAX,
			};
			for _ in 0..1 + rng.below(6) {
				let next = System::block_number() + 1;
				System::set_block_number(next);
				Escrow::on_idle(next, idle);
			}
			("idle blocks", Ok(()))
		},
	}
}

#[test]
fn random_sequences_conserve_every_unit() {
	for seed in 1..=24u64 {
		new_test_ext().execute_with(|| {
			let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15));
			let total = everyone();
			assert_eq!(total, 2 * STARTING_BALANCE + 2 * MIN_BALANCE);
			let (mut succeeded, mut failed) = (0, 0);
			for n in 0..300 {
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
				}
				if let Err(e) = Escrow::do_check_invariants() {
					panic!("seed {seed}, step {n}, after {operation}: {e:?}");
				}
				assert_eq!(
					Escrow::account_balance(),
					Escrow::total_held().unwrap() + MIN_BALANCE,
					"seed {seed}, step {n}, after {operation}: escrow account != held + endowment"
				);
				assert_eq!(
					everyone(),
					total,
					"seed {seed}, step {n}, after {operation}: money appeared or vanished"
				);
			}
			// The sequence exercised both paths.
			assert!(succeeded > 50 && failed > 10, "seed {seed}: {succeeded} ok, {failed} failed");

			// Every closed intent's totals add up to what was paid.
			for event in escrow_events() {
				if let crate::Event::IntentClosed { paid, released, margin, refunded, .. } = event {
					assert_eq!(paid, released + margin + refunded, "seed {seed}");
				}
			}
		});
	}
}
