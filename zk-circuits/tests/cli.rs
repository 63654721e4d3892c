//! The `gesim-zk` binary as an operator runs it: exit codes, one-line errors, files.

use std::{
	path::{Path, PathBuf},
	process::{Command, Output},
	sync::OnceLock,
};
use tempfile::TempDir;

const HEADER: &str = "binding_id,session_start,duration_secs,bytes_up,bytes_down,mcc,mnc\n";
const TELCO: &str = "0xd4d4d4d4d4d4d4d4d4d4d4d4d4d4d4d435353535353535353535353535353535";
const GENESIS: &str = "0x9191919191919191919191919191919191919191919191919191919191919191";

fn gesim_zk(args: &[&str]) -> Output {
	Command::new(env!("CARGO_BIN_EXE_gesim-zk")).args(args).output().unwrap()
}

fn ok(args: &[&str]) -> String {
	let out = gesim_zk(args);
	assert!(out.status.success(), "{args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
	String::from_utf8(out.stdout).unwrap()
}

/// Runs a command that must fail; returns its single stderr line.
fn fails(args: &[&str]) -> String {
	let out = gesim_zk(args);
	assert_eq!(out.status.code(), Some(1), "{args:?} should fail");
	let stderr = String::from_utf8(out.stderr).unwrap();
	assert_eq!(stderr.trim_end().lines().count(), 1, "one line expected: {stderr}");
	assert!(stderr.starts_with("error: "), "{stderr}");
	stderr
}

/// Dev-seeded usage-64 and eid keys, made once through the CLI itself.
fn keys() -> &'static Path {
	static KEYS: OnceLock<TempDir> = OnceLock::new();
	KEYS.get_or_init(|| {
		let dir = TempDir::new().unwrap();
		for circuit in ["usage-64", "eid"] {
			let out = gesim_zk(&[
				"setup",
				"--circuit",
				circuit,
				"--dev-seed",
				"1",
				"--out-dir",
				dir.path().to_str().unwrap(),
			]);
			assert!(out.status.success());
			let warning = String::from_utf8_lossy(&out.stderr);
			assert!(
				warning.contains("DETERMINISTIC SETUP") && warning.contains("dev chain ONLY"),
				"{warning}"
			);
		}
		dir
	})
	.path()
}

fn path(p: &Path) -> &str {
	p.to_str().unwrap()
}

fn records_file(dir: &TempDir, name: &str, rows: usize) -> PathBuf {
	let mut text = HEADER.to_string();
	for i in 0..rows {
		text +=
			&format!("42,{},{},{},{},208,01\n", 1_767_225_600 + i * 60, 30 + i, 100 * i, 1000 + i);
	}
	let file = dir.path().join(name);
	std::fs::write(&file, text).unwrap();
	file
}

/// What the chain would fill in for subject 42 of TELCO: the flags `prove` takes after
/// `--nonce`.
const STATEMENT: [&str; 12] = [
	"--telco",
	TELCO,
	"--agreement",
	"42",
	"--genesis-hash",
	GENESIS,
	"--period-start",
	"1767225600",
	"--period-end",
	"1767312000",
	"--networks",
	"262-001,208-01",
];

fn pk(name: &str) -> String {
	path(&keys().join(name)).to_string()
}

fn prove(dir: &TempDir, records: &Path, nonce: &str) -> PathBuf {
	let out = dir.path().join(format!("proof-{nonce}.json"));
	ok(&[
		"prove",
		"--pk",
		&pk("usage-64.pk"),
		"--records",
		path(records),
		"--nonce",
		nonce,
		"--out",
		path(&out),
	]
	.into_iter()
	.chain(STATEMENT)
	.collect::<Vec<_>>());
	out
}

#[test]
fn setup_writes_both_key_files() {
	for file in ["usage-64.pk", "usage-64.vk", "eid.pk", "eid.vk"] {
		assert!(keys().join(file).metadata().unwrap().len() > 0, "{file}");
	}
}

