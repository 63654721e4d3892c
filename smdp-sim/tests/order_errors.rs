//! Every refusal the simulator gives, with the SGP.22 status code a real SM-DP+ would answer.

mod common;

use common::*;
use gesim_esim_protocol::es2plus::{
	path, CancelOrderRequest, ConfirmOrderRequest, Disposition, Es2Function, FinalProfileStatus,
	HeaderOnlyResponse, ReleaseProfileRequest, RequestHeader, StatusCode,
};
use gesim_smdp_sim::state::ProfileState;

fn step_failed_with(
	result: Result<impl std::fmt::Debug, gesim_smdp_sim::euicc::StepError>,
	step: &str,
	code: &StatusCode,
) {
	let err = result.expect_err("the device step should fail");
	assert_eq!(err.step, step, "{err}");
	let want = format!("Failed {}/{}", code.subject, code.reason);
	assert!(err.reason.starts_with(&want), "wanted {want}, got {err}");
}

#[tokio::test]
async fn download_order_of_an_unknown_iccid() {
	let h = Harness::start(1).await;
	let resp = h.download_order(Some(&iccid(99)), None, None).await;
	assert_eq!(failure(&resp.header.function_execution_status), StatusCode::ICCID_UNKNOWN);
	assert_eq!(resp.iccid, None);
}

#[tokio::test]
async fn repeated_download_order_of_the_same_iccid_collides_and_allocates_one_profile() {
	let h = Harness::start(3).await;
	let first = h.download_order(Some(&iccid(2)), None, None).await;
	assert_eq!(first.iccid, Some(iccid(2)));
	let retry = h.download_order(Some(&iccid(2)), None, None).await;
	let status = &retry.header.function_execution_status;
	assert_eq!(failure(status), StatusCode::ICCID_ALREADY_IN_USE);
	assert_eq!(status.disposition(Es2Function::DownloadOrder), Some(Disposition::AlreadyDone));
	let taken: Vec<_> = h
		.profiles()
		.await
		.into_iter()
		.filter(|p| p.state != ProfileState::Available)
		.collect();
	assert_eq!(taken.len(), 1, "{taken:?}");
	assert_eq!(taken[0].iccid, iccid(2).digits());
	assert_eq!(taken[0].state, ProfileState::Allocated);
	assert_eq!(taken[0].owner.as_deref(), Some(OPERATOR));
}

#[tokio::test]
async fn download_order_by_profile_type_until_none_is_left() {
	let h = Harness::start(2).await;
	assert_eq!(h.download_order(None, Some(PROFILE_TYPE), None).await.iccid, Some(iccid(1)));
	assert_eq!(h.download_order(None, Some(PROFILE_TYPE), None).await.iccid, Some(iccid(2)));
	let none_left = h.download_order(None, Some(PROFILE_TYPE), None).await;
	assert_eq!(
		failure(&none_left.header.function_execution_status),
		StatusCode::PROFILE_TYPE_UNAVAILABLE
	);
	assert_eq!(
		none_left
			.header
			.function_execution_status
			.disposition(Es2Function::DownloadOrder),
		Some(Disposition::Fail)
	);
	let unknown = h.download_order(None, Some("gesim-voice-9"), None).await;
	assert_eq!(
		failure(&unknown.header.function_execution_status),
		StatusCode::PROFILE_TYPE_UNKNOWN
	);
	let neither = h.download_order(None, None, None).await;
	assert_eq!(
		failure(&neither.header.function_execution_status),
		StatusCode::PROFILE_TYPE_MISSING
	);
	let mismatch = h.download_order(Some(&iccid(1)), Some("gesim-voice-9"), None).await;
	assert_eq!(
		failure(&mismatch.header.function_execution_status),
		StatusCode::PROFILE_TYPE_MISMATCH
	);
}

