//! The SM-DP+'s books: profiles, the order on each, device sessions and injected faults.
//!
//! Pure transitions: the HTTP layer calls them under one lock, and sends the operator the
//! notifications they return once the lock is released. Every refusal is the SGP.22 status
//! code a real SM-DP+ would answer.

use ed25519_dalek::{Signature, VerifyingKey};
use gesim_esim_protocol::{
	es2plus::{
		confirmation_code_hash, FinalProfileStatus, FunctionExecutionStatus, NotificationPointId,
		StatusCode,
	},
	install_result::{FinalResult, NotificationEvent, ProfileInstallationResult},
	Eid, Iccid, MatchingId,
};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// Where a profile is in its life.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ProfileState {
	/// In the pool.
	Available,
	/// Reserved by `downloadOrder`.
	Allocated,
	/// Bound by `confirmOrder`, waiting for `releaseProfile`.
	Confirmed,
	/// Downloadable by the device holding the matching id.
	Released,
	/// The device fetched the bound profile package.
	Downloaded,
	/// The device reported the profile installed.
	Installed,
	/// The device reported the profile enabled.
	Enabled,
	/// The device reported the profile disabled.
	Disabled,
	/// The device reported the profile deleted.
	Deleted,
	/// Withdrawn by `cancelOrder` with `Unavailable`.
	Unavailable,
	/// Order blocked (confirmation-code retries exhausted) or installation failed; only
	/// `cancelOrder` moves it on.
	Error,
}

impl ProfileState {
	/// States in which an order can still expire.
	fn before_download(self) -> bool {
		matches!(self, Self::Allocated | Self::Confirmed | Self::Released)
	}

	/// States reached once the device has the profile.
	fn on_device(self) -> bool {
		matches!(
			self,
			Self::Downloaded | Self::Installed | Self::Enabled | Self::Disabled | Self::Deleted
		)
	}
}

/// A profile as listed in the inventory file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProfileSpec {
	/// Its ICCID.
	pub iccid: Iccid,
	/// Its profile type (what `downloadOrder` by type picks from).
	pub profile_type: String,
}

/// The order holding a profile.
#[derive(Clone, Debug)]
struct Order {
	/// `functionRequesterIdentifier` of the `downloadOrder`: only it may act on the order.
	owner: String,
	eid: Option<Eid>,
	matching_id: Option<MatchingId>,
	confirmation_code: Option<String>,
	confirmation_code_failures: u32,
	expires_at: u64,
	/// The eUICC's signing key, learnt at authentication, to check its later notifications.
	euicc_key: Option<[u8; 32]>,
	/// The session that downloaded the profile.
	transaction_id: Option<Vec<u8>>,
}

#[derive(Clone, Debug)]
struct Profile {
	iccid: Iccid,
	profile_type: String,
	state: ProfileState,
	order: Option<Order>,
}

/// A profile as `GET /sim/profiles` shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProfileView {
	/// ICCID digits.
	pub iccid: String,
	/// Profile type.
	pub profile_type: String,
	/// Life-cycle state.
	pub state: ProfileState,
	/// Who ordered it.
	pub owner: Option<String>,
	/// EID bound to the order.
	pub eid: Option<String>,
	/// Matching id of the order.
	pub matching_id: Option<String>,
	/// When the order expires (Unix seconds).
	pub expires_at: Option<u64>,
	/// Whether the order expired before the download.
	pub expired: bool,
	/// Wrong confirmation codes so far.
	pub confirmation_code_failures: u32,
}

/// A progress notification the operator is owed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
	/// Which step.
	pub point: NotificationPointId,
	/// The profile.
	pub iccid: Iccid,
	/// Its type.
	pub profile_type: String,
	/// The device, when known.
	pub eid: Option<Eid>,
	/// Outcome of the step.
	pub status: FunctionExecutionStatus,
	/// For installation: the eUICC-signed result, as received.
	pub result_data: Option<Vec<u8>>,
}

/// A device session (ES9+), from `initiateAuthentication` on.
#[derive(Clone, Debug, Default)]
struct Session {
	iccid: Option<Iccid>,
	euicc_key: Option<[u8; 32]>,
}