#[test]
fn commit_prove_verify_from_csv() {
	let dir = TempDir::new().unwrap();
	let records = records_file(&dir, "usage.csv", 10);
	let commitment: serde_json::Value =
		serde_json::from_str(&ok(&["commit", "--records", path(&records)])).unwrap();
	assert_eq!(commitment["circuit"], "usage-64");
	assert_eq!(commitment["records"], 10);
	assert_eq!(commitment["total_bytes"], (0..10).map(|i| 100 * i + 1000 + i).sum::<u64>());

	let proof_file = prove(&dir, &records, "7");
	let proof: serde_json::Value =
		serde_json::from_str(&std::fs::read_to_string(&proof_file).unwrap()).unwrap();
	assert_eq!(proof["commitment"]["root"], commitment["root"]);
	assert_eq!(proof["public_inputs"][0], commitment["root"]);
	assert_eq!(proof["public_inputs"][2], "7");
	assert_eq!(proof["proof_hex"].as_str().unwrap().len(), 2 + 512);
	// UsageClaim = total (u64 LE) ‖ nonce (u64 LE) ‖ proof (256 bytes).
	assert_eq!(proof["scale"]["claim"].as_str().unwrap().len(), 2 + 2 * (8 + 8 + 256));

	let verified = ok(&["verify", "--vk", &pk("usage-64.vk"), "--proof", path(&proof_file)]);
	assert!(verified.contains("\"valid\": true"));
}

#[test]
fn binding_command_matches_the_prover() {
	// `binding` takes the statement's first three flags: telco, subject, chain.
	let args: Vec<&str> = ["binding"].into_iter().chain(STATEMENT[..6].iter().copied()).collect();
	let out: serde_json::Value = serde_json::from_str(&ok(&args)).unwrap();
	let dir = TempDir::new().unwrap();
	let proof = prove(&dir, &records_file(&dir, "u.csv", 2), "1");
	let proof: serde_json::Value =
		serde_json::from_str(&std::fs::read_to_string(proof).unwrap()).unwrap();
	assert_eq!(proof["binding_hex"], out["binding_hex"]);
	assert_eq!(proof["public_inputs"][3], out["binding"]);
}

#[test]
fn prove_from_json_records() {
	let dir = TempDir::new().unwrap();
	let file = dir.path().join("usage.json");
	std::fs::write(
		&file,
		r#"[{"binding_id":"42","session_start":1767225600,"duration_secs":60,"bytes_up":10,"bytes_down":20,"mcc":"262","mnc":"001"}]"#,
	)
	.unwrap();
	let proof = dir.path().join("p.json");
	ok(&[
		"prove",
		"--pk",
		&pk("usage-64.pk"),
		"--records",
		path(&file),
		"--nonce",
		"1",
		"--out",
		path(&proof),
	]
	.into_iter()
	.chain(STATEMENT)
	.collect::<Vec<_>>());
	ok(&["verify", "--vk", &pk("usage-64.vk"), "--proof", path(&proof)]);
}

#[test]
fn eid_prove_and_verify() {
	let dir = TempDir::new().unwrap();
	let proof = dir.path().join("eid.json");
	ok(&[
		"prove-eid",
		"--pk",
		&pk("eid.pk"),
		"--eid",
		"89049032000001000000123456789012",
		"--salt",
		"0x075bcd15",
		"--account",
		TELCO,
		"--out",
		path(&proof),
	]);
	ok(&["verify", "--vk", &pk("eid.vk"), "--proof", path(&proof)]);
	let line = fails(&["verify", "--vk", &pk("usage-64.vk"), "--proof", path(&proof)]);
	assert!(line.contains("expected 8 public inputs, got 3"), "{line}");
}

