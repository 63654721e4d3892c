//! Prometheus metrics, served at `/metrics` on `--metrics-listen`.

use substrate_prometheus_endpoint::{
	exponential_buckets, register, CounterVec, Gauge, GaugeVec, HistogramOpts, HistogramVec, Opts,
	PrometheusError, Registry, U64,
};

/// The gateway's metrics. Cloning shares them.
#[derive(Clone)]
pub struct Metrics {
	/// `gesim_gateway_orders{state}`: the operator's open orders by state.
	pub orders: GaugeVec<U64>,
	/// `gesim_gateway_es2_calls_total{function, outcome}`: ES2+ exchanges by outcome
	/// (`success`, `warning`, `failed`, `already_done`, `expired`, `http_error`,
	/// `transport_error`, `bad_response`).
	pub es2_calls: CounterVec<U64>,
	/// `gesim_gateway_es2_latency_seconds{function}`: time of one ES2+ exchange.
	pub es2_latency: HistogramVec,
	/// `gesim_gateway_receipts_submitted_total{receipt}`: receipts sent to the node.
	pub receipts: CounterVec<U64>,
	/// `gesim_gateway_notifications_total{point}`: `handleDownloadProgressInfo` received.
	pub notifications: CounterVec<U64>,
	/// `gesim_gateway_profiles{state}`: inventory profiles `free`, `taken` or `retired`.
	pub profiles: GaugeVec<U64>,
	/// `gesim_gateway_finalized_block`: the last finalised block processed.
	pub finalized_block: Gauge<U64>,
}

impl Metrics {
	/// Registers the metrics with `registry`.
	pub fn register(registry: &Registry) -> Result<Self, PrometheusError> {
		Ok(Self {
			orders: register(
				GaugeVec::new(
					Opts::new("gesim_gateway_orders", "Open orders of the operator, by state"),
					&["state"],
				)?,
				registry,
			)?,
			es2_calls: register(
				CounterVec::new(
					Opts::new(
						"gesim_gateway_es2_calls_total",
						"ES2+ exchanges with the SM-DP+, by function and outcome",
					),
					&["function", "outcome"],
				)?,
				registry,
			)?,
			es2_latency: register(
				HistogramVec::new(
					HistogramOpts::new(
						"gesim_gateway_es2_latency_seconds",
						"Duration of one ES2+ exchange",
					)
					.buckets(exponential_buckets(0.005, 2.0, 12)?),
					&["function"],
				)?,
				registry,
			)?,
			receipts: register(
				CounterVec::new(
					Opts::new(
						"gesim_gateway_receipts_submitted_total",
						"Receipts submitted to the node, by kind",
					),
					&["receipt"],
				)?,
				registry,
			)?,
			notifications: register(
				CounterVec::new(
					Opts::new(
						"gesim_gateway_notifications_total",
						"handleDownloadProgressInfo calls received, by point",
					),
					&["point"],
				)?,
				registry,
			)?,
			profiles: register(
				GaugeVec::new(
					Opts::new("gesim_gateway_profiles", "Inventory profiles, by state"),
					&["state"],
				)?,
				registry,
			)?,
			finalized_block: register(
				Gauge::new("gesim_gateway_finalized_block", "Last finalised block processed")?,
				registry,
			)?,
		})
	}

	/// Metrics nobody scrapes (tests, `--metrics-listen` unset).
	pub fn unregistered() -> Self {
		Self::register(&Registry::new()).expect("the metric definitions are valid; qed")
	}
}
