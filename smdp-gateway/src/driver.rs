//! The order driver: for each order of the operator, what to ask the SM-DP+ and which receipt
//! to post, decided from the order's state on chain and nothing else.
//!
//! - `Requested` → the order's EID, if it is bound to one: the opening the device sealed to the
//!   receipt key, checked against the commitment the subscriber's identity holds (refused with
//!   8.1.1/3.8 if it does not open or match) → take an ICCID from the inventory (recorded before
//!   anything else) → `downloadOrder` of that ICCID (and EID) → receipt `Accepted` (salted ICCID
//!   commitment, SM-DP+ address) → then as `Accepted`.
//! - `Accepted` → `confirmOrder` (release flag, derived matching id, the EID, confirmation code if
//!   configured) → `LPA:1$<address>$<matching id>` sealed to the order's device key, bound to the
//!   chain and the order → receipt `CodeReleased`.
//! - A refusal by the SM-DP+ → receipt `Failed` with its status code; the ICCID goes back to the
//!   pool (with `cancelOrder` if the SM-DP+ had reserved it), or is retired if the refusal was
//!   about that ICCID.
//! - `Failed` or `Cancelled` on chain while the order holds a profile → `cancelOrder` and the ICCID
//!   freed. `Installed` and later → the profile is settled for good.
//! - Notifications from the SM-DP+ → `Downloaded`, `Installed` (hash of the eUICC-signed result),
//!   `Failed`, `Enabled`, `Deleted`.
//!
//! Every path is safe to run again: receipts go through one submit path that re-reads the
//! order (finalised, then best block) and sends nothing for a step the order has reached, nor
//! for one already sent and not yet final.

use crate::{
	chain::{At, Chain, ChainError, OrderView, ProvisioningEvent},
	es2::{Es2Client, Es2Error, Executed, NotificationSink},
	inventory::{Inventory, InventoryError},
	keys::ReceiptKey,
	metrics::Metrics,
};
use gesim_esim_protocol::{
	eid_opening::OpeningContext,
	es2plus::{
		FinalProfileStatus, HandleDownloadProgressInfoRequest, NotificationPointId, StatusCode,
		StatusCodeData,
	},
	sealed::{self, iccid_commitment, ActivationEnvelope},
	ActivationCode, Eid, Iccid,
};
use gesim_primitives::OrderId;
use gesim_runtime::RuntimeEvent;
use pallet_esim_provisioning::{GsmaStatus, OrderStatus, Receipt, SealedCode, SmdpAddress};
use sp_core::H256;
use std::{
	collections::{BTreeMap, BTreeSet, HashMap},
	sync::{Arc, Mutex},
	time::{Duration, Instant},
};

/// Reported when the SM-DP+ refuses without a usable status code: profile, execution error.
pub const REFUSED_WITHOUT_CODE: (&str, &str) = ("8.2", "4.2");
/// Reported when an installation fails without a usable status code: eUICC, execution error.
pub const INSTALL_FAILED_WITHOUT_CODE: (&str, &str) = ("8.1", "4.2");
/// Reported when the order's device key cannot be sealed to (a low-order point): eUICC,
/// invalid. The subscriber may then retry with another key, or take the refund.
pub const DEVICE_KEY_UNUSABLE: (&str, &str) = ("8.1", "2.1");

/// How the driver serves orders.
#[derive(Clone, Debug)]
pub struct DriverSettings {
	/// The SM-DP+ address devices download from: in activation codes and `Accepted` receipts.
	pub smdp_address: String,
	/// Profile type ordered for every order.
	pub profile_type: String,
	/// Whether orders get a confirmation code (sealed with the activation code).
	pub confirmation_code: bool,
	/// How long a submitted receipt is taken to be on its way before its step is tried again.
	pub receipt_timeout: Duration,
	/// First wait before an order whose step failed is tried again; doubled up to
	/// `max_retry_delay`.
	pub retry_delay: Duration,
	/// Longest wait between two tries of an order.
	pub max_retry_delay: Duration,
}