#[tokio::test]
async fn confirm_order_generates_a_matching_id_when_none_is_given() {
	let h = Harness::start(1).await;
	h.download_order(Some(&iccid(1)), None, None).await;
	let resp = h.confirm_order(confirm(&iccid(1), None, Some(&eid(EID)), None, true)).await;
	assert!(resp.header.function_execution_status.is_executed());
	let matching_id = resp.matching_id.unwrap();
	assert!(matching_id.as_str().len() >= 8);
	assert_eq!(resp.eid, Some(eid(EID)));
	assert_eq!(resp.smdp_address.as_deref(), Some(h.sim.smdp_address.as_str()));
	assert_eq!(h.profile(&iccid(1)).await.matching_id.as_deref(), Some(matching_id.as_str()));
}

#[tokio::test]
async fn confirm_order_repeated_identically_succeeds_again() {
	let h = Harness::start(1).await;
	h.download_order(Some(&iccid(1)), None, None).await;
	for release in [false, true, true] {
		let resp = h.confirm_order(confirm(&iccid(1), Some("SAME-1"), None, None, release)).await;
		assert!(
			resp.header.function_execution_status.is_executed(),
			"{}",
			resp.header.function_execution_status
		);
		assert_eq!(resp.matching_id, Some(mid("SAME-1")));
	}
	assert_eq!(h.profile(&iccid(1)).await.state, ProfileState::Released);
}

#[tokio::test]
async fn confirm_order_for_another_eid_than_ordered() {
	let h = Harness::start(1).await;
	h.download_order(Some(&iccid(1)), None, Some(&eid(EID))).await;
	let resp = h
		.confirm_order(confirm(&iccid(1), Some("M-1"), Some(&eid(OTHER_EID)), None, true))
		.await;
	assert_eq!(
		failure(&resp.header.function_execution_status),
		StatusCode::ICCID_OTHER_EID_ASSOCIATED
	);
	assert_eq!(resp.matching_id, None);
	assert_eq!(h.profile(&iccid(1)).await.state, ProfileState::Allocated);
}

#[tokio::test]
async fn confirm_order_with_another_matching_id_than_associated() {
	let h = Harness::start(1).await;
	h.download_order(Some(&iccid(1)), None, None).await;
	h.confirm_order(confirm(&iccid(1), Some("FIRST"), None, None, false)).await;
	let resp = h.confirm_order(confirm(&iccid(1), Some("SECOND"), None, None, true)).await;
	assert_eq!(
		failure(&resp.header.function_execution_status),
		StatusCode::MATCHING_ID_OTHER_ASSOCIATED
	);
	let without = h.confirm_order(confirm(&iccid(1), None, None, None, true)).await;
	assert_eq!(
		failure(&without.header.function_execution_status),
		StatusCode::MATCHING_ID_OTHER_ASSOCIATED
	);
	assert_eq!(h.profile(&iccid(1)).await.state, ProfileState::Confirmed);
}

#[tokio::test]
async fn confirm_order_with_the_matching_id_of_another_order() {
	let h = Harness::start(2).await;
	h.ordered(&iccid(1), "TAKEN", None, None).await;
	h.download_order(Some(&iccid(2)), None, None).await;
	let resp = h.confirm_order(confirm(&iccid(2), Some("TAKEN"), None, None, true)).await;
	assert_eq!(failure(&resp.header.function_execution_status), StatusCode::MATCHING_ID_CONFLICT);
}

#[tokio::test]
async fn confirm_order_with_an_smds_address_needs_an_eid() {
	let h = Harness::start(1).await;
	h.download_order(Some(&iccid(1)), None, None).await;
	let mut request = confirm(&iccid(1), Some("M-2"), None, None, true);
	request.smds_address = Some("smds.example.com".into());
	let resp = h.confirm_order(request).await;
	assert_eq!(failure(&resp.header.function_execution_status), StatusCode::EID_REQUIRED);
}

