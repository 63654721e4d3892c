//! Handing an activation code to the device's LPA.
//!
//! Both drivers run a program that speaks lpac's output: one JSON object per stdout line,
//! progress lines, then a final `{"type":"lpa","payload":{"code","message","data"}}` with exit
//! status 0 (success) or 255 (failure, the failing step in `message` and the reason in `data`).
//! Only that final line and the exit status count: progress names change between releases.
//! After a download, the installation notification is sent with `notification process <seq>
//! -r` (lpac does not send it itself); without it the SM-DP+ never learns of the installation
//! and the order is never marked installed on chain.

use gesim_esim_protocol::ActivationCode;
use serde_json::Value;
use std::{
	path::PathBuf,
	process::{Command, Stdio},
};

/// What the LPA reported for a download.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Download {
	/// The installed profile's ICCID, if the LPA said.
	pub iccid: Option<String>,
	/// Sequence number of the installation notification.
	pub seq_number: u32,
}

/// Why the LPA did not install the profile, as a user can read it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LpaError {
	/// The LPA program could not be started.
	#[error("cannot run the LPA `{program}`: {reason}")]
	NotStarted {
		/// The program.
		program: String,
		/// The OS error.
		reason: String,
	},
	/// The LPA ran and refused or failed.
	#[error("the LPA failed at {step}: {reason}")]
	Failed {
		/// The step lpac names (`es9p_authenticate_client`).
		step: String,
		/// What went wrong, in words.
		reason: String,
	},
	/// The LPA's output is not lpac's.
	#[error("the LPA's output is not lpac's JSON lines: {0}")]
	Garbled(String),
	/// The profile is on the eUICC but the SM-DP+ was not told.
	#[error("the profile is installed (notification {seq_number}) but the SM-DP+ was not told: {reason}; retry with `gesim-lpa notify {seq_number}`")]
	NotificationFailed {
		/// The notification to retry.
		seq_number: u32,
		/// Why it failed.
		reason: String,
	},
}

/// The device's LPA.
pub trait Lpa {
	/// Downloads and installs the profile of `code`, with the confirmation code if the order
	/// has one, and sends the installation notification.
	fn install(
		&self,
		code: &ActivationCode,
		confirmation_code: Option<&str>,
	) -> Result<Download, LpaError> {
		let download = self.download(code, confirmation_code)?;
		self.notify(download.seq_number).map_err(|e| LpaError::NotificationFailed {
			seq_number: download.seq_number,
			reason: e.to_string(),
		})?;
		Ok(download)
	}

	/// Downloads and installs the profile of `code`, keeping the installation notification.
	fn download(
		&self,
		code: &ActivationCode,
		confirmation_code: Option<&str>,
	) -> Result<Download, LpaError>;

	/// Sends the kept notification `seq_number` to its SM-DP+ and removes it.
	fn notify(&self, seq_number: u32) -> Result<(), LpaError>;
}

/// lpac (estkme-group/lpac 2.3), run as a program; its APDU and HTTP backends come from the
/// environment (`LPAC_APDU`, `LPAC_HTTP`) as lpac reads them.
pub struct Lpac {
	/// The lpac executable.
	pub program: PathBuf,
}

impl Lpa for Lpac {
	fn download(
		&self,
		code: &ActivationCode,
		confirmation_code: Option<&str>,
	) -> Result<Download, LpaError> {
		let mut args = vec!["profile".to_owned(), "download".into(), "-a".into(), code.to_string()];
		if let Some(cc) = confirmation_code {
			args.extend(["-c".into(), cc.to_owned()]);
		}
		download_result(run(&self.program, &args)?)
	}

	fn notify(&self, seq_number: u32) -> Result<(), LpaError> {
		run(
			&self.program,
			&["notification".into(), "process".into(), seq_number.to_string(), "-r".into()],
		)
		.map(drop)
	}
}

