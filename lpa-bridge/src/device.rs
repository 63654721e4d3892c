//! The device's X25519 key: activation codes are sealed to its public half on chain, and only
//! the file holding its secret half opens them. The file is created with mode 600, never
//! overwritten (an order may be sealed to the old key), and refused if others may read it.

use crate::BridgeError;
use gesim_chain_client::keys::read_private_file;
use gesim_esim_protocol::{
	sealed::{self, ActivationEnvelope, DeviceKey},
	ActivationCode,
};
use std::{
	io::Write,
	os::unix::fs::OpenOptionsExt,
	path::{Path, PathBuf},
};

/// A device key and the file it lives in.
pub struct DeviceKeyFile {
	path: PathBuf,
	key: DeviceKey,
}

impl std::fmt::Debug for DeviceKeyFile {
	// The secret half stays out of logs.
	fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
		f.debug_struct("DeviceKeyFile")
			.field("path", &self.path)
			.field("public_key", &hex::encode(self.public_key()))
			.finish()
	}
}

impl DeviceKeyFile {
	/// A fresh key, written to a new file at `path` only its owner may read.
	pub fn generate(path: &Path) -> Result<Self, BridgeError> {
		let key = DeviceKey::generate(&mut rand::rngs::OsRng);
		let mut file = std::fs::OpenOptions::new()
			.write(true)
			.create_new(true)
			.mode(0o600)
			.open(path)
			.map_err(|e| {
				if e.kind() == std::io::ErrorKind::AlreadyExists {
					BridgeError::KeyFileExists(path.display().to_string())
				} else {
					io_error(path, e)
				}
			})?;
		writeln!(file, "0x{}", hex::encode(key.to_bytes())).map_err(|e| io_error(path, e))?;
		file.sync_all().map_err(|e| io_error(path, e))?;
		Ok(Self { path: path.to_owned(), key })
	}

	/// The key in `path`.
	pub fn load(path: &Path) -> Result<Self, BridgeError> {
		let text = read_private_file(path)?;
		let malformed = || {
			BridgeError::KeyFile(gesim_chain_client::KeyFileError::Malformed {
				file: path.to_owned(),
				reason: "a device key file holds 0x and 64 hex digits".into(),
			})
		};
		let bytes =
			hex::decode(text.strip_prefix("0x").ok_or_else(malformed)?).map_err(|_| malformed())?;
		let secret: [u8; 32] = bytes.try_into().map_err(|_| malformed())?;
		Ok(Self { path: path.to_owned(), key: DeviceKey::from_bytes(secret) })
	}

	/// Where it is kept.
	pub fn path(&self) -> &Path {
		&self.path
	}

	/// The public key to register on chain.
	pub fn public_key(&self) -> [u8; 32] {
		self.key.public_key()
	}

	/// Opens the code sealed to this key for `order` on the chain of `genesis`, and checks the
	/// ICCID inside against the commitment the operator signed.
	pub fn open(
		&self,
		genesis: &[u8; 32],
		order: u64,
		sealed_code: &[u8],
		iccid_commitment: Option<&[u8; 32]>,
	) -> Result<(ActivationEnvelope, ActivationCode), BridgeError> {
		let envelope = sealed::open(&self.key, genesis, order, sealed_code)
			.map_err(|e| BridgeError::sealed(order, e))?;
		let unusable = |reason: String| BridgeError::SealedCode { order, reason };
		let code = envelope
			.parsed_activation_code()
			.map_err(|e| unusable(format!("the activation code inside is malformed: {e}")))?;
		match iccid_commitment {
			Some(commitment) if envelope.matches_commitment(commitment) => Ok((envelope, code)),
			Some(_) => Err(unusable(
				"the ICCID inside does not match the commitment the operator signed on chain"
					.into(),
			)),
			None => Err(unusable("the chain holds no ICCID commitment for it".into())),
		}
	}
}

fn io_error(path: &Path, source: std::io::Error) -> BridgeError {
	BridgeError::KeyFile(gesim_chain_client::KeyFileError::Io { file: path.to_owned(), source })
}

#[cfg(test)]
mod tests {
	use super::*;
	use gesim_esim_protocol::{sealed::iccid_commitment, ActivationCode, Iccid};
	use std::os::unix::fs::PermissionsExt;

	const GENESIS: [u8; 32] = [0x47; 32];

	fn envelope(code: &str) -> (ActivationEnvelope, [u8; 32]) {
		let iccid: Iccid = "8949001234567890123".parse().unwrap();
		let salt = [0x5A; 32];
		let code: ActivationCode = code.parse().unwrap();
		(ActivationEnvelope::new(&code, &iccid, salt, None), iccid_commitment(&iccid, &salt))
	}

	fn seal_to(key: &DeviceKeyFile, order: u64, envelope: &ActivationEnvelope) -> Vec<u8> {
		sealed::seal(&key.public_key(), &GENESIS, order, envelope, &mut rand::rngs::OsRng).unwrap()
	}

	#[test]
	fn a_generated_key_is_private_reloads_and_is_never_overwritten() {
		let dir = tempfile::tempdir().unwrap();
		let path = dir.path().join("device.key");
		let key = DeviceKeyFile::generate(&path).unwrap();
		assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
		assert_eq!(DeviceKeyFile::load(&path).unwrap().public_key(), key.public_key());
		assert!(matches!(DeviceKeyFile::generate(&path), Err(BridgeError::KeyFileExists(_))));
		assert_eq!(DeviceKeyFile::load(&path).unwrap().public_key(), key.public_key());

		std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
		assert!(DeviceKeyFile::load(&path).unwrap_err().to_string().contains("chmod 600"));
	}

	#[test]
	fn a_code_sealed_to_this_device_opens_and_others_do_not() {
		let dir = tempfile::tempdir().unwrap();
		let mine = DeviceKeyFile::generate(&dir.path().join("mine")).unwrap();
		let other = DeviceKeyFile::generate(&dir.path().join("other")).unwrap();
		let (envelope, commitment) = envelope("LPA:1$smdp.example.net$MATCHING-1");
		let sealed = seal_to(&mine, 7, &envelope);

		let (opened, code) = mine.open(&GENESIS, 7, &sealed, Some(&commitment)).unwrap();
		assert_eq!(opened.activation_code, "LPA:1$smdp.example.net$MATCHING-1");
		assert_eq!(code.to_string(), opened.activation_code);

		// Another device, another order, a tampered byte: one sentence, no envelope.
		let refused = other.open(&GENESIS, 7, &sealed, Some(&commitment)).unwrap_err().to_string();
		assert!(refused.contains("sealed to another device"), "{refused}");
		assert!(mine.open(&GENESIS, 8, &sealed, Some(&commitment)).is_err());
		let mut tampered = sealed.clone();
		*tampered.last_mut().unwrap() ^= 1;
		assert!(mine.open(&GENESIS, 7, &tampered, Some(&commitment)).is_err());
		// The operator's commitment must match what the envelope says.
		let wrong = [0u8; 32];
		assert!(mine
			.open(&GENESIS, 7, &sealed, Some(&wrong))
			.unwrap_err()
			.to_string()
			.contains("does not match"));
	}
}