/// Why a step could not be taken now. Every one of them leaves the order to be tried again.
#[derive(Debug, thiserror::Error)]
pub enum DriverError {
	/// The chain could not be read or written.
	#[error(transparent)]
	Chain(#[from] ChainError),
	/// The SM-DP+ gave no usable answer.
	#[error(transparent)]
	Es2(#[from] Es2Error),
	/// The inventory could not be written.
	#[error(transparent)]
	Inventory(#[from] InventoryError),
	/// The order was accepted on chain, but no inventory profile is recorded for it or matches
	/// its ICCID commitment (the inventory was replaced by one without it).
	#[error("order {order}: accepted on chain, but no profile of the inventory is recorded for it or matches its ICCID commitment")]
	ProfileUnknown {
		/// The order.
		order: OrderId,
	},
	/// The configured SM-DP+ address does not fit an activation code or a receipt.
	#[error("order {order}: SM-DP+ address `{address}` is unusable: {reason}")]
	SmdpAddress {
		/// The order.
		order: OrderId,
		/// The address.
		address: String,
		/// Why.
		reason: String,
	},
}

/// The receipt kinds, as steps of an order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Step {
	/// `Receipt::Accepted`.
	Accepted,
	/// `Receipt::CodeReleased`.
	CodeReleased,
	/// `Receipt::Downloaded`.
	Downloaded,
	/// `Receipt::Installed`.
	Installed,
	/// `Receipt::Enabled`.
	Enabled,
	/// `Receipt::Deleted`.
	Deleted,
	/// `Receipt::Failed`.
	Failed,
}

impl Step {
	/// The step a receipt reports.
	pub fn of(receipt: &Receipt) -> Self {
		match receipt {
			Receipt::Accepted { .. } => Self::Accepted,
			Receipt::CodeReleased { .. } => Self::CodeReleased,
			Receipt::Downloaded => Self::Downloaded,
			Receipt::Installed { .. } => Self::Installed,
			Receipt::Enabled => Self::Enabled,
			Receipt::Deleted => Self::Deleted,
			Receipt::Failed { .. } => Self::Failed,
		}
	}

	/// Name in logs and metrics.
	pub fn name(self) -> &'static str {
		match self {
			Self::Accepted => "accepted",
			Self::CodeReleased => "code_released",
			Self::Downloaded => "downloaded",
			Self::Installed => "installed",
			Self::Enabled => "enabled",
			Self::Deleted => "deleted",
			Self::Failed => "failed",
		}
	}

	/// Whether an order at `status` has nothing to gain from this receipt: it reached the step,
	/// went past it, or is closed.
	pub fn reached(self, status: &OrderStatus) -> bool {
		let rank = |status: &OrderStatus| match status {
			OrderStatus::Requested => 0,
			OrderStatus::Accepted => 1,
			OrderStatus::CodeReleased => 2,
			OrderStatus::Downloaded => 3,
			OrderStatus::Installed => 4,
			OrderStatus::Enabled => 5,
			OrderStatus::Deleted => 6,
			OrderStatus::Failed(_) | OrderStatus::Cancelled(_) => u8::MAX,
		};
		match self {
			Self::Accepted => rank(status) >= 1,
			Self::CodeReleased => rank(status) >= 2,
			Self::Downloaded => rank(status) >= 3,
			Self::Installed => rank(status) >= 4,
			Self::Enabled => rank(status) >= 5,
			Self::Deleted => rank(status) >= 6,
			Self::Failed => !status.is_open(),
		}
	}
}

/// What became of a receipt handed to the submit path.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Submitted {
	/// Sent; the node took the transaction with this hash.
	Sent(H256),
	/// Not sent: the order reached the step already, is closed, or is gone.
	Moot,
	/// Not sent: the same receipt was sent a moment ago and is on its way.
	OnItsWay,
}

/// Where the profile of a failed order is.
enum Held {
	/// Nowhere: no profile was taken.
	Nothing,
	/// Recorded in the inventory only (the SM-DP+ never reserved it): back to the pool.
	Locally,
	/// Recorded in the inventory, and the SM-DP+ refused that ICCID itself: never again.
	Retire(String),
	/// Reserved at the SM-DP+: `cancelOrder`, then back to the pool.
	AtSmdp,
}