/// The SM-DP+ simulator's test eUICC (`gesim-smdp-sim euicc`), which downloads over the
/// simulator's ES9+ as a real LPA would.
pub struct TestEuicc {
	/// The `gesim-smdp-sim` executable.
	pub program: PathBuf,
	/// The eUICC's EID.
	pub eid: String,
	/// The CA the SM-DP+'s certificate chains to.
	pub ca: PathBuf,
	/// Where notifications wait to be sent (lpac keeps them on the eUICC).
	pub notifications: PathBuf,
}

impl Lpa for TestEuicc {
	fn download(
		&self,
		code: &ActivationCode,
		confirmation_code: Option<&str>,
	) -> Result<Download, LpaError> {
		let mut args: Vec<String> = vec![
			"euicc".into(),
			"download".into(),
			"-a".into(),
			code.to_string(),
			"--eid".into(),
			self.eid.clone(),
			"--ca".into(),
			self.ca.display().to_string(),
			"--defer-notification".into(),
			self.notifications.display().to_string(),
		];
		if let Some(cc) = confirmation_code {
			args.extend(["-c".into(), cc.to_owned()]);
		}
		download_result(run(&self.program, &args)?)
	}

	fn notify(&self, seq_number: u32) -> Result<(), LpaError> {
		let args: Vec<String> = vec![
			"euicc".into(),
			"notification".into(),
			"process".into(),
			seq_number.to_string(),
			"--dir".into(),
			self.notifications.display().to_string(),
			"--ca".into(),
			self.ca.display().to_string(),
			"-r".into(),
		];
		run(&self.program, &args).map(drop)
	}
}

/// Runs `program` with `args` and returns the final line's `data`, or why it failed.
fn run(program: &PathBuf, args: &[String]) -> Result<Value, LpaError> {
	let output = Command::new(program).args(args).stdin(Stdio::null()).output().map_err(|e| {
		LpaError::NotStarted { program: program.display().to_string(), reason: e.to_string() }
	})?;
	let stdout = String::from_utf8_lossy(&output.stdout);
	final_line(&stdout, output.status.success())
}

/// The `data` of the last `type:"lpa"` line, if it and the exit status say success.
pub fn final_line(stdout: &str, exit_ok: bool) -> Result<Value, LpaError> {
	let last = stdout
		.lines()
		.filter_map(|line| serde_json::from_str::<Value>(line.trim()).ok())
		.filter(|line| line["type"] == "lpa")
		.last()
		.ok_or_else(|| {
			LpaError::Garbled(format!("no final `type: lpa` line in {:?}", tail(stdout)))
		})?;
	let payload = &last["payload"];
	let code = payload["code"]
		.as_i64()
		.ok_or_else(|| LpaError::Garbled(format!("no payload code in {last}")))?;
	let message = payload["message"].as_str().unwrap_or_default().to_owned();
	match (code, exit_ok) {
		(0, true) => Ok(payload["data"].clone()),
		(0, false) => Err(LpaError::Failed {
			step: message,
			reason: "reported success but exited with a failure status".into(),
		}),
		_ => {
			let data = match &payload["data"] {
				Value::String(text) => text.clone(),
				Value::Null => String::new(),
				other => other.to_string(),
			};
			Err(LpaError::Failed { reason: readable(&message, &data), step: message })
		},
	}
}

fn tail(text: &str) -> &str {
	let start = text.len().saturating_sub(200);
	let start = (start..text.len()).find(|i| text.is_char_boundary(*i)).unwrap_or(text.len());
	&text[start..]
}

/// The download's notification sequence number and ICCID.
fn download_result(data: Value) -> Result<Download, LpaError> {
	let seq_number = data["seqNumber"]
		.as_u64()
		.and_then(|n| u32::try_from(n).ok())
		.ok_or_else(|| LpaError::Garbled(format!("no notification seqNumber in {data}")))?;
	Ok(Download { iccid: data["iccid"].as_str().map(str::to_owned), seq_number })
}