/// An injected failure for the next calls of one function.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Fault {
	/// Function name (`downloadOrder`, `authenticateClient`, …).
	pub function: String,
	/// How many of the next calls fail.
	pub count: u32,
	/// Answer with this HTTP status and no body (transport failure) instead of `Failed`.
	#[serde(default, skip_serializing_if = "Option::is_none")]
	pub http_status: Option<u16>,
	/// Subject code of the `Failed` answer.
	#[serde(default, skip_serializing_if = "Option::is_none")]
	pub subject_code: Option<String>,
	/// Reason code of the `Failed` answer.
	#[serde(default, skip_serializing_if = "Option::is_none")]
	pub reason_code: Option<String>,
	/// Message of the `Failed` answer (default: the code's readable message).
	#[serde(default, skip_serializing_if = "Option::is_none")]
	pub message: Option<String>,
}

/// What an injected fault makes a call answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FaultAnswer {
	/// HTTP status, no body.
	Http(u16),
	/// HTTP 200, `Failed` with this status.
	Failed(FunctionExecutionStatus),
}

/// Limits an order lives by.
#[derive(Clone, Copy, Debug)]
pub struct OrderRules {
	/// Seconds from `downloadOrder` until an undownloaded order expires.
	pub order_ttl_secs: u64,
	/// Wrong confirmation codes after which the order is blocked.
	pub max_confirmation_code_attempts: u32,
}

/// The SM-DP+'s state.
pub struct SmdpState {
	profiles: Vec<Profile>,
	index: HashMap<Iccid, usize>,
	sessions: HashMap<Vec<u8>, Session>,
	faults: HashMap<String, Fault>,
	rules: OrderRules,
}

/// Why an inventory cannot be loaded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("ICCID {0} is listed twice in the inventory")]
pub struct DuplicateIccid(pub Iccid);

type Outcome<T> = Result<T, StatusCode>;

impl SmdpState {
	/// Books holding `inventory`, every profile available.
	pub fn new(inventory: Vec<ProfileSpec>, rules: OrderRules) -> Result<Self, DuplicateIccid> {
		let mut index = HashMap::new();
		let mut profiles = Vec::with_capacity(inventory.len());
		for (i, spec) in inventory.into_iter().enumerate() {
			if index.insert(spec.iccid.clone(), i).is_some() {
				return Err(DuplicateIccid(spec.iccid));
			}
			profiles.push(Profile {
				iccid: spec.iccid,
				profile_type: spec.profile_type,
				state: ProfileState::Available,
				order: None,
			});
		}
		Ok(Self { profiles, index, sessions: HashMap::new(), faults: HashMap::new(), rules })
	}

	/// Every profile, in inventory order.
	pub fn profiles(&self, now: u64) -> Vec<ProfileView> {
		self.profiles
			.iter()
			.map(|p| {
				let order = p.order.as_ref();
				ProfileView {
					iccid: p.iccid.digits().to_owned(),
					profile_type: p.profile_type.clone(),
					state: p.state,
					owner: order.map(|o| o.owner.clone()),
					eid: order.and_then(|o| o.eid.as_ref()).map(ToString::to_string),
					matching_id: order
						.and_then(|o| o.matching_id.as_ref())
						.map(ToString::to_string),
					expires_at: order.map(|o| o.expires_at),
					expired: order
						.is_some_and(|o| p.state.before_download() && now >= o.expires_at),
					confirmation_code_failures: order.map_or(0, |o| o.confirmation_code_failures),
				}
			})
			.collect()
	}

	/// `downloadOrder`: reserves the named profile, or the first available one of the type.
	pub fn download_order(
		&mut self,
		now: u64,
		owner: &str,
		eid: Option<Eid>,
		iccid: Option<&Iccid>,
		profile_type: Option<&str>,
	) -> Outcome<Iccid> {
		let i = match (iccid, profile_type) {
			(Some(iccid), wanted_type) => {
				let i = *self.index.get(iccid).ok_or(StatusCode::ICCID_UNKNOWN)?;
				let profile = &self.profiles[i];
				if wanted_type.is_some_and(|t| t != profile.profile_type) {
					return Err(StatusCode::PROFILE_TYPE_MISMATCH);
				}
				// Reserved already, by this caller or another: a retry collides instead of
				// reserving a second profile.
				if profile.state != ProfileState::Available {
					return Err(StatusCode::ICCID_ALREADY_IN_USE);
				}
				i
			},
			(None, Some(wanted_type)) => {
				let mut of_type = self
					.profiles
					.iter()
					.enumerate()
					.filter(|(_, p)| p.profile_type == wanted_type)
					.peekable();
				if of_type.peek().is_none() {
					return Err(StatusCode::PROFILE_TYPE_UNKNOWN);
				}
				of_type
					.find(|(_, p)| p.state == ProfileState::Available)
					.map(|(i, _)| i)
					.ok_or(StatusCode::PROFILE_TYPE_UNAVAILABLE)?
			},
			(None, None) => return Err(StatusCode::PROFILE_TYPE_MISSING),
		};
		let profile = &mut self.profiles[i];
		profile.state = ProfileState::Allocated;
		profile.order = Some(Order {
			owner: owner.to_owned(),
			eid,
			matching_id: None,
			confirmation_code: None,
			confirmation_code_failures: 0,
			expires_at: now.saturating_add(self.rules.order_ttl_secs),
			euicc_key: None,
			transaction_id: None,
		});
		Ok(profile.iccid.clone())
	}