#[test]
fn export_vk_matches_setup() {
	let dir = TempDir::new().unwrap();
	let out = dir.path().join("exported.vk");
	let summary: serde_json::Value =
		serde_json::from_str(&ok(&["export-vk", "--pk", &pk("usage-64.pk"), "--out", path(&out)]))
			.unwrap();
	assert_eq!(std::fs::read(&out).unwrap(), std::fs::read(keys().join("usage-64.vk")).unwrap());
	assert_eq!(summary["circuit"], "usage-64");
	assert_eq!(summary["public_inputs"], 8);
}

#[test]
fn import_snarkjs_then_verify() {
	let dir = TempDir::new().unwrap();
	// Read at run time: a test binary reused from another checkout sharing the target
	// directory must still find this checkout's files.
	let vectors =
		Path::new(&std::env::var_os("CARGO_MANIFEST_DIR").unwrap()).join("tests/vectors/snarkjs");
	ok(&[
		"import-snarkjs",
		"--vk",
		path(&vectors.join("verification_key.json")),
		"--proof",
		path(&vectors.join("proof.json")),
		"--public",
		path(&vectors.join("public.json")),
		"--out-dir",
		path(dir.path()),
	]);
	ok(&[
		"verify",
		"--vk",
		path(&dir.path().join("snarkjs.vk")),
		"--proof",
		path(&dir.path().join("snarkjs-proof.json")),
	]);
	let line = fails(&[
		"import-snarkjs",
		"--vk",
		path(&vectors.join("proof.json")),
		"--out-dir",
		path(dir.path()),
	]);
	assert!(line.contains("proof.json"), "{line}");
}

mod reject {
	use super::*;

	#[test]
	fn malformed_csv() {
		let dir = TempDir::new().unwrap();
		let file = dir.path().join("bad.csv");
		std::fs::write(&file, format!("{HEADER}1,2,3,4,5,208,01\n1,2,three,4,5,208,01\n")).unwrap();
		let line = fails(&["commit", "--records", path(&file)]);
		assert!(line.contains("bad.csv: line 3: column 3"), "{line}");
	}

	#[test]
	fn more_records_than_the_batch() {
		let dir = TempDir::new().unwrap();
		let records = records_file(&dir, "big.csv", 65);
		let prove_args = |extra: &[&'static str]| {
			let mut args = vec![
				"prove",
				"--pk",
				&pk("usage-64.pk"),
				"--records",
				path(&records),
				"--nonce",
				"1",
			]
			.into_iter()
			.map(String::from)
			.collect::<Vec<_>>();
			args.extend(STATEMENT.iter().chain(extra).map(|a| a.to_string()));
			args
		};
		let run = |args: Vec<String>| fails(&args.iter().map(String::as_str).collect::<Vec<_>>());
		let line = run(prove_args(&[]));
		assert!(line.contains("65 records exceed the batch size 64"), "{line}");
		// The telco is parsed before any record is read, and must be 32 bytes.
		let mut args = prove_args(&[]);
		args[8] = "0x01".into();
		assert!(run(args).contains("--telco"));
		let line = fails(&["commit", "--records", path(&records_file(&dir, "huge.csv", 1025))]);
		assert!(line.contains("1025 records exceed the batch size 1024"), "{line}");
	}

	#[test]
	fn out_of_range_value() {
		let dir = TempDir::new().unwrap();
		let file = dir.path().join("range.csv");
		std::fs::write(&file, format!("{HEADER}1,2,3,1099511627776,5,208,01\n")).unwrap();
		let line = fails(&["commit", "--records", path(&file)]);
		assert!(line.contains("line 2") && line.contains("bytes_up"), "{line}");
		std::fs::write(&file, format!("{HEADER}1,2,3,4,5,208,01\n1,2,-3,4,5,208,01\n")).unwrap();
		assert!(fails(&["commit", "--records", path(&file)]).contains("line 3"));
	}

