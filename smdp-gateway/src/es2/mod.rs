//! ES2+ both ways, over HTTPS with mutual TLS: the [`client`] the gateway calls the SM-DP+
//! with, and the [`server`] taking the SM-DP+'s `handleDownloadProgressInfo`.

pub mod client;
pub mod server;
pub mod tls;

pub use client::{Es2Client, Es2Error, Executed, RetryPolicy};
pub use server::{NotificationServer, NotificationSink};
pub use tls::TlsError;