	/// `confirmOrder`: binds matching id, EID and confirmation code; releases with
	/// `release_flag`. An identical repeat (same matching id) succeeds again.
	#[allow(clippy::too_many_arguments)]
	pub fn confirm_order(
		&mut self,
		now: u64,
		owner: &str,
		iccid: &Iccid,
		eid: Option<Eid>,
		matching_id: Option<MatchingId>,
		confirmation_code: Option<String>,
		smds_address: Option<&str>,
		release_flag: bool,
		generated_matching_id: MatchingId,
	) -> Outcome<(MatchingId, Option<Eid>)> {
		let i = self.owned_order(now, owner, iccid)?;
		if let Some(wanted) = &matching_id {
			let taken_elsewhere = self.profiles.iter().enumerate().any(|(j, p)| {
				j != i && p.order.as_ref().is_some_and(|o| o.matching_id.as_ref() == Some(wanted))
			});
			if taken_elsewhere {
				return Err(StatusCode::MATCHING_ID_CONFLICT);
			}
		}
		let profile = &mut self.profiles[i];
		let order = profile.order.as_mut().expect("owned_order found an order; qed");
		if let (Some(wanted), Some(bound)) = (&eid, &order.eid) {
			if wanted != bound {
				return Err(StatusCode::ICCID_OTHER_EID_ASSOCIATED);
			}
		}
		if smds_address.is_some() && eid.is_none() && order.eid.is_none() {
			return Err(StatusCode::EID_REQUIRED);
		}
		match profile.state {
			ProfileState::Allocated => {
				let matching_id = matching_id.unwrap_or(generated_matching_id);
				order.matching_id = Some(matching_id.clone());
				order.eid = eid.or(order.eid.take());
				order.confirmation_code = confirmation_code;
				profile.state =
					if release_flag { ProfileState::Released } else { ProfileState::Confirmed };
				Ok((matching_id, order.eid.clone()))
			},
			ProfileState::Confirmed | ProfileState::Released => {
				// A repeat must name the matching id already bound; without it the caller
				// cannot show it is the same confirmation.
				if matching_id.is_none() || matching_id != order.matching_id {
					return Err(StatusCode::MATCHING_ID_OTHER_ASSOCIATED);
				}
				if release_flag {
					profile.state = ProfileState::Released;
				}
				Ok((matching_id.expect("checked above; qed"), order.eid.clone()))
			},
			_ => Err(StatusCode::ICCID_ALREADY_IN_USE),
		}
	}

	/// `releaseProfile`: makes a confirmed order downloadable (again: no-op).
	pub fn release_profile(&mut self, now: u64, owner: &str, iccid: &Iccid) -> Outcome<()> {
		let i = self.owned_order(now, owner, iccid)?;
		let profile = &mut self.profiles[i];
		match profile.state {
			ProfileState::Confirmed | ProfileState::Released => {
				profile.state = ProfileState::Released;
				Ok(())
			},
			_ => Err(StatusCode::ICCID_CANNOT_BE_RELEASED),
		}
	}