	#[test]
	fn proof_for_another_key() {
		let dir = TempDir::new().unwrap();
		let proof = prove(&dir, &records_file(&dir, "u.csv", 3), "2");
		// Same circuit, another setup: the pairing check fails.
		let other = TempDir::new().unwrap();
		ok(&["setup", "--circuit", "usage-64", "--dev-seed", "2", "--out-dir", path(other.path())]);
		let line = fails(&[
			"verify",
			"--vk",
			path(&other.path().join("usage-64.vk")),
			"--proof",
			path(&proof),
		]);
		assert!(line.contains("does not verify"), "{line}");
		// A key file that is not a key at all.
		let line = fails(&["verify", "--vk", path(&proof), "--proof", path(&proof)]);
		assert!(line.contains("not a valid verifying key"), "{line}");
		// A usage proof asked of the eid key.
		let line = fails(
			&[
				"prove",
				"--pk",
				&pk("eid.pk"),
				"--records",
				path(&records_file(&dir, "v.csv", 1)),
				"--nonce",
				"1",
			]
			.into_iter()
			.chain(STATEMENT)
			.collect::<Vec<_>>(),
		);
		assert!(line.contains("not a usage batch"), "{line}");
	}

	#[test]
	fn tampered_proof_file() {
		let dir = TempDir::new().unwrap();
		let proof = prove(&dir, &records_file(&dir, "u.csv", 3), "3");
		let mut json: serde_json::Value =
			serde_json::from_str(&std::fs::read_to_string(&proof).unwrap()).unwrap();
		json["public_inputs_hex"][1] =
			"0x0100000000000000000000000000000000000000000000000000000000000000".into();
		std::fs::write(&proof, json.to_string()).unwrap();
		let line = fails(&["verify", "--vk", &pk("usage-64.vk"), "--proof", path(&proof)]);
		assert!(line.contains("does not verify"), "{line}");
		std::fs::write(&proof, "not json").unwrap();
		assert!(fails(&["verify", "--vk", &pk("usage-64.vk"), "--proof", path(&proof)])
			.contains("not a gesim-zk proof file"));
	}

	#[test]
	fn missing_or_foreign_key_file() {
		let dir = TempDir::new().unwrap();
		let records = records_file(&dir, "u.csv", 1);
		let line = fails(
			&["prove", "--pk", "/nonexistent.pk", "--records", path(&records), "--nonce", "1"]
				.into_iter()
				.chain(STATEMENT)
				.collect::<Vec<_>>(),
		);
		assert!(line.contains("/nonexistent.pk"), "{line}");
		let line = fails(
			&["prove", "--pk", path(&records), "--records", path(&records), "--nonce", "1"]
				.into_iter()
				.chain(STATEMENT)
				.collect::<Vec<_>>(),
		);
		assert!(line.contains("not a gesim-zk proving key"), "{line}");
		let line = fails(&["setup", "--circuit", "usage-65", "--out-dir", path(dir.path())]);
		assert!(line.contains("unknown circuit"), "{line}");
	}

	#[test]
	fn records_that_do_not_fit_the_statement() {
		let dir = TempDir::new().unwrap();
		let file = dir.path().join("other.csv");
		// 43 is another subject; 208-02 is not one of the networks.
		for (row, expected) in [
			("43,1767225600,60,1,2,208,01", "binding_id 43 is not the subject proved for (42)"),
			("42,1767225599,60,1,2,208,01", "not inside the period"),
			("42,1767225600,60,1,2,208,02", "served by 208-02"),
		] {
			std::fs::write(&file, format!("{HEADER}42,1767225600,1,1,1,208,01\n{row}\n")).unwrap();
			let line = fails(
				&["prove", "--pk", &pk("usage-64.pk"), "--records", path(&file), "--nonce", "1"]
					.into_iter()
					.chain(STATEMENT)
					.collect::<Vec<_>>(),
			);
			assert!(line.contains("record 1") && line.contains(expected), "{line}");
		}
	}
}
