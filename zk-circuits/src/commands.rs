//! What each `gesim-zk` subcommand does; `main.rs` only parses flags.

use crate::{BindingArgs, Command};
use ark_bn254::Fr;
use codec::Encode;
use gesim_zk::{
	eid::{parse_eid, parse_salt},
	output::{from_hex, to_hex, CommitmentJson, ProofJson},
	records_file::read_records,
	verifier::{
		self, fr_from_le_bytes, fr_to_le_bytes, snarkjs, usage_binding, CircuitId,
		VerifyingKeyBytes,
	},
	BatchSize, CircuitKey, Plmn, Result, SetupRandomness, UsageCommitment, UsageStatement, ZkError,
};
use rand_chacha::{rand_core::SeedableRng, ChaCha20Rng};
use serde_json::json;
use std::path::{Path, PathBuf};

/// Runs one subcommand.
pub fn run(command: Command) -> Result<()> {
	match command {
		Command::Setup { circuit, out_dir, dev_seed } => setup(&circuit, &out_dir, dev_seed),
		Command::Commit { records, batch_size } => commit(&records, batch_size),
		Command::Binding { binding } => {
			let value = binding_value(&binding)?;
			print_json(
				&json!({ "binding": value.to_string(), "binding_hex": to_hex(&fr_to_le_bytes(&value)) }),
			);
			Ok(())
		},
		Command::Prove {
			pk,
			records,
			nonce,
			telco,
			agreement,
			genesis_hash,
			period_start,
			period_end,
			networks,
			out,
		} => {
			let statement = UsageStatement {
				nonce,
				binding: usage_binding(
					&account("--telco", &telco)?,
					agreement,
					&account("--genesis-hash", &genesis_hash)?,
				),
				subject: agreement,
				period_start,
				period_end,
				networks: networks
					.iter()
					.map(|n| parse_network(n).map(|plmn| plmn.to_bcd()))
					.collect::<Result<_>>()?,
			};
			prove(&pk, &records, statement, out)
		},
		Command::ProveEid { pk, eid, salt, account, out } => {
			prove_eid(&pk, &eid, &salt, &account, out)
		},
		Command::Verify { vk, proof } => verify(&vk, &proof),
		Command::ExportVk { pk, out } => export_vk(&pk, out),
		Command::ImportSnarkjs { vk, proof, public, out_dir } => {
			import_snarkjs(&vk, proof.zip(public), &out_dir)
		},
	}
}

fn print_json(value: &impl serde::Serialize) {
	println!(
		"{}",
		serde_json::to_string_pretty(value).expect("serialising plain data cannot fail")
	);
}

fn write_file(path: &Path, bytes: &[u8]) -> Result<()> {
	std::fs::write(path, bytes).map_err(|source| ZkError::Io { file: path.into(), source })
}

fn circuits_named(name: &str) -> Result<Vec<CircuitId>> {
	if name == "all" {
		return Ok(CircuitId::LIVE.to_vec());
	}
	CircuitId::LIVE
		.into_iter()
		.find(|c| c.name() == name)
		.map(|c| vec![c])
		.ok_or_else(|| ZkError::Argument {
			what: "--circuit",
			reason: format!("unknown circuit `{name}` (usage-64, usage-256, usage-1024, eid, all)"),
		})
}

fn setup(circuit: &str, out_dir: &Path, dev_seed: Option<u64>) -> Result<()> {
	let circuits = circuits_named(circuit)?;
	let randomness = match dev_seed {
		Some(seed) => {
			eprintln!("WARNING: --dev-seed {seed}: DETERMINISTIC SETUP. Anyone who knows this seed can forge");
			eprintln!("WARNING: proofs for these keys. Use them on the local dev chain ONLY, never on a live network.");
			SetupRandomness::DevSeed(seed)
		},
		None => SetupRandomness::Os,
	};
	std::fs::create_dir_all(out_dir)
		.map_err(|source| ZkError::Io { file: out_dir.into(), source })?;
	let mut written = Vec::new();
	for circuit in circuits {
		let key = CircuitKey::generate(circuit, randomness)?;
		let pk_path = out_dir.join(format!("{}.pk", circuit.name()));
		let vk_path = out_dir.join(format!("{}.vk", circuit.name()));
		key.save(&pk_path)?;
		write_file(&vk_path, &key.verifying_key_bytes())?;
		written.push(json!({ "circuit": circuit.name(), "pk": pk_path, "vk": vk_path }));
	}
	print_json(&json!({ "dev_seed": dev_seed, "keys": written }));
	Ok(())
}