#[derive(Default)]
struct DriverState {
	/// The operator's open orders, as last seen.
	open: BTreeMap<OrderId, OrderStatus>,
	/// Receipts sent and not yet seen final, with when they were sent.
	on_their_way: HashMap<(OrderId, Step), Instant>,
	/// Orders whose last try failed: when to try again, and failures in a row.
	retry: HashMap<OrderId, (Instant, u32)>,
}

/// Drives the operator's orders. Share it in an `Arc`: the follower and the notification
/// server both use it.
pub struct Driver<C: Chain> {
	chain: Arc<C>,
	es2: Es2Client,
	inventory: Arc<Inventory>,
	key: ReceiptKey,
	settings: DriverSettings,
	metrics: Metrics,
	state: Mutex<DriverState>,
}

impl<C: Chain> Driver<C> {
	/// A driver with nothing in memory: everything it needs is on chain and in the inventory.
	pub fn new(
		chain: Arc<C>,
		es2: Es2Client,
		inventory: Arc<Inventory>,
		key: ReceiptKey,
		settings: DriverSettings,
		metrics: Metrics,
	) -> Self {
		let driver = Self {
			chain,
			es2,
			inventory,
			key,
			settings,
			metrics,
			state: Mutex::new(DriverState::default()),
		};
		driver.count_profiles();
		driver
	}

	/// The inventory.
	pub fn inventory(&self) -> &Inventory {
		&self.inventory
	}

	/// The open orders last seen, with their state.
	pub fn open_orders(&self) -> Vec<(OrderId, OrderStatus)> {
		self.state().open.iter().map(|(id, status)| (*id, status.clone())).collect()
	}

