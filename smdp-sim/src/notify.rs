//! Progress notifications to the operator: `handleDownloadProgressInfo` over mutual TLS,
//! one at a time in the order they arose, retried with backoff a bounded number of times.

use crate::{
	clock::Clock,
	http::{ClientError, HttpsClient},
	state::Notice,
};
use gesim_esim_protocol::es2plus::{
	path, HandleDownloadProgressInfoRequest, RequestHeader, ResultData, Timestamp,
};
use serde::Serialize;
use std::{
	sync::{Arc, Mutex},
	time::Duration,
};
use tokio::{sync::mpsc, task::JoinHandle};

/// Longest wait between two attempts.
const MAX_BACKOFF: Duration = Duration::from_secs(30);

/// How notifications reach the operator.
#[derive(Clone)]
pub struct NotifierSettings {
	/// Client towards the operator's base URL (its CA, the SM-DP+'s client certificate);
	/// `None` when no operator is configured (notifications are logged and dropped).
	pub client: Option<HttpsClient>,
	/// `functionRequesterIdentifier` of the SM-DP+.
	pub smdp_id: String,
	/// Send `notificationPointId` as a decimal string instead of an integer.
	pub point_id_as_string: bool,
	/// Attempts per notification.
	pub attempts: u32,
	/// Wait after the first failed attempt; doubles each time.
	pub backoff: Duration,
}

/// What became of one notification (`GET /sim/notifications`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NotificationRecord {
	/// `functionCallIdentifier` it was sent with.
	pub function_call_identifier: String,
	/// Notification point.
	pub notification_point_id: u32,
	/// ICCID digits.
	pub iccid: String,
	/// Whether the operator answered 204.
	pub delivered: bool,
	/// Attempts made so far.
	pub attempts: u32,
	/// Why the last attempt failed.
	pub last_error: Option<String>,
}

/// Handle to the delivery task.
#[derive(Clone)]
pub struct Notifier {
	queue: mpsc::UnboundedSender<(usize, HandleDownloadProgressInfoRequest)>,
	records: Arc<Mutex<Vec<NotificationRecord>>>,
	settings: Arc<NotifierSettings>,
	clock: Arc<dyn Clock>,
}

impl Notifier {
	/// Starts the delivery task.
	pub fn start(settings: NotifierSettings, clock: Arc<dyn Clock>) -> (Self, JoinHandle<()>) {
		let (queue, mut pending) =
			mpsc::unbounded_channel::<(usize, HandleDownloadProgressInfoRequest)>();
		let records = Arc::new(Mutex::new(Vec::new()));
		let settings = Arc::new(settings);
		let task = {
			let (records, settings) = (records.clone(), settings.clone());
			tokio::spawn(async move {
				while let Some((slot, request)) = pending.recv().await {
					deliver(&settings, &records, slot, request).await;
				}
			})
		};
		(Self { queue, records, settings, clock }, task)
	}

	/// Queues notifications for delivery, in order.
	pub fn send(&self, notices: Vec<Notice>) {
		for notice in notices {
			let mut records = self.records.lock().expect("no panics while holding the lock; qed");
			let slot = records.len();
			let call_id = format!("{}-notification-{}", self.settings.smdp_id, slot + 1);
			records.push(NotificationRecord {
				function_call_identifier: call_id.clone(),
				notification_point_id: notice.point.0,
				iccid: notice.iccid.digits().to_owned(),
				delivered: false,
				attempts: 0,
				last_error: None,
			});
			drop(records);
			let request = HandleDownloadProgressInfoRequest {
				header: RequestHeader {
					function_requester_identifier: self.settings.smdp_id.clone(),
					function_call_identifier: call_id,
				},
				eid: notice.eid,
				iccid: notice.iccid,
				profile_type: notice.profile_type,
				timestamp: Timestamp::from_unix_seconds(self.clock.now() as i64),
				notification_point_id: notice.point,
				notification_point_status: notice.status,
				result_data: notice.result_data.map(ResultData),
			};
			// The receiver lives as long as the runtime; a send error means shutdown.
			let _ = self.queue.send((slot, request));
		}
	}

	/// Every notification so far, oldest first.
	pub fn records(&self) -> Vec<NotificationRecord> {
		self.records.lock().expect("no panics while holding the lock; qed").clone()
	}
}

async fn deliver(
	settings: &NotifierSettings,
	records: &Mutex<Vec<NotificationRecord>>,
	slot: usize,
	request: HandleDownloadProgressInfoRequest,
) {
	let record = |update: &dyn Fn(&mut NotificationRecord)| {
		update(&mut records.lock().expect("no panics while holding the lock; qed")[slot]);
	};
	let point = request.notification_point_id;
	let iccid = request.iccid.clone();
	let Some(client) = &settings.client else {
		tracing::info!(function = "handleDownloadProgressInfo", %iccid, %point, "not sent: no operator URL configured");
		record(&|r| r.last_error = Some("no operator URL configured".into()));
		return;
	};
	let mut body = serde_json::to_value(&request).expect("request types always serialize; qed");
	if settings.point_id_as_string {
		body["notificationPointId"] = serde_json::Value::String(point.0.to_string());
	}
	let mut backoff = settings.backoff;
	for attempt in 1..=settings.attempts.max(1) {
		let outcome = client.post_json(path::HANDLE_DOWNLOAD_PROGRESS_INFO, &body).await;
		let error = match outcome {
			Ok(reply) if reply.status == http::StatusCode::NO_CONTENT => None,
			Ok(reply) => Some(format!(
				"operator answered HTTP {} (expected 204): {}",
				reply.status,
				String::from_utf8_lossy(&reply.body).trim()
			)),
			Err(ClientError::Transport { reason, .. }) => Some(reason),
			Err(e @ ClientError::Timeout { .. }) => Some(e.to_string()),
		};
		record(&|r| {
			r.attempts = attempt;
			r.delivered = error.is_none();
			r.last_error = error.clone();
		});
		match error {
			None => {
				tracing::info!(function = "handleDownloadProgressInfo", %iccid, %point, attempt, "delivered");
				return;
			},
			Some(e) if attempt < settings.attempts => {
				tracing::warn!(function = "handleDownloadProgressInfo", %iccid, %point, attempt, "failed, retrying in {backoff:?}: {e}");
				tokio::time::sleep(backoff).await;
				backoff = (backoff * 2).min(MAX_BACKOFF);
			},
			Some(e) => {
				tracing::error!(function = "handleDownloadProgressInfo", %iccid, %point, attempt, "given up: {e}");
			},
		}
	}
}
