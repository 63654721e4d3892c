//! The binary as scripts and the LPA bridge drive it.

mod common;

use common::*;
use gesim_smdp_sim::{pki, state::ProfileState};
use serde_json::Value;
use std::{
	io::{BufRead, BufReader},
	os::unix::fs::PermissionsExt,
	path::Path,
	process::{Command, Output, Stdio},
};

const BIN: &str = env!("CARGO_BIN_EXE_gesim-smdp-sim");

async fn run(args: Vec<String>) -> Output {
	tokio::task::spawn_blocking(move || Command::new(BIN).args(args).output().unwrap())
		.await
		.unwrap()
}

fn lines(output: &Output) -> Vec<Value> {
	String::from_utf8(output.stdout.clone())
		.unwrap()
		.lines()
		.map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not a JSON line: {l}: {e}")))
		.collect()
}

fn mode(path: &Path) -> u32 {
	std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[tokio::test]
async fn certs_writes_the_test_pki_with_private_keys_0600() {
	let dir = tempfile::tempdir().unwrap();
	let out = dir.path().join("pki");
	let args = |force: bool| {
		let mut a = vec![
			"certs".to_owned(),
			"--out".into(),
			out.display().to_string(),
			"--smdp-host".into(),
			"smdp".into(),
		];
		if force {
			a.push("--force".into());
		}
		a
	};
	let first = run(args(false)).await;
	assert!(first.status.success(), "{}", String::from_utf8_lossy(&first.stderr));
	for (cert, key) in [
		(pki::CA_CERT, pki::CA_KEY),
		(pki::SMDP_SERVER_CERT, pki::SMDP_SERVER_KEY),
		(pki::SMDP_CLIENT_CERT, pki::SMDP_CLIENT_KEY),
		(pki::OPERATOR_CLIENT_CERT, pki::OPERATOR_CLIENT_KEY),
		(pki::OPERATOR_SERVER_CERT, pki::OPERATOR_SERVER_KEY),
	] {
		assert!(std::fs::read_to_string(out.join(cert))
			.unwrap()
			.starts_with("-----BEGIN CERTIFICATE-----"));
		assert_eq!(mode(&out.join(cert)), 0o644, "{cert}");
		assert!(std::fs::read_to_string(out.join(key)).unwrap().contains("PRIVATE KEY"));
		assert_eq!(mode(&out.join(key)), 0o600, "{key}");
	}

	let again = run(args(false)).await;
	assert_eq!(again.status.code(), Some(1));
	let stderr = String::from_utf8(again.stderr).unwrap();
	assert_eq!(stderr.lines().count(), 1, "{stderr}");
	assert!(stderr.contains("--force"), "{stderr}");

	let forced = run(args(true)).await;
	assert!(forced.status.success());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn euicc_download_prints_lpac_lines_and_exits_0_then_255() {
	let h = Harness::start(1).await;
	let code = h.ordered(&iccid(1), "CLI-1", None, Some("2468")).await;
	let args = |cc: &str| {
		vec![
			"euicc".to_owned(),
			"download".into(),
			"-a".into(),
			code.to_string(),
			"--eid".into(),
			EID.into(),
			"-c".into(),
			cc.into(),
			"--ca".into(),
			h.pki.ca().display().to_string(),
		]
	};

	let ok = run(args("2468")).await;
	assert_eq!(ok.status.code(), Some(0), "{}", String::from_utf8_lossy(&ok.stdout));
	let out = lines(&ok);
	let (last, progress) = out.split_last().unwrap();
	assert!(progress.iter().all(|l| l["type"] == "progress" && l["payload"]["code"] == 0));
	assert!(progress.iter().any(|l| l["payload"]["message"] == "es9p_handle_notification"));
	assert_eq!(last["type"], "lpa");
	assert_eq!(last["payload"]["code"], 0);
	assert_eq!(last["payload"]["message"], "success");
	assert_eq!(last["payload"]["data"]["iccid"], iccid(1).digits());
	assert_eq!(last["payload"]["data"]["seqNumber"], 1);
	assert_eq!(h.profile(&iccid(1)).await.state, ProfileState::Installed);

	let again = run(args("2468")).await;
	assert_eq!(again.status.code(), Some(255));
	let last = lines(&again).pop().unwrap();
	assert_eq!(last["type"], "lpa");
	assert_eq!(last["payload"]["code"], -1);
	assert_eq!(last["payload"]["message"], "es9p_authenticate_client");
	assert!(last["payload"]["data"].as_str().unwrap().starts_with("Failed 8.2/3.7"), "{last}");

	let mut bad = args("2468");
	bad[3] = "LPA:2$nowhere$X".into();
	let refused = run(bad).await;
	assert_eq!(refused.status.code(), Some(255));
	let last = lines(&refused).pop().unwrap();
	assert_eq!(last["payload"]["message"], "activation_code");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn serve_reads_a_config_file_and_flags_override_it() {
	let pki = Pki::new();
	let dir = tempfile::tempdir().unwrap();
	std::fs::write(dir.path().join("profiles.json"), serde_json::to_string(&inventory(2)).unwrap())
		.unwrap();
	std::fs::write(
		dir.path().join("sim.json"),
		serde_json::json!({
			"es2-listen": "127.0.0.1:0",
			"es9-listen": "127.0.0.1:0",
			"inventory": "profiles.json",
			"pki": pki.0.path(),
			"smdp-address": "from-file.example:1",
		})
		.to_string(),
	)
	.unwrap();
	let mut child = Command::new(BIN)
		.args(["serve", "--config"])
		.arg(dir.path().join("sim.json"))
		.args(["--smdp-address", "localhost:9"])
		.stderr(Stdio::piped())
		.stdout(Stdio::null())
		.spawn()
		.unwrap();
	let stderr = child.stderr.take().unwrap();
	// The listening line is the readiness signal.
	let line = tokio::task::spawn_blocking(move || {
		BufReader::new(stderr)
			.lines()
			.map(Result::unwrap)
			.find(|l| l.contains("listening"))
	})
	.await
	.unwrap();
	let line = match line {
		Some(line) => line,
		None => {
			let status = child.wait().unwrap();
			panic!("serve exited ({status}) without listening");
		},
	};
	let field = |name: &str| {
		line.split_whitespace()
			.find_map(|w| w.strip_prefix(&format!("{name}=")))
			.unwrap()
			.to_owned()
	};
	assert_eq!(field("smdp_address"), "localhost:9", "flag wins over the file: {line}");
	let es2_addr = field("es2_addr");

	let identity = gesim_smdp_sim::tls::Identity {
		cert: &pki.file(pki::OPERATOR_CLIENT_CERT),
		key: &pki.file(pki::OPERATOR_CLIENT_KEY),
	};
	let client = gesim_smdp_sim::http::HttpsClient::new(
		gesim_smdp_sim::tls::client_config(&pki.ca(), Some(identity)).unwrap(),
		&format!("https://{es2_addr}"),
	);
	let reply = client.send(http::Method::GET, "/sim/profiles", None).await.unwrap();
	let profiles: Vec<Value> = serde_json::from_slice(&reply.body).unwrap();
	assert_eq!(profiles.len(), 2);
	child.kill().unwrap();
	child.wait().unwrap();
}