	fn state(&self) -> std::sync::MutexGuard<'_, DriverState> {
		self.state.lock().expect("no panics while the driver state is locked; qed")
	}

	fn genesis(&self) -> H256 {
		self.chain.genesis_hash()
	}

	/// Rebuilds the work list from the chain: every open order (all pages) is driven, and every
	/// profile held by an order that is no longer open is reconciled (given back if the order
	/// was cancelled or failed, settled if it reached the device).
	pub async fn resync(&self) -> Result<(), DriverError> {
		let open = self.chain.open_orders().await?;
		let ids: BTreeSet<OrderId> = open.iter().map(|view| view.id).collect();
		let left: BTreeSet<OrderId> = {
			let mut state = self.state();
			let left = state.open.keys().filter(|id| !ids.contains(id)).copied().collect();
			state.open.retain(|id, _| ids.contains(id));
			left
		};
		self.count_orders();
		for view in &open {
			if !self.is_due(view.id, &view.order.status) {
				self.observe(view.id, &view.order.status);
			} else if let Err(e) = self.drive_view(view).await {
				tracing::warn!(order = view.id, "{e}; will try again");
			}
		}
		let held: BTreeSet<OrderId> = self.inventory.unsettled_orders().into_iter().collect();
		for id in held.union(&left).filter(|id| !ids.contains(id)) {
			if let Err(e) = self.drive(*id).await {
				tracing::warn!(order = id, "{e}; will try again");
			}
		}
		Ok(())
	}

	/// Acts on an event of a finalised block.
	pub async fn on_event(&self, event: &RuntimeEvent) {
		let RuntimeEvent::EsimProvisioning(event) = event else { return };
		use ProvisioningEvent as E;
		let order = match event {
			E::ProfileRequested { order, telco, .. } => {
				(telco == self.chain.telco()).then_some(*order)
			},
			E::OrderAccepted { order, .. }
			| E::ActivationCodeReleased { order }
			| E::ProfileDownloaded { order }
			| E::ProfileInstalled { order, .. }
			| E::ProfileEnabled { order }
			| E::ProfileDeleted { order }
			| E::OrderFailed { order, .. }
			| E::OrderCancelled { order, .. } => self.concerns(*order).then_some(*order),
			_ => None,
		};
		if let Some(order) = order {
			if let Err(e) = self.drive(order).await {
				tracing::warn!(order, "{e}; will try again");
			}
		}
	}

	/// Whether `order` is one of the operator's that the driver knows of.
	fn concerns(&self, order: OrderId) -> bool {
		self.state().open.contains_key(&order) || self.inventory.held_by(order).is_some()
	}

	/// Tries again the orders waiting for the operator whose last try failed, or whose receipt
	/// never became final.
	pub async fn tick(&self) {
		let open: Vec<(OrderId, OrderStatus)> =
			self.state().open.iter().map(|(id, status)| (*id, status.clone())).collect();
		for (id, status) in open {
			if self.is_due(id, &status) {
				if let Err(e) = self.drive(id).await {
					tracing::warn!(order = id, "{e}; will try again");
				}
			}
		}
	}

	/// Whether an order at `status` has a step for the gateway to take now: not waiting out a
	/// failure, and the receipts of its next steps not on their way already.
	fn is_due(&self, id: OrderId, status: &OrderStatus) -> bool {
		let timeout = self.settings.receipt_timeout;
		let state = self.state();
		if state.retry.get(&id).is_some_and(|(at, _)| Instant::now() < *at) {
			return false;
		}
		let on_its_way =
			|step| state.on_their_way.get(&(id, step)).is_some_and(|sent| sent.elapsed() < timeout);
		match status {
			_ if on_its_way(Step::Failed) => false,
			OrderStatus::Requested => {
				!(on_its_way(Step::Accepted) && on_its_way(Step::CodeReleased))
			},
			OrderStatus::Accepted => !on_its_way(Step::CodeReleased),
			_ => false,
		}
	}

	/// Reads order `id` (finalised) and takes the step it calls for.
	pub async fn drive(&self, id: OrderId) -> Result<(), DriverError> {
		match self.chain.order(id, At::Finalized).await? {
			Some(view) => self.drive_view(&view).await,
			None => {
				// Pruned with its closed entitlement: whatever it ended as, nothing is owed.
				self.forget(id);
				if self.inventory.held_by(id).is_some_and(|held| !held.settled) {
					tracing::info!(
						order = id,
						"order no longer on chain: its profile stays recorded"
					);
					self.inventory.settle(id)?;
				}
				Ok(())
			},
		}
	}

	async fn drive_view(&self, view: &OrderView) -> Result<(), DriverError> {
		let id = view.id;
		if view.order.telco != *self.chain.telco() {
			return Ok(());
		}
		self.observe(id, &view.order.status);
		let outcome = match &view.order.status {
			OrderStatus::Requested | OrderStatus::Accepted => self.serve(view).await,
			OrderStatus::Failed(_) | OrderStatus::Cancelled(_) => self.give_back(id).await,
			OrderStatus::Installed | OrderStatus::Enabled | OrderStatus::Deleted => {
				if self.inventory.held_by(id).is_some_and(|held| !held.settled) {
					self.inventory.settle(id)?;
				}
				Ok(())
			},
			OrderStatus::CodeReleased | OrderStatus::Downloaded => Ok(()),
		};
		let mut state = self.state();
		match &outcome {
			Ok(()) => {
				state.retry.remove(&id);
			},
			Err(_) => {
				let failures = state.retry.get(&id).map_or(0, |(_, n)| *n) + 1;
				let delay = self
					.settings
					.retry_delay
					.saturating_mul(1 << (failures - 1).min(16))
					.min(self.settings.max_retry_delay);
				state.retry.insert(id, (Instant::now() + delay, failures));
			},
		}
		outcome
	}

	/// Records `status` as the order's latest: open set, receipts now final, metrics.
	fn observe(&self, id: OrderId, status: &OrderStatus) {
		{
			let mut state = self.state();
			if status.is_open() {
				state.open.insert(id, status.clone());
			} else {
				state.open.remove(&id);
			}
			state
				.on_their_way
				.retain(|(order, step), _| *order != id || !step.reached(status));
		}
		self.count_orders();
	}

	fn forget(&self, id: OrderId) {
		let mut state = self.state();
		state.open.remove(&id);
		state.on_their_way.retain(|(order, _), _| *order != id);
		state.retry.remove(&id);
		drop(state);
		self.count_orders();
	}

	/// `Requested` or `Accepted`: the next ES2+ steps and their receipts.
	async fn serve(&self, view: &OrderView) -> Result<(), DriverError> {
		let id = view.id;
		if self.on_its_way(id, Step::Failed) {
			return Ok(());
		}
		if view.order.status == OrderStatus::Requested && !self.on_its_way(id, Step::Accepted) {
			if !self.accept(view).await? {
				return Ok(());
			}
		}
		if self.on_its_way(id, Step::CodeReleased) {
			return Ok(());
		}
		self.release(view).await
	}

	/// Takes an ICCID and reserves it at the SM-DP+; true if the order goes on.
	async fn accept(&self, view: &OrderView) -> Result<bool, DriverError> {
		let id = view.id;
		let Ok(eid) = self.bound_eid(view) else {
			self.fail(id, Some(&StatusCode::EID_MISMATCH.to_data()), Held::Nothing).await?;
			return Ok(false);
		};
		let profile_type = &self.settings.profile_type;
		let Some(iccid) = self.inventory.take(id, profile_type)? else {
			tracing::error!(
				order = id,
				profile_type,
				"no free profile of this type in the inventory: failing the order"
			);
			self.fail(id, Some(&StatusCode::PROFILE_TYPE_UNAVAILABLE.to_data()), Held::Nothing)
				.await?;
			return Ok(false);
		};
		self.count_profiles();
		match self.es2.download_order(id, &iccid, eid).await {
			Ok(Executed::Done(answer)) => {
				if answer.iccid.as_ref().is_some_and(|theirs| *theirs != iccid) {
					tracing::warn!(order = id, function = "downloadOrder", %iccid, "the SM-DP+ answered another ICCID: {:?}", answer.iccid);
				}
			},
			Ok(Executed::AlreadyDone) => {},
			Err(Es2Error::Refused { status, .. }) => {
				let data = status.status_code_data.as_ref();
				let about_this_iccid = data.is_some_and(|d| d.subject_code == "8.2.1")
					|| status.code() == Some(StatusCode::PROFILE_TYPE_MISMATCH);
				let held = if about_this_iccid {
					Held::Retire(format!("downloadOrder: {status}"))
				} else {
					Held::Locally
				};
				self.fail(id, data, held).await?;
				return Ok(false);
			},
			Err(e) => return Err(e.into()),
		}
		let salt = self.key.iccid_salt(&self.genesis(), id);
		let receipt = Receipt::Accepted {
			iccid_commitment: iccid_commitment(&iccid, &salt),
			smdp_address: self.smdp_address(id)?,
		};
		self.submit(id, receipt).await?;
		Ok(true)
	}

	/// Confirms and releases the order at the SM-DP+ and posts its sealed activation code.
	async fn release(&self, view: &OrderView) -> Result<(), DriverError> {
		let id = view.id;
		let Ok(eid) = self.bound_eid(view) else {
			self.fail(id, Some(&StatusCode::EID_MISMATCH.to_data()), Held::AtSmdp).await?;
			return Ok(());
		};
		let genesis = self.genesis();
		let iccid = self.profile_of(view)?;
		let matching_id = self.key.matching_id(&genesis, id);
		let confirmation_code = self
			.settings
			.confirmation_code
			.then(|| self.key.confirmation_code(&genesis, id));
		match self
			.es2
			.confirm_order(id, &iccid, &matching_id, eid, confirmation_code.clone())
			.await
		{
			Ok(Executed::Done(answer)) => {
				if answer.matching_id.as_ref().is_some_and(|theirs| *theirs != matching_id) {
					tracing::warn!(
						order = id,
						function = "confirmOrder",
						"the SM-DP+ bound another matching id: {:?}",
						answer.matching_id
					);
				}
			},
			Ok(Executed::AlreadyDone) => {},
			Err(Es2Error::Refused { status, .. }) => {
				self.fail(id, status.status_code_data.as_ref(), Held::AtSmdp).await?;
				return Ok(());
			},
			Err(e) => return Err(e.into()),
		}
		let address = &self.settings.smdp_address;
		let code = ActivationCode::new(
			address.clone(),
			matching_id.as_str(),
			None,
			confirmation_code.is_some(),
		)
		.map_err(|e| DriverError::SmdpAddress {
			order: id,
			address: address.clone(),
			reason: e.to_string(),
		})?;
		let envelope = ActivationEnvelope::new(
			&code,
			&iccid,
			self.key.iccid_salt(&genesis, id),
			confirmation_code,
		);
		let sealed = match sealed::seal(
			&view.order.device_key,
			genesis.as_fixed_bytes(),
			id,
			&envelope,
			&mut rand::rngs::OsRng,
		) {
			Ok(sealed) => sealed,
			Err(e) => {
				tracing::error!(
					order = id,
					"cannot seal the activation code to the order's device key: {e}"
				);
				let (subject, reason) = DEVICE_KEY_UNUSABLE;
				self.fail(id, Some(&StatusCode::new(subject, reason).to_data()), Held::AtSmdp)
					.await?;
				return Ok(());
			},
		};
		let sealed_code =
			SealedCode::try_from(sealed).map_err(|sealed| DriverError::SmdpAddress {
				order: id,
				address: address.clone(),
				reason: format!(
					"the sealed activation code is {} bytes, more than the chain stores",
					sealed.len()
				),
			})?;
		self.submit(id, Receipt::CodeReleased { sealed_code }).await?;
		Ok(())
	}

	/// The EID `view` is bound to, if any: its opening, sealed to the receipt key, opened and
	/// checked against the commitment the subscriber's identity holds (the chain checked that it
	/// holds it). `Err` (logged) if the opening does not open or does not match: the order
	/// cannot be bound to the EID the subscriber proved, so it is not served unbound either.
	fn bound_eid(&self, view: &OrderView) -> Result<Option<Eid>, ()> {
		let Some(binding) = &view.order.eid else { return Ok(None) };
		let genesis = self.genesis();
		let context = OpeningContext {
			genesis_hash: genesis.as_fixed_bytes(),
			entitlement: view.order.entitlement,
			commitment: &binding.commitment,
		};
		let checked = self
			.key
			.open_eid(context, &binding.sealed_opening)
			.map_err(|e| e.to_string())
			.and_then(|opening| {
				match gesim_zk::eid::eid_commitment_bytes(opening.eid.as_str(), &opening.salt) {
					Ok(commitment) if commitment == binding.commitment => Ok(opening.eid),
					Ok(_) => Err("the EID and salt do not open the commitment".into()),
					Err(e) => Err(e.to_string()),
				}
			});
		checked.map(Some).map_err(|reason| {
			tracing::warn!(
				order = view.id,
				"the order's EID opening is unusable ({reason}): failing the order"
			);
		})
	}

	/// The ICCID `view` holds: as recorded, or found again through its commitment on chain
	/// (the salt is derived, so a replaced inventory can be matched against it).
	fn profile_of(&self, view: &OrderView) -> Result<Iccid, DriverError> {
		let id = view.id;
		if let Some(held) = self.inventory.held_by(id).filter(|held| held.retired.is_none()) {
			return Ok(held.iccid);
		}
		let commitment =
			view.order.iccid_commitment.ok_or(DriverError::ProfileUnknown { order: id })?;
		let salt = self.key.iccid_salt(&self.genesis(), id);
		let found = self
			.inventory
			.snapshot()
			.into_iter()
			.find(|entry| entry.is_free() && iccid_commitment(&entry.iccid, &salt) == commitment)
			.ok_or(DriverError::ProfileUnknown { order: id })?;
		tracing::warn!(order = id, iccid = %found.iccid, "profile found again by its commitment: recording it");
		self.inventory.claim(id, &found.iccid)?;
		Ok(found.iccid)
	}

	fn smdp_address(&self, order: OrderId) -> Result<SmdpAddress, DriverError> {
		let address = &self.settings.smdp_address;
		SmdpAddress::try_from(address.as_bytes().to_vec()).map_err(|_| DriverError::SmdpAddress {
			order,
			address: address.clone(),
			reason: "longer than 255 bytes".into(),
		})
	}

	/// Reports the order failed with `code`, then lets go of its profile.
	async fn fail(
		&self,
		id: OrderId,
		code: Option<&StatusCodeData>,
		held: Held,
	) -> Result<(), DriverError> {
		let status = gsma_status(code, REFUSED_WITHOUT_CODE);
		self.submit(id, Receipt::Failed { status }).await?;
		match held {
			Held::Nothing => {},
			Held::Locally => self.inventory.release(id)?,
			Held::Retire(reason) => self.inventory.retire(id, &reason)?,
			Held::AtSmdp => self.give_back(id).await?,
		}
		self.count_profiles();
		Ok(())
	}

	/// Gives the profile of a closed order back: `cancelOrder` (profile `Available`), then free
	/// in the inventory; if the SM-DP+ will not take it back, it is retired instead.
	async fn give_back(&self, id: OrderId) -> Result<(), DriverError> {
		let Some(held) = self.inventory.held_by(id) else { return Ok(()) };
		if held.retired.is_some() || held.settled {
			return Ok(());
		}
		let iccid = held.iccid;
		match self.es2.cancel_order(id, &iccid, FinalProfileStatus::Available).await {
			Ok(_) => {
				tracing::info!(order = id, function = "cancelOrder", %iccid, "profile back in the pool");
				self.inventory.release(id)?;
			},
			Err(Es2Error::Refused { status, .. }) => {
				tracing::warn!(order = id, function = "cancelOrder", %iccid, "the SM-DP+ keeps the profile ({status}): retired");
				self.inventory.retire(id, &format!("cancelOrder: {status}"))?;
			},
			Err(e) => return Err(e.into()),
		}
		self.count_profiles();
		Ok(())
	}

	fn on_its_way(&self, id: OrderId, step: Step) -> bool {
		let timeout = self.settings.receipt_timeout;
		self.state()
			.on_their_way
			.get(&(id, step))
			.is_some_and(|sent| sent.elapsed() < timeout)
	}

	/// The one way receipts reach the chain. Sends nothing if the same receipt is on its way,
	/// or if the order (finalised, or already in the best block) reached that step.
	pub async fn submit(&self, id: OrderId, receipt: Receipt) -> Result<Submitted, DriverError> {
		let step = Step::of(&receipt);
		{
			let mut state = self.state();
			let timeout = self.settings.receipt_timeout;
			if state.on_their_way.get(&(id, step)).is_some_and(|sent| sent.elapsed() < timeout) {
				tracing::debug!(
					order = id,
					receipt = step.name(),
					"receipt on its way already: not sent again"
				);
				return Ok(Submitted::OnItsWay);
			}
			// Taken before the chain is read, so that two callers never both send it.
			state.on_their_way.insert((id, step), Instant::now());
		}
		let outcome = self.submit_unless_reached(id, step, receipt).await;
		if !matches!(outcome, Ok(Submitted::Sent(_))) {
			self.state().on_their_way.remove(&(id, step));
		}
		outcome
	}

	async fn submit_unless_reached(
		&self,
		id: OrderId,
		step: Step,
		receipt: Receipt,
	) -> Result<Submitted, DriverError> {
		for at in [At::Finalized, At::Best] {
			match self.chain.order(id, at).await? {
				None => {
					tracing::warn!(
						order = id,
						receipt = step.name(),
						"order not on chain: receipt not sent"
					);
					return Ok(Submitted::Moot);
				},
				Some(view) if step.reached(&view.order.status) => {
					tracing::info!(order = id, receipt = step.name(), status = ?view.order.status, "order is there already: receipt not sent");
					return Ok(Submitted::Moot);
				},
				Some(_) => {},
			}
		}
		let signature = self.key.sign_receipt(&self.genesis(), id, &receipt);
		let tx = self.chain.submit_receipt(id, receipt, self.key.public(), signature).await?;
		self.metrics.receipts.with_label_values(&[step.name()]).inc();
		tracing::info!(order = id, receipt = step.name(), tx = ?tx, "receipt submitted");
		Ok(Submitted::Sent(tx))
	}

	/// Turns a `handleDownloadProgressInfo` into the receipt it reports.
	pub async fn on_notification(
		&self,
		notification: &HandleDownloadProgressInfoRequest,
	) -> Result<(), DriverError> {
		const FUNCTION: &str = "handleDownloadProgressInfo";
		let point = notification.notification_point_id;
		let status = &notification.notification_point_status;
		let iccid = &notification.iccid;
		let Some(order) = self.inventory.order_of(iccid) else {
			tracing::warn!(function = FUNCTION, %iccid, %point, "the ICCID is not taken by any order: ignored");
			return Ok(());
		};
		let executed = status.is_executed();
		let receipt = match point {
			NotificationPointId::BPP_DOWNLOAD if executed => Receipt::Downloaded,
			NotificationPointId::BPP_INSTALLATION if executed => {
				let result =
					notification.result_data.as_ref().map_or(&[][..], |data| data.as_bytes());
				if result.is_empty() {
					tracing::warn!(order, function = FUNCTION, %point, "installation reported without resultData: hashing nothing");
				}
				Receipt::Installed { result_hash: blake2_256(result) }
			},
			NotificationPointId::BPP_INSTALLATION => Receipt::Failed {
				status: gsma_status(status.status_code_data.as_ref(), INSTALL_FAILED_WITHOUT_CODE),
			},
			// Wrong confirmation codes until the SM-DP+ blocked the order: it cannot be served.
			NotificationPointId::CONFIRMATION_FAILURE
				if status.code() == Some(StatusCode::CONFIRMATION_CODE_RETRIES_EXCEEDED) =>
			{
				Receipt::Failed {
					status: gsma_status(status.status_code_data.as_ref(), REFUSED_WITHOUT_CODE),
				}
			},
			NotificationPointId::DELETED if executed => Receipt::Deleted,
			NotificationPointId::ENABLED if executed => Receipt::Enabled,
			_ => {
				tracing::info!(order, function = FUNCTION, %point, "{status}: nothing to report on chain");
				return Ok(());
			},
		};
		tracing::info!(order, function = FUNCTION, %point, "{status}");
		let installed = matches!(receipt, Receipt::Installed { .. });
		self.submit(order, receipt).await?;
		if installed {
			self.inventory.settle(order)?;
		}
		Ok(())
	}

	fn count_orders(&self) {
		let mut counts = [0u64; 4];
		for status in self.state().open.values() {
			match status {
				OrderStatus::Requested => counts[0] += 1,
				OrderStatus::Accepted => counts[1] += 1,
				OrderStatus::CodeReleased => counts[2] += 1,
				OrderStatus::Downloaded => counts[3] += 1,
				_ => {},
			}
		}
		for (state, count) in
			["requested", "accepted", "code_released", "downloaded"].into_iter().zip(counts)
		{
			self.metrics.orders.with_label_values(&[state]).set(count);
		}
	}

	fn count_profiles(&self) {
		let counts = self.inventory.counts();
		for (state, count) in
			[("free", counts.free), ("taken", counts.taken), ("retired", counts.retired)]
		{
			self.metrics.profiles.with_label_values(&[state]).set(count as u64);
		}
	}
}