#[tokio::test]
async fn only_the_ordering_operator_may_act_on_the_order() {
	let h = Harness::start(1).await;
	h.download_order(Some(&iccid(1)), None, None).await;
	let intruder = RequestHeader {
		function_requester_identifier: "other-operator".into(),
		function_call_identifier: "x".into(),
	};
	let resp = h
		.confirm_order(ConfirmOrderRequest {
			header: intruder.clone(),
			..confirm(&iccid(1), Some("M-3"), None, None, true)
		})
		.await;
	assert_eq!(failure(&resp.header.function_execution_status), StatusCode::ICCID_NOT_AUTHORISED);
	let released: HeaderOnlyResponse = h
		.call(path::RELEASE_PROFILE, &ReleaseProfileRequest { header: intruder, iccid: iccid(1) })
		.await;
	assert_eq!(
		failure(&released.header.function_execution_status),
		StatusCode::ICCID_NOT_AUTHORISED
	);
}

#[tokio::test]
async fn an_unreleased_order_is_not_downloadable_until_release_profile() {
	let h = Harness::start(1).await;
	h.download_order(Some(&iccid(1)), None, None).await;
	let early = h.release_profile(&iccid(1)).await;
	assert_eq!(
		failure(&early.header.function_execution_status),
		StatusCode::ICCID_CANNOT_BE_RELEASED
	);
	let confirmed = h.confirm_order(confirm(&iccid(1), Some("HOLD-1"), None, None, false)).await;
	let code = gesim_esim_protocol::ActivationCode::new(
		confirmed.smdp_address.unwrap(),
		"HOLD-1",
		None,
		false,
	)
	.unwrap();
	step_failed_with(
		h.device(&code, &eid(EID), None).await,
		"es9p_authenticate_client",
		&StatusCode::PROFILE_NOT_RELEASED,
	);
	assert!(h
		.release_profile(&iccid(1))
		.await
		.header
		.function_execution_status
		.is_executed());
	assert!(
		h.release_profile(&iccid(1))
			.await
			.header
			.function_execution_status
			.is_executed(),
		"again: no-op"
	);
	assert_eq!(h.device(&code, &eid(EID), None).await.unwrap().iccid, iccid(1));
}

#[tokio::test]
async fn a_device_with_another_eid_than_the_order_is_refused() {
	let h = Harness::start(1).await;
	let code = h.ordered(&iccid(1), "EID-BOUND", Some(&eid(EID)), None).await;
	step_failed_with(
		h.device(&code, &eid(OTHER_EID), None).await,
		"es9p_authenticate_client",
		&StatusCode::EID_MISMATCH,
	);
	assert_eq!(h.profile(&iccid(1)).await.state, ProfileState::Released);
	assert_eq!(h.device(&code, &eid(EID), None).await.unwrap().iccid, iccid(1));
}

#[tokio::test]
async fn a_missing_confirmation_code_is_refused_without_counting() {
	let h = Harness::start_with(1, Some(0), |c| c.max_cc_attempts = 1).await;
	let code = h.ordered(&iccid(1), "CC-1", None, Some("4711")).await;
	assert!(code.confirmation_code_required);
	for _ in 0..3 {
		step_failed_with(
			h.device(&code, &eid(EID), None).await,
			"es9p_authenticate_client",
			&StatusCode::CONFIRMATION_CODE_MISSING,
		);
	}
	assert_eq!(h.profile(&iccid(1)).await.confirmation_code_failures, 0);
	assert_eq!(h.device(&code, &eid(EID), Some("4711")).await.unwrap().iccid, iccid(1));
}