	/// `cancelOrder`: ends the order before download; the profile goes to `final_status`.
	/// Cancelling a profile without an order just sets its state (so a retry succeeds).
	pub fn cancel_order(
		&mut self,
		owner: &str,
		iccid: &Iccid,
		eid: Option<&Eid>,
		matching_id: Option<&MatchingId>,
		final_status: FinalProfileStatus,
	) -> Outcome<()> {
		let i = *self.index.get(iccid).ok_or(StatusCode::ICCID_UNKNOWN)?;
		let profile = &mut self.profiles[i];
		if let Some(order) = &profile.order {
			if order.owner != owner {
				return Err(StatusCode::ICCID_NOT_AUTHORISED);
			}
			if eid.is_some_and(|e| order.eid.as_ref().is_some_and(|bound| bound != e)) {
				return Err(StatusCode::EID_MISMATCH);
			}
			if matching_id
				.is_some_and(|m| order.matching_id.as_ref().is_some_and(|bound| bound != m))
			{
				return Err(StatusCode::MATCHING_ID_REFUSED);
			}
			if profile.state.on_device() {
				return Err(StatusCode::ICCID_ALREADY_IN_USE);
			}
		} else if !matches!(profile.state, ProfileState::Available | ProfileState::Unavailable) {
			return Err(StatusCode::ICCID_ALREADY_IN_USE);
		}
		profile.order = None;
		profile.state = match final_status {
			FinalProfileStatus::Available => ProfileState::Available,
			FinalProfileStatus::Unavailable => ProfileState::Unavailable,
		};
		self.sessions.retain(|_, s| s.iccid.as_ref() != Some(iccid));
		Ok(())
	}

	/// The index of a live order on `iccid` that `owner` placed.
	fn owned_order(&self, now: u64, owner: &str, iccid: &Iccid) -> Outcome<usize> {
		let i = *self.index.get(iccid).ok_or(StatusCode::ICCID_UNKNOWN)?;
		let profile = &self.profiles[i];
		let order = profile.order.as_ref().ok_or(StatusCode::ICCID_NOT_AUTHORISED)?;
		if order.owner != owner {
			return Err(StatusCode::ICCID_NOT_AUTHORISED);
		}
		Self::check_usable(profile.state, order, now)?;
		Ok(i)
	}

	fn check_usable(state: ProfileState, order: &Order, now: u64) -> Outcome<()> {
		if state == ProfileState::Error {
			return Err(StatusCode::CONFIRMATION_CODE_RETRIES_EXCEEDED);
		}
		if state.before_download() && now >= order.expires_at {
			return Err(StatusCode::ORDER_EXPIRED);
		}
		Ok(())
	}

	/// ES9+ `initiateAuthentication`: opens a device session.
	pub fn open_session(&mut self, transaction_id: Vec<u8>) {
		self.sessions.insert(transaction_id, Session::default());
	}

	/// ES9+ `authenticateClient`: ties the session to the released order of `matching_id`,
	/// checking EID binding and confirmation code.
	#[allow(clippy::too_many_arguments)]
	pub fn authenticate_client(
		&mut self,
		now: u64,
		transaction_id: &[u8],
		matching_id: &MatchingId,
		eid: &Eid,
		confirmation_code_hash_sent: Option<[u8; 32]>,
		euicc_key: [u8; 32],
		notices: &mut Vec<Notice>,
	) -> Outcome<Iccid> {
		if !self.sessions.contains_key(transaction_id) {
			return Err(StatusCode::TRANSACTION_UNKNOWN);
		}
		let i = self
			.profiles
			.iter()
			.position(|p| {
				p.order.as_ref().is_some_and(|o| o.matching_id.as_ref() == Some(matching_id))
			})
			.ok_or(StatusCode::MATCHING_ID_REFUSED)?;
		let max_attempts = self.rules.max_confirmation_code_attempts;
		let profile = &mut self.profiles[i];
		let order = profile.order.as_mut().expect("found by its order; qed");
		Self::check_usable(profile.state, order, now)?;
		match profile.state {
			ProfileState::Released => {},
			ProfileState::Allocated => return Err(StatusCode::MATCHING_ID_REFUSED),
			ProfileState::Confirmed => return Err(StatusCode::PROFILE_NOT_RELEASED),
			_ => return Err(StatusCode::BPP_NOT_AVAILABLE),
		}
		if order.eid.as_ref().is_some_and(|bound| bound != eid) {
			return Err(StatusCode::EID_MISMATCH);
		}
		if let Some(code) = &order.confirmation_code {
			let sent = confirmation_code_hash_sent.ok_or(StatusCode::CONFIRMATION_CODE_MISSING)?;
			if sent != confirmation_code_hash(code, transaction_id) {
				order.confirmation_code_failures += 1;
				let refusal = if order.confirmation_code_failures >= max_attempts {
					profile.state = ProfileState::Error;
					StatusCode::CONFIRMATION_CODE_RETRIES_EXCEEDED
				} else {
					StatusCode::CONFIRMATION_CODE_REFUSED
				};
				notices.push(Notice {
					point: NotificationPointId::CONFIRMATION_FAILURE,
					iccid: profile.iccid.clone(),
					profile_type: profile.profile_type.clone(),
					eid: Some(eid.clone()),
					status: FunctionExecutionStatus::failed(&refusal),
					result_data: None,
				});
				return Err(refusal);
			}
		}
		order.eid = Some(eid.clone());
		order.euicc_key = Some(euicc_key);
		let session = self.sessions.get_mut(transaction_id).expect("checked above; qed");
		session.iccid = Some(profile.iccid.clone());
		session.euicc_key = Some(euicc_key);
		notices.push(Notice {
			point: NotificationPointId::ELIGIBILITY_CHECK,
			iccid: profile.iccid.clone(),
			profile_type: profile.profile_type.clone(),
			eid: Some(eid.clone()),
			status: FunctionExecutionStatus::success(),
			result_data: None,
		});
		Ok(profile.iccid.clone())
	}

