//! Account keys read from files: a flag would put them in `ps` and shell history.

use sp_core::{crypto::SecretStringError, sr25519, Pair};
use std::{
	os::unix::fs::PermissionsExt,
	path::{Path, PathBuf},
};

/// Why a key file is unusable. Never carries the secret.
#[derive(Debug, thiserror::Error)]
pub enum KeyFileError {
	/// The file cannot be read.
	#[error("key file {}: {source}", file.display())]
	Io {
		/// The file.
		file: PathBuf,
		/// The OS error.
		source: std::io::Error,
	},
	/// Group or others may read it.
	#[error("key file {}: readable by group or others (mode {mode:o}): chmod 600 it", file.display())]
	Exposed {
		/// The file.
		file: PathBuf,
		/// Its permission bits.
		mode: u32,
	},
	/// The file holds no secret the scheme accepts.
	#[error("key file {}: not an sr25519 secret seed (0x + 64 hex digits), phrase or SURI (`//Alice`): {reason}", file.display())]
	Malformed {
		/// The file.
		file: PathBuf,
		/// What the parser said, without the secret.
		reason: String,
	},
}

/// The trimmed text of a key file only its owner may read.
pub fn read_private_file(file: &Path) -> Result<String, KeyFileError> {
	let io = |source| KeyFileError::Io { file: file.to_owned(), source };
	let mode = std::fs::metadata(file).map_err(io)?.permissions().mode();
	if mode & 0o077 != 0 {
		return Err(KeyFileError::Exposed { file: file.to_owned(), mode: mode & 0o777 });
	}
	Ok(std::fs::read_to_string(file).map_err(io)?.trim().to_owned())
}

/// The account key (sr25519) in `file`: a secret seed, a phrase or a SURI.
pub fn account_key_from_file(file: &Path) -> Result<sr25519::Pair, KeyFileError> {
	let secret = read_private_file(file)?;
	sr25519::Pair::from_string(&secret, None).map_err(|e| KeyFileError::Malformed {
		file: file.to_owned(),
		reason: describe_secret_error(e),
	})
}

/// What is wrong with a secret, without the secret: the parser's own errors quote it.
pub fn describe_secret_error(error: SecretStringError) -> String {
	match error {
		SecretStringError::InvalidFormat(_) => "neither a seed, a phrase nor a SURI",
		SecretStringError::InvalidPhrase => "not a valid BIP39 phrase",
		SecretStringError::InvalidPassword => "wrong password",
		SecretStringError::InvalidSeed => "not a valid seed",
		SecretStringError::InvalidSeedLength => "a seed of the wrong length",
		SecretStringError::InvalidPath => "a derivation path the scheme does not support",
	}
	.into()
}

#[cfg(test)]
mod tests {
	use super::*;
	use sp_core::crypto::Ss58Codec;

	fn file_with(text: &str, mode: u32) -> (tempfile::TempDir, PathBuf) {
		let dir = tempfile::tempdir().unwrap();
		let path = dir.path().join("account");
		std::fs::write(&path, text).unwrap();
		std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode)).unwrap();
		(dir, path)
	}

	#[test]
	fn a_private_suri_file_gives_its_account() {
		let (_dir, path) = file_with("//Bob\n", 0o600);
		let bob = account_key_from_file(&path).unwrap();
		assert_eq!(
			crate::AccountId::from(bob.public()).to_ss58check(),
			"5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty"
		);
	}

	#[test]
	fn an_exposed_or_malformed_file_is_refused_without_quoting_it() {
		let (_dir, path) = file_with("//Bob", 0o644);
		assert!(matches!(
			account_key_from_file(&path).err(),
			Some(KeyFileError::Exposed { mode: 0o644, .. })
		));
		let (_dir, path) = file_with("not a secret at all", 0o600);
		let error = account_key_from_file(&path).err().expect("refused").to_string();
		assert!(!error.contains("not a secret at all"), "{error}");
	}
}