#[tokio::test]
async fn wrong_confirmation_codes_are_refused_then_block_the_order() {
	let mut h = Harness::start(1).await;
	let code = h.ordered(&iccid(1), "CC-2", None, Some("4711")).await;
	let step = "es9p_authenticate_client";
	step_failed_with(
		h.device(&code, &eid(EID), Some("1111")).await,
		step,
		&StatusCode::CONFIRMATION_CODE_REFUSED,
	);
	step_failed_with(
		h.device(&code, &eid(EID), Some("2222")).await,
		step,
		&StatusCode::CONFIRMATION_CODE_REFUSED,
	);
	step_failed_with(
		h.device(&code, &eid(EID), Some("3333")).await,
		step,
		&StatusCode::CONFIRMATION_CODE_RETRIES_EXCEEDED,
	);
	// Blocked: even the right code, and the operator's own calls, meet 6.4.
	step_failed_with(
		h.device(&code, &eid(EID), Some("4711")).await,
		step,
		&StatusCode::CONFIRMATION_CODE_RETRIES_EXCEEDED,
	);
	let view = h.profile(&iccid(1)).await;
	assert_eq!((view.state, view.confirmation_code_failures), (ProfileState::Error, 3));
	let release = h.release_profile(&iccid(1)).await;
	assert_eq!(
		failure(&release.header.function_execution_status),
		StatusCode::CONFIRMATION_CODE_RETRIES_EXCEEDED
	);

	// The operator heard of each refusal (point 2, Failed).
	let mut refusals = Vec::new();
	for _ in 0..3 {
		let n = h.operator().next().await;
		assert_eq!(n.point(), 2);
		assert_eq!(n.body["notificationPointStatus"]["status"], "Failed");
		refusals.push(
			n.body["notificationPointStatus"]["statusCodeData"]["reasonCode"]
				.as_str()
				.unwrap()
				.to_owned(),
		);
	}
	assert_eq!(refusals, ["3.8", "3.8", "6.4"]);

	// cancelOrder is the way out.
	assert!(h
		.cancel_order(&iccid(1), FinalProfileStatus::Available)
		.await
		.header
		.function_execution_status
		.is_executed());
	assert_eq!(h.profile(&iccid(1)).await.state, ProfileState::Available);
}

#[tokio::test]
async fn an_expired_order_is_refused_everywhere_until_cancelled() {
	let h = Harness::start_with(1, Some(0), |c| c.order_ttl_secs = 600).await;
	let code = h.ordered(&iccid(1), "TTL-1", None, None).await;
	h.clock.advance(599);
	assert!(!h.profile(&iccid(1)).await.expired);
	h.clock.advance(1);
	assert!(h.profile(&iccid(1)).await.expired);
	step_failed_with(
		h.device(&code, &eid(EID), None).await,
		"es9p_authenticate_client",
		&StatusCode::ORDER_EXPIRED,
	);
	let confirm_again = h.confirm_order(confirm(&iccid(1), Some("TTL-1"), None, None, true)).await;
	let status = &confirm_again.header.function_execution_status;
	assert_eq!(failure(status), StatusCode::ORDER_EXPIRED);
	assert_eq!(status.disposition(Es2Function::ConfirmOrder), Some(Disposition::Fail));
	assert_eq!(
		failure(&h.release_profile(&iccid(1)).await.header.function_execution_status),
		StatusCode::ORDER_EXPIRED
	);
	// Still reserved: a new order collides until the old one is cancelled.
	let collide = h.download_order(Some(&iccid(1)), None, None).await;
	assert_eq!(
		failure(&collide.header.function_execution_status),
		StatusCode::ICCID_ALREADY_IN_USE
	);
	assert!(h
		.cancel_order(&iccid(1), FinalProfileStatus::Available)
		.await
		.header
		.function_execution_status
		.is_executed());
	assert_eq!(h.download_order(Some(&iccid(1)), None, None).await.iccid, Some(iccid(1)));
}