fn batch_from_flag(batch_size: Option<usize>, records: usize) -> Result<BatchSize> {
	match batch_size {
		None => BatchSize::smallest_for(records),
		Some(n) => BatchSize::from_records(n).ok_or(ZkError::Argument {
			what: "--batch-size",
			reason: format!("{n} is not 64, 256 or 1024"),
		}),
	}
}

fn commit(records_path: &Path, batch_size: Option<usize>) -> Result<()> {
	let records = read_records(records_path)?;
	let batch = batch_from_flag(batch_size, records.len())?;
	let commitment = UsageCommitment::new(&records, batch)?;
	print_json(&CommitmentJson::from(&commitment));
	Ok(())
}

fn account(what: &'static str, text: &str) -> Result<[u8; 32]> {
	from_hex::<32>(what, text)
}

fn binding_value(args: &BindingArgs) -> Result<Fr> {
	if let Some(binding) = &args.binding {
		return fr_from_le_bytes(&from_hex::<32>("--binding", binding)?).ok_or(ZkError::Argument {
			what: "--binding",
			reason: "not a canonical field element (>= r)".into(),
		});
	}
	match (&args.telco, args.agreement, &args.genesis_hash) {
		(Some(telco), Some(agreement), Some(genesis)) => Ok(usage_binding(
			&account("--telco", telco)?,
			agreement,
			&account("--genesis-hash", genesis)?,
		)),
		_ => Err(ZkError::Argument {
			what: "binding",
			reason: "give --binding, or all of --telco, --agreement and --genesis-hash".into(),
		}),
	}
}

fn emit(json: &ProofJson, out: Option<PathBuf>) -> Result<()> {
	match out {
		Some(path) => {
			json.write(&path)?;
			eprintln!("wrote {}", path.display());
			Ok(())
		},
		None => {
			print_json(json);
			Ok(())
		},
	}
}

/// `MCC-MNC`, e.g. `208-01`.
fn parse_network(text: &str) -> Result<Plmn> {
	let bad = |reason: String| ZkError::Argument { what: "--networks", reason };
	let (mcc, mnc) = text
		.trim()
		.split_once('-')
		.ok_or_else(|| bad(format!("`{text}` is not MCC-MNC")))?;
	Plmn::parse(mcc, mnc).map_err(|e| bad(e.to_string()))
}

fn prove(
	pk: &Path,
	records_path: &Path,
	statement: UsageStatement,
	out: Option<PathBuf>,
) -> Result<()> {
	let records = read_records(records_path)?;
	let key = CircuitKey::load(pk)?;
	if let Some(batch) = BatchSize::from_circuit(key.circuit) {
		// Only worth a note when the records fit: too many is the prover's error to report.
		let fits = records.len() <= batch.records();
		if fits && BatchSize::smallest_for(records.len()).is_ok_and(|smallest| smallest != batch) {
			eprintln!(
				"note: {} records proven in a {}-record tree; the anchored root must come from `commit --batch-size {}`",
				records.len(),
				batch.records(),
				batch.records()
			);
		}
	}
	let mut rng = ChaCha20Rng::from_entropy();
	let proof = gesim_zk::prove_usage(&key, &records, statement, &mut rng)?;
	emit(&ProofJson::from_usage(&proof), out)
}

fn prove_eid(
	pk: &Path,
	eid: &str,
	salt: &str,
	account_hex: &str,
	out: Option<PathBuf>,
) -> Result<()> {
	let (eid, salt, account) =
		(parse_eid(eid)?, parse_salt(salt)?, account("--account", account_hex)?);
	let key = CircuitKey::load(pk)?;
	let mut rng = ChaCha20Rng::from_entropy();
	let proof = gesim_zk::prove_eid(&key, eid, salt, account, &mut rng)?;
	emit(&ProofJson::from_proof(&proof), out)
}

