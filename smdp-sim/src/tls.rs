//! TLS material and configurations, all on rustls' ring provider (no aws-lc).

use crate::SimError;
use rustls::{
	client::WebPkiServerVerifier,
	crypto::{ring, CryptoProvider},
	server::WebPkiClientVerifier,
	ClientConfig, RootCertStore, ServerConfig,
};
use rustls_pki_types::{pem::PemObject, CertificateDer, PrivateKeyDer};
use std::{path::Path, sync::Arc};

fn provider() -> Arc<CryptoProvider> {
	Arc::new(ring::default_provider())
}

fn tls_error(what: impl Into<String>) -> impl FnOnce(rustls::Error) -> SimError {
	let what = what.into();
	move |e| SimError::Tls(format!("{what}: {e}"))
}

/// A certificate chain read from a PEM file.
pub fn load_certs(path: &Path) -> Result<Vec<CertificateDer<'static>>, SimError> {
	let certs = CertificateDer::pem_file_iter(path)
		.and_then(|it| it.collect::<Result<Vec<_>, _>>())
		.map_err(|e| SimError::Pem { file: path.to_owned(), reason: e.to_string() })?;
	if certs.is_empty() {
		return Err(SimError::Pem { file: path.to_owned(), reason: "no certificate in it".into() });
	}
	Ok(certs)
}

/// A private key read from a PEM file.
pub fn load_key(path: &Path) -> Result<PrivateKeyDer<'static>, SimError> {
	PrivateKeyDer::from_pem_file(path)
		.map_err(|e| SimError::Pem { file: path.to_owned(), reason: e.to_string() })
}

/// Trust anchors from a PEM file of CA certificates.
pub fn load_roots(path: &Path) -> Result<Arc<RootCertStore>, SimError> {
	let mut roots = RootCertStore::empty();
	for cert in load_certs(path)? {
		roots
			.add(cert)
			.map_err(|e| SimError::Pem { file: path.to_owned(), reason: e.to_string() })?;
	}
	Ok(Arc::new(roots))
}

/// A server certificate and key, as files.
#[derive(Clone, Debug)]
pub struct Identity<'a> {
	/// PEM certificate chain, leaf first.
	pub cert: &'a Path,
	/// PEM private key.
	pub key: &'a Path,
}

/// Server side of mutual TLS: clients must present a certificate chaining to `client_ca`.
pub fn mutual_server_config(
	identity: Identity<'_>,
	client_ca: &Path,
) -> Result<Arc<ServerConfig>, SimError> {
	let verifier = WebPkiClientVerifier::builder_with_provider(load_roots(client_ca)?, provider())
		.build()
		.map_err(|e| SimError::Tls(format!("client verifier from {}: {e}", client_ca.display())))?;
	let mut config = ServerConfig::builder_with_provider(provider())
		.with_safe_default_protocol_versions()
		.map_err(tls_error("protocol versions"))?
		.with_client_cert_verifier(verifier)
		.with_single_cert(load_certs(identity.cert)?, load_key(identity.key)?)
		.map_err(tls_error(format!("server certificate {}", identity.cert.display())))?;
	config.alpn_protocols = vec![b"http/1.1".to_vec()];
	Ok(Arc::new(config))
}

/// Server side of server-only TLS (devices have no client certificate on ES9+).
pub fn server_config(identity: Identity<'_>) -> Result<Arc<ServerConfig>, SimError> {
	let mut config = ServerConfig::builder_with_provider(provider())
		.with_safe_default_protocol_versions()
		.map_err(tls_error("protocol versions"))?
		.with_no_client_auth()
		.with_single_cert(load_certs(identity.cert)?, load_key(identity.key)?)
		.map_err(tls_error(format!("server certificate {}", identity.cert.display())))?;
	config.alpn_protocols = vec![b"http/1.1".to_vec()];
	Ok(Arc::new(config))
}

/// Client side: verifies the server against `server_ca`, and presents `identity` if given.
pub fn client_config(
	server_ca: &Path,
	identity: Option<Identity<'_>>,
) -> Result<ClientConfig, SimError> {
	let verifier = WebPkiServerVerifier::builder_with_provider(load_roots(server_ca)?, provider())
		.build()
		.map_err(|e| SimError::Tls(format!("server verifier from {}: {e}", server_ca.display())))?;
	let builder = ClientConfig::builder_with_provider(provider())
		.with_safe_default_protocol_versions()
		.map_err(tls_error("protocol versions"))?
		.with_webpki_verifier(verifier);
	// No ALPN here: hyper-rustls sets it from the HTTP versions it is built with.
	match identity {
		Some(identity) => builder
			.with_client_auth_cert(load_certs(identity.cert)?, load_key(identity.key)?)
			.map_err(tls_error(format!("client certificate {}", identity.cert.display()))),
		None => Ok(builder.with_no_client_auth()),
	}
}