#[tokio::test]
async fn cancel_order_puts_the_profile_where_asked() {
	let h = Harness::start(2).await;
	h.ordered(&iccid(1), "C-1", None, None).await;
	assert!(h
		.cancel_order(&iccid(1), FinalProfileStatus::Unavailable)
		.await
		.header
		.function_execution_status
		.is_executed());
	assert_eq!(h.profile(&iccid(1)).await.state, ProfileState::Unavailable);
	assert_eq!(h.profile(&iccid(1)).await.matching_id, None);
	// Unavailable profiles are not handed out by type; repeating the cancel is harmless.
	assert_eq!(h.download_order(None, Some(PROFILE_TYPE), None).await.iccid, Some(iccid(2)));
	assert!(h
		.cancel_order(&iccid(1), FinalProfileStatus::Unavailable)
		.await
		.header
		.function_execution_status
		.is_executed());
	let taken = h.download_order(Some(&iccid(1)), None, None).await;
	assert_eq!(failure(&taken.header.function_execution_status), StatusCode::ICCID_ALREADY_IN_USE);
}

#[tokio::test]
async fn cancel_order_checks_eid_and_matching_id_and_refuses_after_download() {
	let h = Harness::start(1).await;
	let code = h.ordered(&iccid(1), "C-2", Some(&eid(EID)), None).await;
	let cancel = |eid_given: Option<&str>, mid_given: Option<&str>| CancelOrderRequest {
		header: header_for("cancel"),
		iccid: iccid(1),
		eid: eid_given.map(eid),
		matching_id: mid_given.map(mid),
		final_profile_status_indicator: FinalProfileStatus::Available,
	};
	let resp: HeaderOnlyResponse = h.call(path::CANCEL_ORDER, &cancel(Some(OTHER_EID), None)).await;
	assert_eq!(failure(&resp.header.function_execution_status), StatusCode::EID_MISMATCH);
	let resp: HeaderOnlyResponse = h.call(path::CANCEL_ORDER, &cancel(None, Some("C-9"))).await;
	assert_eq!(failure(&resp.header.function_execution_status), StatusCode::MATCHING_ID_REFUSED);
	h.device(&code, &eid(EID), None).await.unwrap();
	let resp: HeaderOnlyResponse =
		h.call(path::CANCEL_ORDER, &cancel(Some(EID), Some("C-2"))).await;
	assert_eq!(failure(&resp.header.function_execution_status), StatusCode::ICCID_ALREADY_IN_USE);
	let resp = h.cancel_order(&iccid(99), FinalProfileStatus::Available).await;
	assert_eq!(failure(&resp.header.function_execution_status), StatusCode::ICCID_UNKNOWN);
}

#[tokio::test]
async fn device_side_refusals() {
	let h = Harness::start(1).await;
	let code = h.ordered(&iccid(1), "D-1", None, None).await;
	let mut unknown = code.clone();
	unknown.matching_id = "NO-SUCH-ORDER".into();
	step_failed_with(
		h.device(&unknown, &eid(EID), None).await,
		"es9p_authenticate_client",
		&StatusCode::MATCHING_ID_REFUSED,
	);
	let mut elsewhere = code.clone();
	elsewhere.smdp_address = format!("127.0.0.1:{}", h.sim.es9_addr.port());
	step_failed_with(
		h.device(&elsewhere, &eid(EID), None).await,
		"es9p_initiate_authentication",
		&StatusCode::SMDP_ADDRESS_INVALID,
	);
	let mut pinned_elsewhere = code.clone();
	pinned_elsewhere.smdp_oid = Some("1.3.6.1.4.1.99999".into());
	let err = h.device(&pinned_elsewhere, &eid(EID), None).await.unwrap_err();
	assert_eq!(err.step, "es9p_initiate_authentication");
	assert!(err.reason.contains("OID"), "{err}");
	let mut pinned_here = code.clone();
	pinned_here.smdp_oid = Some("2.999.10".into());
	h.device(&pinned_here, &eid(EID), None).await.unwrap();
	// The package is handed out once.
	step_failed_with(
		h.device(&code, &eid(EID), None).await,
		"es9p_authenticate_client",
		&StatusCode::BPP_NOT_AVAILABLE,
	);
	let failed = h.device(&code, &eid(EID), None).await.unwrap_err();
	assert!(failed.reason.contains("already downloaded"), "readable reason: {failed}");
}