	/// ES9+ `getBoundProfilePackage`: hands the profile to the authenticated session.
	pub fn get_bound_profile_package(
		&mut self,
		now: u64,
		transaction_id: &[u8],
		notices: &mut Vec<Notice>,
	) -> Outcome<(Iccid, String)> {
		let session = self.sessions.get(transaction_id).ok_or(StatusCode::TRANSACTION_UNKNOWN)?;
		let iccid = session.iccid.clone().ok_or(StatusCode::TRANSACTION_UNKNOWN)?;
		let i = self.index[&iccid];
		let profile = &mut self.profiles[i];
		let order = profile.order.as_mut().ok_or(StatusCode::MATCHING_ID_REFUSED)?;
		Self::check_usable(profile.state, order, now)?;
		if profile.state != ProfileState::Released {
			return Err(StatusCode::BPP_NOT_AVAILABLE);
		}
		profile.state = ProfileState::Downloaded;
		order.transaction_id = Some(transaction_id.to_vec());
		notices.push(Notice {
			point: NotificationPointId::BPP_DOWNLOAD,
			iccid: iccid.clone(),
			profile_type: profile.profile_type.clone(),
			eid: order.eid.clone(),
			status: FunctionExecutionStatus::success(),
			result_data: None,
		});
		Ok((iccid, profile.profile_type.clone()))
	}

	/// ES9+ `handleNotification` with a ProfileInstallationResult: checks the eUICC's
	/// signature and records the installation. A repeat of an accepted result is accepted
	/// again without a second notification.
	pub fn install_result(
		&mut self,
		result: &ProfileInstallationResult,
		result_der: &[u8],
		notices: &mut Vec<Notice>,
	) -> Outcome<Iccid> {
		let transaction_id = &result.data.transaction_id;
		let session = self.sessions.get(transaction_id).ok_or(StatusCode::TRANSACTION_UNKNOWN)?;
		let iccid = session.iccid.clone().ok_or(StatusCode::TRANSACTION_UNKNOWN)?;
		let key = session.euicc_key.ok_or(StatusCode::TRANSACTION_UNKNOWN)?;
		verify(&key, &result.signed_der, &result.signature)?;
		let meta = &result.data.notification;
		if meta.operation != NotificationEvent::Install {
			return Err(StatusCode::EUICC_SIGNATURE_INVALID);
		}
		if meta.iccid.as_ref().is_some_and(|i| *i != iccid) {
			return Err(StatusCode::ICCID_UNKNOWN);
		}
		let i = self.index[&iccid];
		let profile = &mut self.profiles[i];
		let order = profile.order.as_ref().ok_or(StatusCode::MATCHING_ID_REFUSED)?;
		if order.transaction_id.as_deref() != Some(transaction_id.as_slice()) {
			return Err(StatusCode::TRANSACTION_UNKNOWN);
		}
		let success = matches!(result.data.final_result, FinalResult::Success { .. });
		match profile.state {
			ProfileState::Downloaded => {},
			ProfileState::Installed if success => return Ok(iccid),
			_ => return Err(StatusCode::BPP_NOT_AVAILABLE),
		}
		profile.state = if success { ProfileState::Installed } else { ProfileState::Error };
		notices.push(Notice {
			point: NotificationPointId::BPP_INSTALLATION,
			iccid: iccid.clone(),
			profile_type: profile.profile_type.clone(),
			eid: order.eid.clone(),
			status: if success {
				FunctionExecutionStatus::success()
			} else {
				FunctionExecutionStatus {
					status: gesim_esim_protocol::es2plus::ExecutionStatus::Failed,
					status_code_data: None,
				}
			},
			result_data: Some(result_der.to_vec()),
		});
		Ok(iccid)
	}

