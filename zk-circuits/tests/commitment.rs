//! Usage records, their encoding and the commitment root, against a circomlibjs reference
//! (tests/vectors/usage.json) and the record files.

use ark_bn254::Fr;
use gesim_zk::{
	commitment::padded_elements,
	eid::{eid_commitment, parse_eid, parse_salt},
	records_file::{parse_csv, parse_json},
	verifier::{networks_commitment, usage_binding, UsagePublicInputs},
	BatchSize, Plmn, RecordError, UsageCommitment, UsageRecord, ZkError,
};
use serde_json::Value;
use std::{path::Path, str::FromStr};

fn usage_json() -> Value {
	serde_json::from_str(include_str!("vectors/usage.json")).unwrap()
}

fn fr(v: &Value) -> Fr {
	Fr::from_str(v.as_str().unwrap()).unwrap()
}

fn hex32(v: &Value) -> [u8; 32] {
	hex::decode(v.as_str().unwrap().trim_start_matches("0x"))
		.unwrap()
		.try_into()
		.unwrap()
}

#[test]
fn roots_match_the_circomlibjs_reference() {
	for case in usage_json()["usage"].as_array().unwrap() {
		let records = parse_json(Path::new("usage.json"), &case["records"].to_string()).unwrap();
		let batch = BatchSize::from_records(case["batch_size"].as_u64().unwrap() as usize).unwrap();
		let commitment = UsageCommitment::new(&records, batch).unwrap();
		assert_eq!(commitment.root, fr(&case["root"]), "batch of {} in {batch:?}", records.len());
		assert_eq!(commitment.total_bytes.to_string(), case["total_bytes"].as_str().unwrap());
		let first = records[0].to_field_elements();
		assert_eq!(first[0], fr(&case["encoded_first"][0]));
		assert_eq!(first[1], fr(&case["encoded_first"][1]));
	}
}

#[test]
fn networks_commitment_and_roaming_records_match_the_circomlibjs_reference() {
	let vectors = usage_json();
	for case in vectors["networks"].as_array().unwrap() {
		let plmns: Vec<u32> = case["plmns"]
			.as_array()
			.unwrap()
			.iter()
			.map(|p| Plmn::parse(p[0].as_str().unwrap(), p[1].as_str().unwrap()).unwrap().to_bcd())
			.collect();
		assert_eq!(networks_commitment(&plmns), Some(fr(&case["commitment"])), "{plmns:?}");
	}
	let roaming = &vectors["roaming"];
	let mut row = roaming.clone();
	row.as_object_mut().unwrap().remove("encoded");
	let records = parse_json(Path::new("usage.json"), &format!("[{row}]")).unwrap();
	assert_eq!(records[0].binding_id, (1 << 64) + 7);
	let encoded = records[0].to_field_elements();
	assert_eq!(encoded[0], fr(&roaming["encoded"][0]));
	assert_eq!(encoded[1], fr(&roaming["encoded"][1]));
}

#[test]
fn binding_hash_matches_the_circomlibjs_reference() {
	let b = &usage_json()["binding"];
	let agreement: u128 = b["agreement_id"].as_str().unwrap().parse().unwrap();
	assert_eq!(
		usage_binding(&hex32(&b["telco"]), agreement, &hex32(&b["genesis_hash"])),
		fr(&b["binding"])
	);
}

#[test]
fn eid_commitment_matches_the_circomlibjs_reference() {
	let e = &usage_json()["eid"];
	let eid = parse_eid(e["eid"].as_str().unwrap()).unwrap();
	let salt = parse_salt(e["salt"].as_str().unwrap()).unwrap();
	assert_eq!(eid_commitment(eid, salt), fr(&e["commitment"]));
	assert_eq!(parse_salt("0x075bcd15").unwrap(), salt, "hex and decimal salts agree");
	assert!(parse_eid("8904903200000100000012345678901").is_err(), "31 digits");
	assert!(parse_salt(&format!("0x{}", "ff".repeat(32))).is_err(), "salt >= r");
}

#[test]
fn plmn_is_encoded_as_ts_24_008_bcd() {
	assert_eq!(Plmn::parse("208", "01").unwrap().to_bcd(), 0x02_F8_10);
	assert_eq!(Plmn::parse("310", "260").unwrap().to_bcd(), 0x13_00_62);
	// 2- and 3-digit MNCs are different networks and must encode differently.
	assert_ne!(
		Plmn::parse("262", "01").unwrap().to_bcd(),
		Plmn::parse("262", "001").unwrap().to_bcd()
	);
	assert_eq!(Plmn::parse("262", "001").unwrap().to_string(), "262-001");
	for (mcc, mnc) in [("000", "01"), ("20", "01"), ("2O8", "01"), ("208", "1"), ("208", "0001")] {
		assert!(Plmn::parse(mcc, mnc).is_err(), "{mcc}-{mnc}");
	}
}