fn read_vk(path: &Path) -> Result<(Vec<u8>, verifier::PreparedKey)> {
	let bytes = std::fs::read(path).map_err(|source| ZkError::Io { file: path.into(), source })?;
	let key = verifier::validate_vk(&bytes).map_err(|e| ZkError::KeyFile {
		file: path.into(),
		reason: format!("not a valid verifying key: {e}"),
	})?;
	Ok((bytes, key))
}

fn verify(vk_path: &Path, proof_path: &Path) -> Result<()> {
	let (vk_bytes, key) = read_vk(vk_path)?;
	let json = ProofJson::read(proof_path)?;
	let (proof, inputs) = json.parts(proof_path)?;
	verifier::verify(&key, &proof.0, &inputs).map_err(|e| match e {
		verifier::VerifyError::InvalidProof => ZkError::KeyFile {
			file: proof_path.into(),
			reason: format!(
				"proof does not verify under {} (wrong key, or tampered proof or inputs)",
				vk_path.display()
			),
		},
		other => {
			ZkError::KeyFile { file: proof_path.into(), reason: format!("proof rejected: {other}") }
		},
	})?;
	// Inputs are canonical here (the no_std verifier checked), so this cannot alias.
	let inputs: Vec<Fr> = inputs.iter().filter_map(fr_from_le_bytes).collect();
	if !gesim_zk::verify_vk_bytes_with_arkworks(&vk_bytes, &proof, &inputs)? {
		return Err(ZkError::KeyFile {
			file: proof_path.into(),
			reason: "no_std verifier accepted but arkworks refused: please report this".into(),
		});
	}
	print_json(
		&json!({ "valid": true, "circuit": json.circuit, "public_inputs": json.public_inputs }),
	);
	Ok(())
}

fn export_vk(pk: &Path, out: Option<PathBuf>) -> Result<()> {
	let key = CircuitKey::load(pk)?;
	let vk = key.verifying_key_bytes();
	let out = out.unwrap_or_else(|| pk.with_extension("vk"));
	write_file(&out, &vk)?;
	let prepared = verifier::validate_vk(&vk)?;
	let registration = VerifyingKeyBytes::new(vk.clone()).ok_or(ZkError::KeyFile {
		file: pk.into(),
		reason: "verifying key larger than the chain accepts".into(),
	})?;
	print_json(&json!({
		"circuit": key.circuit.name(),
		"circuit_scale_hex": to_hex(&key.circuit.encode()),
		"public_inputs": prepared.public_input_count(),
		"vk": out,
		"vk_hex": to_hex(&vk),
		"vk_scale_hex": to_hex(&registration.encode()),
		"stored_key_hex": to_hex(prepared.to_stored().as_bytes()),
	}));
	Ok(())
}

fn read_text(path: &Path) -> Result<String> {
	std::fs::read_to_string(path).map_err(|source| ZkError::Io { file: path.into(), source })
}

fn import_snarkjs(vk_path: &Path, proof: Option<(PathBuf, PathBuf)>, out_dir: &Path) -> Result<()> {
	let snarkjs_error = |file: &Path| {
		let file = file.to_path_buf();
		move |source| ZkError::Snarkjs { file: file.clone(), source }
	};
	let vk = snarkjs::import_vk(&read_text(vk_path)?).map_err(snarkjs_error(vk_path))?;
	std::fs::create_dir_all(out_dir)
		.map_err(|source| ZkError::Io { file: out_dir.into(), source })?;
	let vk_out = out_dir.join("snarkjs.vk");
	write_file(&vk_out, &vk)?;
	let mut summary = json!({ "vk": vk_out, "vk_hex": to_hex(&vk) });
	if let Some((proof_path, public_path)) = proof {
		let proof =
			snarkjs::import_proof(&read_text(&proof_path)?).map_err(snarkjs_error(&proof_path))?;
		let inputs = snarkjs::import_public(&read_text(&public_path)?)
			.map_err(snarkjs_error(&public_path))?;
		let proof_out = out_dir.join("snarkjs-proof.json");
		ProofJson::new("snarkjs", &proof, &inputs).write(&proof_out)?;
		summary["proof"] = json!(proof_out);
	}
	print_json(&summary);
	Ok(())
}
