//! HTTPS plumbing: the accept loop both listeners share, responses carrying the GSMA headers,
//! and a client over hyper-util and hyper-rustls (used towards the operator, by the test
//! eUICC and by tests).

use bytes::Bytes;
use gesim_esim_protocol::es2plus::header;
use http::{header::CONTENT_TYPE, HeaderMap, HeaderValue, Method, StatusCode};
use http_body_util::{BodyExt, Full, Limited};
use hyper::service::service_fn;
use hyper_rustls::HttpsConnector;
use hyper_util::{
	client::legacy::{connect::HttpConnector, Client},
	rt::{TokioExecutor, TokioIo},
};
use rustls::{ClientConfig, ServerConfig};
use serde::Serialize;
use std::{convert::Infallible, net::SocketAddr, sync::Arc, time::Duration};
use tokio::{net::TcpListener, sync::watch, task::JoinHandle};
use tokio_rustls::TlsAcceptor;

/// Response body type.
pub type Body = Full<Bytes>;
/// Response type.
pub type Response = http::Response<Body>;

/// Largest request body read (a ProfileInstallationResult is a few hundred bytes).
const MAX_BODY: usize = 1 << 20;

/// A request with its body read.
#[derive(Debug)]
pub struct Request {
	/// Method.
	pub method: Method,
	/// Path, without query.
	pub path: String,
	/// Headers.
	pub headers: HeaderMap,
	/// Body.
	pub body: Bytes,
}

impl Request {
	/// A header as text, if present and ASCII.
	pub fn header(&self, name: &str) -> Option<&str> {
		self.headers.get(name).and_then(|v| v.to_str().ok())
	}
}

/// What answers requests on a listener.
pub trait Handler: Send + Sync + 'static {
	/// Answers one request.
	fn handle(&self, request: Request) -> Response;
}

/// Accepts TLS connections on `listener` and serves HTTP/1.1 until `shutdown` turns true.
pub fn spawn_listener(
	name: &'static str,
	listener: TcpListener,
	tls: Arc<ServerConfig>,
	handler: Arc<dyn Handler>,
	mut shutdown: watch::Receiver<bool>,
) -> JoinHandle<()> {
	let acceptor = TlsAcceptor::from(tls);
	tokio::spawn(async move {
		loop {
			let (tcp, peer) = tokio::select! {
				accepted = listener.accept() => match accepted {
					Ok(accepted) => accepted,
					Err(e) => {
						tracing::warn!(listener = name, "accept failed: {e}");
						continue;
					},
				},
				_ = shutdown.changed() => break,
			};
			let (acceptor, handler) = (acceptor.clone(), handler.clone());
			tokio::spawn(async move { serve_connection(name, peer, tcp, acceptor, handler).await });
		}
	})
}

async fn serve_connection(
	name: &'static str,
	peer: SocketAddr,
	tcp: tokio::net::TcpStream,
	acceptor: TlsAcceptor,
	handler: Arc<dyn Handler>,
) {
	let tls = match acceptor.accept(tcp).await {
		Ok(tls) => tls,
		Err(e) => {
			// Refused client certificates end here: worth a line, as operators debug mTLS.
			tracing::info!(listener = name, %peer, "TLS handshake refused: {e}");
			return;
		},
	};
	let service = service_fn(move |req: hyper::Request<hyper::body::Incoming>| {
		let handler = handler.clone();
		async move { Ok::<_, Infallible>(read_and_handle(req, handler.as_ref()).await) }
	});
	if let Err(e) = hyper::server::conn::http1::Builder::new()
		.serve_connection(TokioIo::new(tls), service)
		.await
	{
		tracing::debug!(listener = name, %peer, "connection ended: {e}");
	}
}

async fn read_and_handle(
	req: hyper::Request<hyper::body::Incoming>,
	handler: &dyn Handler,
) -> Response {
	let (parts, body) = req.into_parts();
	let body = match Limited::new(body, MAX_BODY).collect().await {
		Ok(collected) => collected.to_bytes(),
		Err(e) => {
			return text(StatusCode::PAYLOAD_TOO_LARGE, &format!("request body unreadable: {e}"))
		},
	};
	handler.handle(Request {
		method: parts.method,
		path: parts.uri.path().to_owned(),
		headers: parts.headers,
		body,
	})
}

fn with_gsma_headers(mut response: Response, content_type: Option<&'static str>) -> Response {
	let headers = response.headers_mut();
	headers.insert(header::X_ADMIN_PROTOCOL, HeaderValue::from_static(header::ADMIN_PROTOCOL));
	if let Some(content_type) = content_type {
		headers.insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
	}
	response
}

/// A JSON response with the GSMA headers.
pub fn json(status: StatusCode, body: &impl Serialize) -> Response {
	let bytes = serde_json::to_vec(body).expect("response types always serialize; qed");
	let mut response = Response::new(Full::new(Bytes::from(bytes)));
	*response.status_mut() = status;
	with_gsma_headers(response, Some(header::CONTENT_TYPE))
}

