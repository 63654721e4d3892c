//! The `handleDownloadProgressInfo` server: the SM-DP+ tells the operator how a download went.
//!
//! HTTPS with mutual TLS (the SM-DP+'s client certificate must chain to the configured CA),
//! `POST /gsma/rsp2/es2plus/handleDownloadProgressInfo` only (404 elsewhere, 405 for other
//! methods). A readable notification is answered **204** once acted on; an unreadable one 400;
//! one the gateway could not act on yet (the node unreachable) 503, so that the SM-DP+ sends it
//! again rather than the step being lost.

use crate::metrics::Metrics;
use bytes::Bytes;
use gesim_chain_client::error_chain;
use gesim_esim_protocol::es2plus::{header, path, HandleDownloadProgressInfoRequest};
use http::{header::CONTENT_TYPE, HeaderValue, Method, StatusCode};
use http_body_util::{BodyExt, Full, Limited};
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use rustls::ServerConfig;
use std::{convert::Infallible, net::SocketAddr, sync::Arc};
use tokio::{net::TcpListener, sync::watch, task::JoinHandle};
use tokio_rustls::TlsAcceptor;

/// Largest notification read (a ProfileInstallationResult is a few hundred bytes).
const MAX_BODY: usize = 1 << 20;

type Response = http::Response<Full<Bytes>>;

/// What acts on notifications (the driver).
#[async_trait::async_trait]
pub trait NotificationSink: Send + Sync + 'static {
	/// Acts on `notification`. `Err` says why it cannot be acted on now; the SM-DP+ is asked to
	/// send it again.
	async fn notify(&self, notification: HandleDownloadProgressInfoRequest) -> Result<(), String>;
}

/// A running notification server.
pub struct NotificationServer {
	addr: SocketAddr,
	shutdown: watch::Sender<bool>,
	task: JoinHandle<()>,
}

impl NotificationServer {
	/// Binds `listen` and serves until [`NotificationServer::shutdown`].
	pub async fn start(
		listen: SocketAddr,
		tls: Arc<ServerConfig>,
		sink: Arc<dyn NotificationSink>,
		metrics: Metrics,
	) -> std::io::Result<Self> {
		let listener = TcpListener::bind(listen).await?;
		let addr = listener.local_addr()?;
		let (shutdown, mut stop) = watch::channel(false);
		let acceptor = TlsAcceptor::from(tls);
		let task = tokio::spawn(async move {
			loop {
				let (tcp, peer) = tokio::select! {
					accepted = listener.accept() => match accepted {
						Ok(accepted) => accepted,
						Err(e) => {
							tracing::warn!(function = "handleDownloadProgressInfo", "accept failed: {e}");
							continue;
						},
					},
					_ = stop.changed() => break,
				};
				let (acceptor, sink, metrics) = (acceptor.clone(), sink.clone(), metrics.clone());
				tokio::spawn(serve_connection(tcp, peer, acceptor, sink, metrics));
			}
		});
		tracing::info!(%addr, "handleDownloadProgressInfo listening (mutual TLS)");
		Ok(Self { addr, shutdown, task })
	}

	/// Where it listens.
	pub fn local_addr(&self) -> SocketAddr {
		self.addr
	}

	/// `https://<address>`, the base URL an SM-DP+ is configured with.
	pub fn url(&self) -> String {
		format!("https://{}", self.addr)
	}

	/// Stops accepting connections.
	pub async fn shutdown(self) {
		let _ = self.shutdown.send(true);
		let _ = self.task.await;
	}
}

async fn serve_connection(
	tcp: tokio::net::TcpStream,
	peer: SocketAddr,
	acceptor: TlsAcceptor,
	sink: Arc<dyn NotificationSink>,
	metrics: Metrics,
) {
	let tls = match acceptor.accept(tcp).await {
		Ok(tls) => tls,
		Err(e) => {
			// Refused client certificates end here: worth a line, operators debug mTLS by it.
			tracing::info!(function = "handleDownloadProgressInfo", %peer, "TLS handshake refused: {}", error_chain(&e));
			return;
		},
	};
	let service = service_fn(move |request: hyper::Request<hyper::body::Incoming>| {
		let (sink, metrics) = (sink.clone(), metrics.clone());
		async move { Ok::<_, Infallible>(handle(request, sink.as_ref(), &metrics).await) }
	});
	if let Err(e) = hyper::server::conn::http1::Builder::new()
		.serve_connection(TokioIo::new(tls), service)
		.await
	{
		tracing::debug!(function = "handleDownloadProgressInfo", %peer, "connection ended: {e}");
	}
}

async fn handle(
	request: hyper::Request<hyper::body::Incoming>,
	sink: &dyn NotificationSink,
	metrics: &Metrics,
) -> Response {
	if request.uri().path() != path::HANDLE_DOWNLOAD_PROGRESS_INFO {
		return text(
			StatusCode::NOT_FOUND,
			&format!("no such ES2+ function here: {}", request.uri().path()),
		);
	}
	if request.method() != Method::POST {
		return text(StatusCode::METHOD_NOT_ALLOWED, "handleDownloadProgressInfo takes POST");
	}
	match request.headers().get(header::X_ADMIN_PROTOCOL).and_then(|v| v.to_str().ok()) {
		Some(v) if header::is_supported_admin_protocol(v) => {},
		other => tracing::debug!(
			function = "handleDownloadProgressInfo",
			"X-Admin-Protocol {other:?}: read anyway"
		),
	}
	let body = match Limited::new(request.into_body(), MAX_BODY).collect().await {
		Ok(body) => body.to_bytes(),
		Err(e) => {
			return text(StatusCode::PAYLOAD_TOO_LARGE, &format!("request body unreadable: {e}"))
		},
	};
	let notification: HandleDownloadProgressInfoRequest = match serde_json::from_slice(&body) {
		Ok(notification) => notification,
		Err(e) => {
			tracing::warn!(function = "handleDownloadProgressInfo", "unreadable notification: {e}");
			return text(StatusCode::BAD_REQUEST, &format!("request body: {e}"));
		},
	};
	metrics
		.notifications
		.with_label_values(&[&notification.notification_point_id.0.to_string()])
		.inc();
	match sink.notify(notification).await {
		Ok(()) => empty(StatusCode::NO_CONTENT),
		Err(reason) => {
			text(StatusCode::SERVICE_UNAVAILABLE, &format!("not acted on, send it again: {reason}"))
		},
	}
}

fn with_admin_protocol(mut response: Response) -> Response {
	response
		.headers_mut()
		.insert(header::X_ADMIN_PROTOCOL, HeaderValue::from_static(header::ADMIN_PROTOCOL));
	response
}

fn empty(status: StatusCode) -> Response {
	let mut response = Response::new(Full::new(Bytes::new()));
	*response.status_mut() = status;
	with_admin_protocol(response)
}

fn text(status: StatusCode, message: &str) -> Response {
	let mut response = Response::new(Full::new(Bytes::from(format!("{message}\n"))));
	*response.status_mut() = status;
	response
		.headers_mut()
		.insert(CONTENT_TYPE, HeaderValue::from_static("text/plain;charset=UTF-8"));
	with_admin_protocol(response)
}