/// What an ES9+ status code or lpac step means for the user (SGP.22 subject/reason codes as
/// lpac reports them, `8.1.1 3.8`-style).
pub fn readable(step: &str, data: &str) -> String {
	const KNOWN: &[(&str, &str)] = &[
		("8.1.1/3.8", "this eSIM is bound to another device (EID mismatch)"),
		("8.1.1/2.2", "the operator needs this device's EID for this eSIM"),
		("8.2.6/3.8", "the activation code was refused: it was already used or mistyped"),
		("8.2.7/2.2", "this eSIM needs a confirmation code"),
		("8.2.7/3.8", "the confirmation code is wrong"),
		("8.2.7/6.4", "too many wrong confirmation codes: the operator must issue a new eSIM"),
		("8.8.5/4.10", "the eSIM order expired at the operator"),
		("8.8.5/4.1", "the eSIM order expired at the operator"),
		("8.8.5/6.4", "too many download attempts: the operator must issue a new eSIM"),
		("8.2.5/3.7", "the operator has no profile left for this plan"),
		("8.2.1/3.9", "the operator's SM-DP+ does not know this profile"),
	];
	let codes: Vec<&str> = data
		.split(|c: char| !(c.is_ascii_digit() || c == '.'))
		.filter(|part| part.contains('.') && part.split('.').all(|n| !n.is_empty()))
		.collect();
	for pair in codes.windows(2) {
		let key = format!("{}/{}", pair[0], pair[1]);
		if let Some((_, meaning)) = KNOWN.iter().find(|(code, _)| *code == key) {
			return format!("{meaning} ({key})");
		}
	}
	let hint = match step {
		s if s.starts_with("es10") => "the eUICC refused",
		s if s.starts_with("es9p") => "the SM-DP+ refused or could not be reached",
		_ => "",
	};
	match (hint.is_empty(), data.is_empty()) {
		(true, _) => data.to_owned(),
		(false, true) => hint.to_owned(),
		(false, false) => format!("{hint}: {data}"),
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	const SUCCESS: &str = r#"{"type":"progress","payload":{"code":0,"message":"es10b_get_euicc_challenge_and_info","data":null}}
{"type":"progress","payload":{"code":0,"message":"es9p_authenticate_client","data":null}}
{"type":"lpa","payload":{"code":0,"message":"success","data":{"seqNumber":4,"iccid":"8949001234567890123"}}}
"#;

	#[test]
	fn success_is_the_final_lpa_line_and_exit_zero() {
		let data = final_line(SUCCESS, true).unwrap();
		assert_eq!(
			download_result(data).unwrap(),
			Download { iccid: Some("8949001234567890123".into()), seq_number: 4 }
		);
		// The same output with a failing exit status is not a success.
		assert!(matches!(final_line(SUCCESS, false), Err(LpaError::Failed { .. })));
	}

	#[test]
	fn a_failure_names_its_step_and_says_what_the_code_means() {
		let out = r#"{"type":"progress","payload":{"code":0,"message":"es9p_initiate_authentication","data":null}}
{"type":"lpa","payload":{"code":-1,"message":"es9p_authenticate_client","data":"8.1.1 3.8 EID doesn't match the expected value"}}"#;
		let error = final_line(out, false).unwrap_err();
		assert_eq!(
			error.to_string(),
			"the LPA failed at es9p_authenticate_client: this eSIM is bound to another device (EID mismatch) (8.1.1/3.8)"
		);
		let unknown = r#"{"type":"lpa","payload":{"code":-1,"message":"es10b_load_bound_profile_package","data":"profile installation failed"}}"#;
		assert_eq!(
			final_line(unknown, false).unwrap_err().to_string(),
			"the LPA failed at es10b_load_bound_profile_package: the eUICC refused: profile installation failed"
		);
	}

	#[test]
	fn output_without_a_final_line_is_garbled() {
		assert!(matches!(final_line("segfault\n", false), Err(LpaError::Garbled(_))));
		let progress_only = r#"{"type":"progress","payload":{"code":0,"message":"x","data":null}}"#;
		assert!(matches!(final_line(progress_only, true), Err(LpaError::Garbled(_))));
		assert!(matches!(
			download_result(serde_json::json!({"iccid": "89"})),
			Err(LpaError::Garbled(_))
		));
	}
}
