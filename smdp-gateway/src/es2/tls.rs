//! TLS material and configurations, on rustls' ring provider (no aws-lc: cmake, slow build).

use rustls::{
	client::WebPkiServerVerifier,
	crypto::{ring, CryptoProvider},
	server::WebPkiClientVerifier,
	ClientConfig, RootCertStore, ServerConfig,
};
use rustls_pki_types::{pem::PemObject, CertificateDer, PrivateKeyDer};
use std::{
	path::{Path, PathBuf},
	sync::Arc,
};

/// A certificate, key or CA file that cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum TlsError {
	/// The file holds no usable PEM certificate or key.
	#[error("{}: {reason}", file.display())]
	Pem {
		/// The file.
		file: PathBuf,
		/// What is wrong.
		reason: String,
	},
	/// rustls refused the configuration.
	#[error("TLS configuration: {0}")]
	Config(String),
}

fn provider() -> Arc<CryptoProvider> {
	Arc::new(ring::default_provider())
}

/// A certificate chain read from a PEM file, leaf first.
pub fn load_certs(file: &Path) -> Result<Vec<CertificateDer<'static>>, TlsError> {
	let pem = |reason: String| TlsError::Pem { file: file.to_owned(), reason };
	let certs = CertificateDer::pem_file_iter(file)
		.and_then(|it| it.collect::<Result<Vec<_>, _>>())
		.map_err(|e| pem(e.to_string()))?;
	if certs.is_empty() {
		return Err(pem("no certificate in it".into()));
	}
	Ok(certs)
}

/// A private key read from a PEM file.
pub fn load_key(file: &Path) -> Result<PrivateKeyDer<'static>, TlsError> {
	PrivateKeyDer::from_pem_file(file)
		.map_err(|e| TlsError::Pem { file: file.to_owned(), reason: e.to_string() })
}

/// Trust anchors from a PEM file of CA certificates.
pub fn load_roots(file: &Path) -> Result<Arc<RootCertStore>, TlsError> {
	let mut roots = RootCertStore::empty();
	for cert in load_certs(file)? {
		roots
			.add(cert)
			.map_err(|e| TlsError::Pem { file: file.to_owned(), reason: e.to_string() })?;
	}
	Ok(Arc::new(roots))
}

/// A certificate and its key, as PEM files.
#[derive(Clone, Debug)]
pub struct Identity {
	/// Certificate chain, leaf first.
	pub cert: PathBuf,
	/// Private key.
	pub key: PathBuf,
}

/// Client side of mutual TLS: checks the server against `server_ca` and presents `identity`.
pub fn client_config(server_ca: &Path, identity: &Identity) -> Result<ClientConfig, TlsError> {
	let verifier = WebPkiServerVerifier::builder_with_provider(load_roots(server_ca)?, provider())
		.build()
		.map_err(|e| {
			TlsError::Config(format!("server verifier from {}: {e}", server_ca.display()))
		})?;
	// No ALPN here: hyper-rustls sets it from the HTTP versions it is built with.
	ClientConfig::builder_with_provider(provider())
		.with_safe_default_protocol_versions()
		.map_err(|e| TlsError::Config(e.to_string()))?
		.with_webpki_verifier(verifier)
		.with_client_auth_cert(load_certs(&identity.cert)?, load_key(&identity.key)?)
		.map_err(|e| {
			TlsError::Config(format!("client certificate {}: {e}", identity.cert.display()))
		})
}

/// Server side of mutual TLS: clients must present a certificate chaining to `client_ca`.
pub fn mutual_server_config(
	identity: &Identity,
	client_ca: &Path,
) -> Result<Arc<ServerConfig>, TlsError> {
	let verifier = WebPkiClientVerifier::builder_with_provider(load_roots(client_ca)?, provider())
		.build()
		.map_err(|e| {
			TlsError::Config(format!("client verifier from {}: {e}", client_ca.display()))
		})?;
	let mut config = ServerConfig::builder_with_provider(provider())
		.with_safe_default_protocol_versions()
		.map_err(|e| TlsError::Config(e.to_string()))?
		.with_client_cert_verifier(verifier)
		.with_single_cert(load_certs(&identity.cert)?, load_key(&identity.key)?)
		.map_err(|e| {
			TlsError::Config(format!("server certificate {}: {e}", identity.cert.display()))
		})?;
	config.alpn_protocols = vec![b"http/1.1".to_vec()];
	Ok(Arc::new(config))
}