/// BLAKE2b-256, as the chain hashes.
pub fn blake2_256(bytes: &[u8]) -> [u8; 32] {
	use blake2::{digest::consts::U32, Blake2b, Digest};
	Blake2b::<U32>::digest(bytes).into()
}

/// A status code the chain accepts: `code` if it is dotted decimal numbers that fit, else
/// `fallback`.
pub fn gsma_status(code: Option<&StatusCodeData>, fallback: (&str, &str)) -> GsmaStatus {
	let build = |subject: &str, reason: &str| {
		let status = GsmaStatus {
			subject: subject.as_bytes().to_vec().try_into().ok()?,
			reason: reason.as_bytes().to_vec().try_into().ok()?,
		};
		status.is_well_formed().then_some(status)
	};
	code.and_then(|c| build(&c.subject_code, &c.reason_code))
		.or_else(|| build(fallback.0, fallback.1))
		.expect("the fallback codes are well formed; qed")
}

#[async_trait::async_trait]
impl<C: Chain> NotificationSink for Driver<C> {
	async fn notify(&self, notification: HandleDownloadProgressInfoRequest) -> Result<(), String> {
		self.on_notification(&notification).await.map_err(|e| {
			tracing::warn!(function = "handleDownloadProgressInfo", iccid = %notification.iccid, "not acted on: {e}");
			e.to_string()
		})
	}
}