	/// ES9+ `handleNotification` of a later life-cycle event (enable, disable, delete) the
	/// eUICC signed; the key is the one that authenticated the download.
	pub fn profile_event(
		&mut self,
		iccid: &Iccid,
		event: NotificationEvent,
		signed: &[u8],
		signature: &[u8],
		notices: &mut Vec<Notice>,
	) -> Outcome<()> {
		let i = *self.index.get(iccid).ok_or(StatusCode::ICCID_UNKNOWN)?;
		let profile = &mut self.profiles[i];
		let order = profile.order.as_ref().ok_or(StatusCode::ICCID_UNKNOWN)?;
		let key = order.euicc_key.ok_or(StatusCode::ICCID_UNKNOWN)?;
		verify(&key, signed, signature)?;
		let on_device = matches!(
			profile.state,
			ProfileState::Installed | ProfileState::Enabled | ProfileState::Disabled
		);
		let (state, point) = match event {
			NotificationEvent::Enable => (ProfileState::Enabled, NotificationPointId::ENABLED),
			NotificationEvent::Disable => (ProfileState::Disabled, NotificationPointId::DISABLED),
			NotificationEvent::Delete => (ProfileState::Deleted, NotificationPointId::DELETED),
			NotificationEvent::Install => return Err(StatusCode::BPP_NOT_AVAILABLE),
		};
		if !on_device {
			return Err(StatusCode::ICCID_UNKNOWN);
		}
		profile.state = state;
		notices.push(Notice {
			point,
			iccid: iccid.clone(),
			profile_type: profile.profile_type.clone(),
			eid: order.eid.clone(),
			status: FunctionExecutionStatus::success(),
			result_data: None,
		});
		Ok(())
	}

	/// ES9+ `cancelSession`: forgets the session (the order stays as it is).
	pub fn cancel_session(&mut self, transaction_id: &[u8]) -> Outcome<()> {
		self.sessions
			.remove(transaction_id)
			.map(|_| ())
			.ok_or(StatusCode::TRANSACTION_UNKNOWN)
	}

	/// Arms a fault (replacing any on the same function).
	pub fn set_fault(&mut self, fault: Fault) {
		if fault.count == 0 {
			self.faults.remove(&fault.function);
		} else {
			self.faults.insert(fault.function.clone(), fault);
		}
	}

	/// Armed faults.
	pub fn faults(&self) -> Vec<Fault> {
		let mut all: Vec<Fault> = self.faults.values().cloned().collect();
		all.sort_by(|a, b| a.function.cmp(&b.function));
		all
	}

	/// Disarms every fault.
	pub fn clear_faults(&mut self) {
		self.faults.clear();
	}

	/// Consumes one use of the fault armed on `function`, if any.
	pub fn take_fault(&mut self, function: &str) -> Option<FaultAnswer> {
		let fault = self.faults.get_mut(function)?;
		fault.count -= 1;
		let answer = match fault.http_status {
			Some(status) => FaultAnswer::Http(status),
			None => {
				let code = StatusCode::new(
					fault.subject_code.clone().unwrap_or_default(),
					fault.reason_code.clone().unwrap_or_default(),
				);
				let mut status = FunctionExecutionStatus::failed(&code);
				if let (Some(data), Some(message)) = (&mut status.status_code_data, &fault.message)
				{
					data.message = Some(message.clone());
				}
				FaultAnswer::Failed(status)
			},
		};
		if fault.count == 0 {
			self.faults.remove(function);
		}
		Some(answer)
	}
}

fn verify(key: &[u8; 32], signed: &[u8], signature: &[u8]) -> Outcome<()> {
	let key = VerifyingKey::from_bytes(key).map_err(|_| StatusCode::EUICC_SIGNATURE_INVALID)?;
	let signature =
		Signature::from_slice(signature).map_err(|_| StatusCode::EUICC_SIGNATURE_INVALID)?;
	key.verify_strict(signed, &signature)
		.map_err(|_| StatusCode::EUICC_SIGNATURE_INVALID)
}