/// An empty response (`204` for notifications, fault-injected statuses).
pub fn empty(status: StatusCode) -> Response {
	let mut response = Response::new(Full::new(Bytes::new()));
	*response.status_mut() = status;
	with_gsma_headers(response, None)
}

/// A transport-level error: a status other than 200 and a line saying what is wrong.
pub fn text(status: StatusCode, message: &str) -> Response {
	let mut response = Response::new(Full::new(Bytes::from(format!("{message}\n"))));
	*response.status_mut() = status;
	with_gsma_headers(response, Some("text/plain;charset=UTF-8"))
}

/// Why a request did not get an HTTP answer.
#[derive(Debug, thiserror::Error)]
pub enum ClientError {
	/// Connection, TLS or protocol failure.
	#[error("{url}: {reason}")]
	Transport {
		/// Where.
		url: String,
		/// What happened.
		reason: String,
	},
	/// No answer in time.
	#[error("{url}: no answer within {secs} s")]
	Timeout {
		/// Where.
		url: String,
		/// How long was waited.
		secs: u64,
	},
}

/// An HTTP answer.
#[derive(Debug)]
pub struct Reply {
	/// Status.
	pub status: StatusCode,
	/// Headers.
	pub headers: HeaderMap,
	/// Body.
	pub body: Bytes,
}

impl Reply {
	/// A header as text, if present and ASCII.
	pub fn header(&self, name: &str) -> Option<&str> {
		self.headers.get(name).and_then(|v| v.to_str().ok())
	}
}

/// An HTTPS client bound to one base URL (`https://host:port`).
#[derive(Clone)]
pub struct HttpsClient {
	client: Client<HttpsConnector<HttpConnector>, Body>,
	base_url: String,
	timeout: Duration,
}

impl HttpsClient {
	/// A client with this TLS configuration (server CA, optional client certificate).
	pub fn new(tls: ClientConfig, base_url: &str) -> Self {
		let connector = hyper_rustls::HttpsConnectorBuilder::new()
			.with_tls_config(tls)
			.https_only()
			.enable_http1()
			.build();
		Self {
			client: Client::builder(TokioExecutor::new()).build(connector),
			base_url: base_url.trim_end_matches('/').to_owned(),
			timeout: Duration::from_secs(10),
		}
	}

	/// POSTs JSON with the GSMA headers.
	pub async fn post_json(&self, path: &str, body: &impl Serialize) -> Result<Reply, ClientError> {
		let body = serde_json::to_vec(body).expect("request types always serialize; qed");
		self.send(Method::POST, path, Some((header::CONTENT_TYPE, body))).await
	}

	/// Sends a request; `body` is (content type, bytes).
	pub async fn send(
		&self,
		method: Method,
		path: &str,
		body: Option<(&str, Vec<u8>)>,
	) -> Result<Reply, ClientError> {
		let url = self.url(path);
		let mut builder = hyper::Request::builder()
			.method(method)
			.uri(&url)
			.header(header::X_ADMIN_PROTOCOL, header::ADMIN_PROTOCOL);
		let body = match body {
			Some((content_type, bytes)) => {
				builder = builder.header(CONTENT_TYPE, content_type);
				Full::new(Bytes::from(bytes))
			},
			None => Full::new(Bytes::new()),
		};
		let request = builder
			.body(body)
			.map_err(|e| ClientError::Transport { url: url.clone(), reason: e.to_string() })?;
		self.request(request).await
	}

	/// The absolute URL of `path`.
	pub fn url(&self, path: &str) -> String {
		format!("{}{path}", self.base_url)
	}

	/// Sends a request built by the caller (absolute URL, headers as they are).
	pub async fn request(&self, request: hyper::Request<Body>) -> Result<Reply, ClientError> {
		let url = request.uri().to_string();
		let transport = |reason: String| ClientError::Transport { url: url.clone(), reason };
		let exchange = async {
			let response =
				self.client.request(request).await.map_err(|e| transport(error_chain(&e)))?;
			let (parts, body) = response.into_parts();
			let body = body.collect().await.map_err(|e| transport(e.to_string()))?.to_bytes();
			Ok(Reply { status: parts.status, headers: parts.headers, body })
		};
		tokio::time::timeout(self.timeout, exchange)
			.await
			.map_err(|_| ClientError::Timeout { url: url.clone(), secs: self.timeout.as_secs() })?
	}
}

/// An error with its sources, so a TLS refusal inside a connect error is visible.
fn error_chain(e: &dyn std::error::Error) -> String {
	let mut out = e.to_string();
	let mut source = e.source();
	while let Some(s) = source {
		out.push_str(": ");
		out.push_str(&s.to_string());
		source = s.source();
	}
	out
}
