//! A test PKI for the dev chain and the tests: one CA and the four end-entity certificates the
//! ES2+ link needs in both directions. ECDSA P-256, as GSMA RSP certificates.

use crate::SimError;
use rcgen::{
	BasicConstraints, Certificate, CertificateParams, DistinguishedName, DnType,
	ExtendedKeyUsagePurpose, IsCa, KeyUsagePurpose, SanType,
};
use std::{
	fs::OpenOptions,
	io::Write,
	net::IpAddr,
	os::unix::fs::{OpenOptionsExt, PermissionsExt},
	path::{Path, PathBuf},
	time::{SystemTime, UNIX_EPOCH},
};

/// CA certificate: trust anchor of every party.
pub const CA_CERT: &str = "ca.pem";
/// CA key (to issue more certificates by hand).
pub const CA_KEY: &str = "ca.key.pem";
/// SM-DP+ server certificate (ES2+ and ES9+ listeners).
pub const SMDP_SERVER_CERT: &str = "smdp-server.pem";
/// Its key.
pub const SMDP_SERVER_KEY: &str = "smdp-server.key.pem";
/// SM-DP+ client certificate (calling the operator's handleDownloadProgressInfo).
pub const SMDP_CLIENT_CERT: &str = "smdp-client.pem";
/// Its key.
pub const SMDP_CLIENT_KEY: &str = "smdp-client.key.pem";
/// Operator gateway client certificate (calling ES2+).
pub const OPERATOR_CLIENT_CERT: &str = "operator-client.pem";
/// Its key.
pub const OPERATOR_CLIENT_KEY: &str = "operator-client.key.pem";
/// Operator gateway server certificate (receiving notifications).
pub const OPERATOR_SERVER_CERT: &str = "operator-server.pem";
/// Its key.
pub const OPERATOR_SERVER_KEY: &str = "operator-server.key.pem";

/// Validity of the certificates: a day back (clock skew) to ten years ahead.
const VALID_FROM_SECS_AGO: i64 = 86_400;
const VALID_FOR_SECS: i64 = 10 * 365 * 86_400;

/// Writes the test PKI into `dir` (created if absent). Server certificates name `localhost`
/// and `127.0.0.1` plus the extra names given (e.g. container service names). Existing files
/// are kept unless `overwrite`. Returns the files written.
pub fn write_test_pki(
	dir: &Path,
	extra_smdp_names: &[String],
	extra_operator_names: &[String],
	overwrite: bool,
) -> Result<Vec<PathBuf>, SimError> {
	let all = [
		CA_CERT,
		CA_KEY,
		SMDP_SERVER_CERT,
		SMDP_SERVER_KEY,
		SMDP_CLIENT_CERT,
		SMDP_CLIENT_KEY,
		OPERATOR_CLIENT_CERT,
		OPERATOR_CLIENT_KEY,
		OPERATOR_SERVER_CERT,
		OPERATOR_SERVER_KEY,
	];
	if !overwrite {
		if let Some(existing) = all.iter().map(|f| dir.join(f)).find(|p| p.exists()) {
			return Err(SimError::Certs(format!(
				"{} exists; pass --force to replace the test PKI",
				existing.display()
			)));
		}
	}
	std::fs::create_dir_all(dir).map_err(|source| SimError::Io { file: dir.to_owned(), source })?;

	let now = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64);
	let validity = |params: &mut CertificateParams| -> Result<(), SimError> {
		let at = |t: i64| {
			time::OffsetDateTime::from_unix_timestamp(t).map_err(|e| SimError::Certs(e.to_string()))
		};
		params.not_before = at(now - VALID_FROM_SECS_AGO)?;
		params.not_after = at(now + VALID_FOR_SECS)?;
		Ok(())
	};
	let generate = |params: CertificateParams| {
		Certificate::from_params(params).map_err(|e| SimError::Certs(e.to_string()))
	};

	let mut ca_params = CertificateParams::default();
	ca_params.distinguished_name = name("GeSIM test CA");
	ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
	ca_params.key_usages = vec![
		KeyUsagePurpose::KeyCertSign,
		KeyUsagePurpose::CrlSign,
		KeyUsagePurpose::DigitalSignature,
	];
	validity(&mut ca_params)?;
	let ca = generate(ca_params)?;

	let mut written = Vec::new();
	let mut write = |file: &str, contents: &str, private: bool| -> Result<(), SimError> {
		let path = dir.join(file);
		write_file(&path, contents, if private { 0o600 } else { 0o644 })?;
		written.push(path);
		Ok(())
	};
	write(CA_CERT, &ca.serialize_pem().map_err(|e| SimError::Certs(e.to_string()))?, false)?;
	write(CA_KEY, &ca.serialize_private_key_pem(), true)?;

	let leaves = [
		(
			"GeSIM test SM-DP+",
			ExtendedKeyUsagePurpose::ServerAuth,
			extra_smdp_names,
			SMDP_SERVER_CERT,
			SMDP_SERVER_KEY,
		),
		(
			"GeSIM test SM-DP+ (client)",
			ExtendedKeyUsagePurpose::ClientAuth,
			&[][..],
			SMDP_CLIENT_CERT,
			SMDP_CLIENT_KEY,
		),
		(
			"GeSIM test operator (client)",
			ExtendedKeyUsagePurpose::ClientAuth,
			&[][..],
			OPERATOR_CLIENT_CERT,
			OPERATOR_CLIENT_KEY,
		),
		(
			"GeSIM test operator",
			ExtendedKeyUsagePurpose::ServerAuth,
			extra_operator_names,
			OPERATOR_SERVER_CERT,
			OPERATOR_SERVER_KEY,
		),
	];
	for (common_name, usage, extra_names, cert_file, key_file) in leaves {
		let mut params = CertificateParams::default();
		params.distinguished_name = name(common_name);
		if usage == ExtendedKeyUsagePurpose::ServerAuth {
			params.subject_alt_names = ["localhost", "127.0.0.1"]
				.into_iter()
				.map(str::to_owned)
				.chain(extra_names.iter().cloned())
				.map(|n| match n.parse::<IpAddr>() {
					Ok(ip) => SanType::IpAddress(ip),
					Err(_) => SanType::DnsName(n),
				})
				.collect();
		}
		params.key_usages = vec![KeyUsagePurpose::DigitalSignature];
		params.extended_key_usages = vec![usage];
		params.use_authority_key_identifier_extension = true;
		validity(&mut params)?;
		let cert = generate(params)?;
		let pem = cert
			.serialize_pem_with_signer(&ca)
			.map_err(|e| SimError::Certs(e.to_string()))?;
		write(cert_file, &pem, false)?;
		write(key_file, &cert.serialize_private_key_pem(), true)?;
	}
	Ok(written)
}

fn name(common_name: &str) -> DistinguishedName {
	let mut dn = DistinguishedName::new();
	dn.push(DnType::OrganizationName, "GeSIM test PKI");
	dn.push(DnType::CommonName, common_name);
	dn
}

fn write_file(path: &Path, contents: &str, mode: u32) -> Result<(), SimError> {
	let io = |source| SimError::Io { file: path.to_owned(), source };
	let mut file = OpenOptions::new()
		.write(true)
		.create(true)
		.truncate(true)
		.mode(mode)
		.open(path)
		.map_err(io)?;
	// `mode` applies only to a new file: set it on a replaced one too.
	file.set_permissions(std::fs::Permissions::from_mode(mode)).map_err(io)?;
	file.write_all(contents.as_bytes()).map_err(io)
}
