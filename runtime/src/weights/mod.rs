//! Weights the runtime measured itself, for builds whose cost differs from what the pallets'
//! own `weights.rs` files record: with `wasm-groth16`, proofs are checked in the runtime's wasm
//! instead of the node's host function, several times slower, and the pallets that check
//! proofs are charged what `scripts/bench/weights.sh --wasm-groth16` measured on that path.

pub mod pallet_metering_wasm_groth16;
pub mod pallet_sbt_identity_wasm_groth16;
