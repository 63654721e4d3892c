//! The lpac driver against a stand-in `lpac`: a script that replays lpac 2.3's output shapes
//! (JSON lines, final `type: lpa` line, exit 0 or 255) and records how it was called.

use gesim_esim_protocol::ActivationCode;
use gesim_lpa_bridge::lpa::{Lpa, LpaError, Lpac};
use std::{
	os::unix::fs::PermissionsExt,
	path::PathBuf,
	sync::{Mutex, MutexGuard},
};

/// Held by every test while it writes or runs a stand-in. The tests share one process: a
/// child forked by one test inherits another test's script while it is still open for writing,
/// and exec of that script then fails with ETXTBSY ("Text file busy").
static SPAWNING: Mutex<()> = Mutex::new(());

fn one_at_a_time() -> MutexGuard<'static, ()> {
	SPAWNING.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// A stand-in lpac whose `profile download` prints `download` and exits `download_exit`, and
/// whose `notification process` prints `notify` and exits `notify_exit`. Every call is
/// appended to `calls` in the same directory.
fn stand_in(
	dir: &tempfile::TempDir,
	download: &str,
	download_exit: u8,
	notify: &str,
	notify_exit: u8,
) -> PathBuf {
	let path = dir.path().join("lpac");
	let calls = dir.path().join("calls");
	let script = format!(
		"#!/bin/sh\necho \"$*\" >> '{calls}'\ncase \"$1 $2\" in\n  'profile download') cat <<'EOF'\n{download}\nEOF\n    exit {download_exit};;\n  'notification process') cat <<'EOF'\n{notify}\nEOF\n    exit {notify_exit};;\nesac\nexit 255\n",
		calls = calls.display()
	);
	std::fs::write(&path, script).unwrap();
	std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
	path
}

fn calls(dir: &tempfile::TempDir) -> Vec<String> {
	std::fs::read_to_string(dir.path().join("calls"))
		.unwrap_or_default()
		.lines()
		.map(str::to_owned)
		.collect()
}

const CODE: &str = "LPA:1$smdp.example.net$MATCHING-1$$1";

const DOWNLOADED: &str = r#"{"type":"progress","payload":{"code":0,"message":"es10b_get_euicc_challenge_and_info","data":null}}
{"type":"progress","payload":{"code":0,"message":"es9p_initiate_authentication","data":null}}
{"type":"progress","payload":{"code":0,"message":"es10b_load_bound_profile_package","data":null}}
{"type":"lpa","payload":{"code":0,"message":"success","data":{"seqNumber":12,"iccid":"8949001234567890123","bppCommandId":0,"errorReason":0}}}"#;

const NOTIFIED: &str = r#"{"type":"progress","payload":{"code":0,"message":"es10b_retrieve_notifications_list","data":null}}
{"type":"progress","payload":{"code":0,"message":"es9p_handle_notification","data":null}}
{"type":"lpa","payload":{"code":0,"message":"success","data":null}}"#;

#[test]
fn a_download_then_its_notification_installs_the_profile() {
	let _serial = one_at_a_time();
	let dir = tempfile::tempdir().unwrap();
	let lpac = Lpac { program: stand_in(&dir, DOWNLOADED, 0, NOTIFIED, 0) };
	let code: ActivationCode = CODE.parse().unwrap();
	let download = lpac.install(&code, Some("12345678")).unwrap();
	assert_eq!((download.iccid.as_deref(), download.seq_number), (Some("8949001234567890123"), 12));
	assert_eq!(
		calls(&dir),
		vec![
			format!("profile download -a {CODE} -c 12345678"),
			"notification process 12 -r".to_owned()
		]
	);
}

#[test]
fn a_refused_download_is_one_readable_line_and_sends_nothing() {
	let _serial = one_at_a_time();
	let dir = tempfile::tempdir().unwrap();
	let refused = r#"{"type":"progress","payload":{"code":0,"message":"es9p_initiate_authentication","data":null}}
{"type":"lpa","payload":{"code":-1,"message":"es9p_authenticate_client","data":"8.2.7 3.8 Confirmation Code refused"}}"#;
	let lpac = Lpac { program: stand_in(&dir, refused, 255, NOTIFIED, 0) };
	let error = lpac.install(&CODE.parse().unwrap(), Some("00000000")).unwrap_err();
	assert_eq!(
		error.to_string(),
		"the LPA failed at es9p_authenticate_client: the confirmation code is wrong (8.2.7/3.8)"
	);
	assert_eq!(calls(&dir).len(), 1, "no notification after a failed download");
}

#[test]
fn a_notification_that_fails_says_the_profile_is_installed_and_how_to_retry() {
	let _serial = one_at_a_time();
	let dir = tempfile::tempdir().unwrap();
	let unreachable = r#"{"type":"lpa","payload":{"code":-1,"message":"es9p_handle_notification","data":"curl: Could not resolve host"}}"#;
	let lpac = Lpac { program: stand_in(&dir, DOWNLOADED, 0, unreachable, 255) };
	let error = lpac.install(&CODE.parse().unwrap(), None).unwrap_err();
	assert!(matches!(error, LpaError::NotificationFailed { seq_number: 12, .. }), "{error:?}");
	assert!(error.to_string().contains("gesim-lpa notify 12"), "{error}");
}

#[test]
fn a_download_that_keeps_no_notification_is_garbled() {
	// Success without the sequence number: lpac's shape changed or the output is not lpac's.
	let _serial = one_at_a_time();
	let dir = tempfile::tempdir().unwrap();
	let no_seq = r#"{"type":"lpa","payload":{"code":0,"message":"success","data":{"iccid":"8949001234567890123"}}}"#;
	let lpac = Lpac { program: stand_in(&dir, no_seq, 0, NOTIFIED, 0) };
	let error = lpac.install(&CODE.parse().unwrap(), None).unwrap_err();
	assert!(matches!(error, LpaError::Garbled(_)), "{error:?}");
}

#[test]
fn a_missing_lpac_says_so() {
	let _serial = one_at_a_time();
	let lpac = Lpac { program: "/nonexistent/lpac".into() };
	let error = lpac.install(&CODE.parse().unwrap(), None).unwrap_err();
	assert!(matches!(error, LpaError::NotStarted { .. }), "{error:?}");
}