#[cfg(test)]
mod tests {
	use super::*;

	const OWNER: &str = "gesim-operator";
	const T0: u64 = 1_700_000_000;

	fn iccid(n: u32) -> Iccid {
		Iccid::parse(&format!("89445001021983{n:05}")).unwrap()
	}

	fn books() -> SmdpState {
		let inventory = (1..=3)
			.map(|n| ProfileSpec { iccid: iccid(n), profile_type: "data-1".into() })
			.chain([ProfileSpec { iccid: iccid(9), profile_type: "data-2".into() }])
			.collect();
		SmdpState::new(
			inventory,
			OrderRules { order_ttl_secs: 600, max_confirmation_code_attempts: 3 },
		)
		.unwrap()
	}

	fn mid(s: &str) -> MatchingId {
		MatchingId::parse(s).unwrap()
	}

	#[test]
	fn duplicate_iccids_are_refused() {
		let spec = ProfileSpec { iccid: iccid(1), profile_type: "t".into() };
		let rules = OrderRules { order_ttl_secs: 1, max_confirmation_code_attempts: 1 };
		assert!(matches!(SmdpState::new(vec![spec.clone(), spec], rules), Err(DuplicateIccid(_))));
	}

	#[test]
	fn download_order_by_type_takes_the_first_available_then_runs_out() {
		let mut s = books();
		for n in 1..=3 {
			assert_eq!(s.download_order(T0, OWNER, None, None, Some("data-1")), Ok(iccid(n)));
		}
		assert_eq!(
			s.download_order(T0, OWNER, None, None, Some("data-1")),
			Err(StatusCode::PROFILE_TYPE_UNAVAILABLE)
		);
		assert_eq!(
			s.download_order(T0, OWNER, None, None, Some("nope")),
			Err(StatusCode::PROFILE_TYPE_UNKNOWN)
		);
		assert_eq!(
			s.download_order(T0, OWNER, None, None, None),
			Err(StatusCode::PROFILE_TYPE_MISSING)
		);
	}

	#[test]
	fn confirm_order_repeat_needs_the_same_matching_id() {
		let mut s = books();
		s.download_order(T0, OWNER, None, Some(&iccid(1)), None).unwrap();
		let confirm = |s: &mut SmdpState, m: Option<&str>, release| {
			s.confirm_order(T0, OWNER, &iccid(1), None, m.map(mid), None, None, release, mid("GEN"))
		};
		assert_eq!(confirm(&mut s, Some("A-1"), false).unwrap().0, mid("A-1"));
		assert_eq!(confirm(&mut s, Some("A-1"), true).unwrap().0, mid("A-1"));
		assert_eq!(s.profiles(T0)[0].state, ProfileState::Released);
		assert_eq!(confirm(&mut s, None, true), Err(StatusCode::MATCHING_ID_OTHER_ASSOCIATED));
		assert_eq!(
			confirm(&mut s, Some("B-2"), true),
			Err(StatusCode::MATCHING_ID_OTHER_ASSOCIATED)
		);
	}

	#[test]
	fn another_owner_may_not_touch_the_order() {
		let mut s = books();
		s.download_order(T0, OWNER, None, Some(&iccid(1)), None).unwrap();
		assert_eq!(
			s.release_profile(T0, "intruder", &iccid(1)),
			Err(StatusCode::ICCID_NOT_AUTHORISED)
		);
		assert_eq!(
			s.cancel_order("intruder", &iccid(1), None, None, FinalProfileStatus::Available),
			Err(StatusCode::ICCID_NOT_AUTHORISED)
		);
	}

	#[test]
	fn faults_count_down_and_disarm() {
		let mut s = books();
		s.set_fault(Fault {
			function: "downloadOrder".into(),
			count: 2,
			http_status: None,
			subject_code: Some("8.2.5".into()),
			reason_code: Some("3.7".into()),
			message: None,
		});
		for _ in 0..2 {
			let Some(FaultAnswer::Failed(status)) = s.take_fault("downloadOrder") else { panic!() };
			assert_eq!(status.code(), Some(StatusCode::PROFILE_TYPE_UNAVAILABLE));
		}
		assert_eq!(s.take_fault("downloadOrder"), None);
		assert!(s.faults().is_empty());
	}
}