#[test]
fn padding_is_zero_and_no_real_record_encodes_to_it() {
	let records = [UsageRecord {
		binding_id: 0,
		session_start: 0,
		duration_secs: 0,
		bytes_up: 0,
		bytes_down: 0,
		serving_network: Plmn::parse("001", "01").unwrap(),
	}];
	let padded = padded_elements(&records, BatchSize::B64);
	assert_eq!(padded.len(), 64);
	assert_ne!(padded[0], [Fr::from(0u64); 2]);
	assert!(padded[1..].iter().all(|e| *e == [Fr::from(0u64); 2]));
}

#[test]
fn root_depends_on_every_field_and_on_order() {
	let csv = "binding_id,session_start,duration_secs,bytes_up,bytes_down,mcc,mnc\n\
	           1,1767225600,60,10,20,208,01\n2,1767229200,61,11,21,262,001\n";
	let records = parse_csv(Path::new("x.csv"), csv).unwrap();
	let root = |r: &[UsageRecord]| UsageCommitment::new(r, BatchSize::B64).unwrap().root;
	let base = root(&records);
	let mutations: [fn(&mut UsageRecord); 6] = [
		|r| r.binding_id += 1,
		|r| r.session_start += 1,
		|r| r.duration_secs += 1,
		|r| r.bytes_up += 1,
		|r| r.bytes_down += 1,
		|r| r.serving_network = Plmn::parse("208", "001").unwrap(),
	];
	for mutate in mutations {
		let mut changed = records.clone();
		mutate(&mut changed[1]);
		assert_ne!(root(&changed), base);
	}
	assert_ne!(root(&[records[1], records[0]]), base);
	assert_ne!(
		UsageCommitment::new(&records, BatchSize::B256).unwrap().root,
		base,
		"size is part of the tree"
	);
}

#[test]
fn csv_errors_name_the_line() {
	let header = "binding_id,session_start,duration_secs,bytes_up,bytes_down,mcc,mnc\n";
	let cases = [
		(format!("{header}1,2,3,4,5,208,01\n1,2,3,x,5,208,01\n"), 3, "column 4"),
		(format!("{header}1,2,3,4,5,208,01\n1,2,3,4,1099511627776,208,01\n"), 3, "bytes_down"),
		(format!("{header}1,2,3,4,5,208,01\n1,2,3,4,5,208\n"), 3, "fields"),
		(format!("{header}1,2,3,4,5,20,01\n"), 2, "mcc"),
	];
	for (text, line, needle) in cases {
		match parse_csv(Path::new("usage.csv"), &text).unwrap_err() {
			ZkError::Csv { line: l, reason, .. } => {
				assert_eq!(l, line, "{reason}");
				assert!(reason.contains(needle), "{reason}");
			},
			other => panic!("unexpected {other}"),
		}
	}
}

#[test]
fn json_errors_name_the_record() {
	let err = parse_json(Path::new("u.json"), r#"[{"binding_id":1,"session_start":2,"duration_secs":3,"bytes_up":4,"bytes_down":5,"mcc":"208","mnc":"01"},{"binding_id":1}]"#).unwrap_err();
	assert!(err.to_string().contains("record 1"), "{err}");
	let err = parse_json(Path::new("u.json"), "{}").unwrap_err();
	assert!(err.to_string().starts_with("u.json: not a JSON array"), "{err}");
}

#[test]
fn record_range_is_enforced_before_proving() {
	let mut records = parse_csv(
		Path::new("x.csv"),
		"binding_id,session_start,duration_secs,bytes_up,bytes_down,mcc,mnc\n1,2,3,4,5,208,01\n",
	)
	.unwrap();
	records[0].bytes_up = 1 << 40;
	let err = UsageCommitment::new(&records, BatchSize::B64).unwrap_err();
	assert!(matches!(
		err,
		ZkError::Record {
			index: 0,
			source: RecordError::BytesOutOfRange { field: "bytes_up", .. }
		}
	));
}

#[test]
fn public_input_order_is_root_total_nonce_binding_subject_period_networks() {
	let inputs = UsagePublicInputs {
		root: [1; 32],
		total_bytes: 7,
		nonce: 9,
		binding: [2; 32],
		subject: (1 << 64) + 3,
		period_start: 11,
		period_end: 12,
		networks: [4; 32],
	}
	.to_inputs();
	assert_eq!(inputs[0], [1; 32]);
	assert_eq!(inputs[1][0], 7);
	assert_eq!(inputs[2][0], 9);
	assert_eq!(inputs[3], [2; 32]);
	assert_eq!(inputs[4][..9], [3, 0, 0, 0, 0, 0, 0, 0, 1]);
	assert_eq!((inputs[5][0], inputs[6][0]), (11, 12));
	assert_eq!(inputs[7], [4; 32]);
}
