//! Seed fidelity: the values that the source documents give, asserted against the generated
//! accessors. These tables are copied from the documents on purpose: they are the spec that
//! the YAML must keep.

use error_taxonomy::{Billing, Handling, Platform, RetryClass, hiring, meetbot, recall};

/// Seed 001: every hiring API code with its HTTP status and its description, the title.
const HIRING: [(&str, u16, &str); 32] = [
    ("UNAUTHORIZED", 401, "API key is missing or invalid"),
    ("IP_NOT_ALLOWED", 403, "Request IP not in allowlist"),
    (
        "SCOPE_INSUFFICIENT",
        403,
        "API key lacks the required scope",
    ),
    ("FORBIDDEN", 403, "Role-based access denied"),
    ("API_DISABLED", 403, "API access not enabled"),
    ("ACCOUNT_SUSPENDED", 403, "Company account suspended"),
    ("RATE_LIMITED", 429, "Too many requests"),
    ("VALIDATION_ERROR", 400, "Invalid request parameters"),
    ("INVALID_BODY", 400, "Malformed request body"),
    ("NOT_FOUND", 404, "Resource not found"),
    ("DUPLICATE_CANDIDATE", 409, "Candidate email already exists"),
    ("INVALID_STATUS", 409, "Status precondition failed"),
    ("INVALID_STATUS_TRANSITION", 409, "Invalid status change"),
    ("ANALYSIS_NOT_VIEWED", 409, "Analysis not yet viewed"),
    ("ACTIVE_SESSION", 409, "Active interview session exists"),
    ("WEBHOOK_LIMIT_REACHED", 409, "Maximum webhooks registered"),
    (
        "IDEMPOTENCY_CONFLICT",
        409,
        "Idempotency key reused with different body",
    ),
    (
        "TELEPHONY_DISABLED",
        403,
        "Telephony not enabled for the company",
    ),
    (
        "ADMIN_ONLY_PARAMETER",
        403,
        "Admin-only parameter sent by an API key",
    ),
    ("WINDOW_IN_PAST", 400, "Scheduling window is in the past"),
    ("WINDOW_TOO_LONG", 400, "Scheduling window too long"),
    ("WINDOW_TOO_SOON", 412, "Window starts too soon"),
    (
        "WINDOW_TOO_SHORT_FOR_INTERVIEW",
        412,
        "Window shorter than the interview",
    ),
    (
        "WINDOW_FALLS_OUTSIDE_CALLING_HOURS",
        412,
        "Window outside calling hours",
    ),
    (
        "PRESET_DEADLINE_TOO_CLOSE",
        412,
        "Preset deadline too close",
    ),
    (
        "CANDIDATE_OUTBOUND_COOLDOWN",
        412,
        "Candidate in outbound cooldown",
    ),
    ("RETRY_LIMIT_EXCEEDED", 412, "Weekly retry cap reached"),
    (
        "WORKING_HOURS_NOT_CONFIGURED",
        412,
        "Calling hours not configured",
    ),
    (
        "TIMEZONE_SELECTION_REQUIRED",
        422,
        "Explicit timezone required",
    ),
    ("CLOCK_REJECTED", 429, "No admittable capacity in window"),
    ("NUMBER_AT_CAP", 429, "Outbound number at capacity"),
    (
        "CANDIDATE_HAS_ACTIVE_RESERVATION",
        409,
        "Candidate already has a live reservation",
    ),
];

#[test]
fn hiring_codes_have_the_seed_statuses() {
    for (code, status, title) in HIRING {
        let parsed = hiring::ErrorCode::parse(code).expect(code);
        assert_eq!(parsed.http_status(), status, "{code}");
        // The title is the seed's own text, and so is a problem body's.
        assert_eq!(parsed.title(), title, "{code}");
        let response = hiring::ErrorResponse::new(parsed);
        assert_eq!(response.problem().title.as_deref(), Some(title), "{code}");
    }
}

#[test]
fn hiring_retry_after_codes() {
    let with_header: Vec<&str> = hiring::ErrorCode::ALL
        .iter()
        .filter(|c| c.sends_retry_after())
        .map(|c| c.as_str())
        .collect();
    // Seed 001 says `Retry-After` of these two only.
    assert_eq!(with_header, ["CLOCK_REJECTED", "NUMBER_AT_CAP"]);
    assert_eq!(hiring::ErrorCode::ClockRejected.http_status(), 429);
    assert_eq!(
        hiring::ErrorCode::ClockRejected.retry(),
        RetryClass::RetryAfter {
            fallback_secs: None
        }
    );
    assert_eq!(hiring::ErrorCode::DuplicateCandidate.http_status(), 409);
    assert_eq!(hiring::ErrorCode::WindowTooSoon.http_status(), 412);
    assert_eq!(
        hiring::ErrorCode::TimezoneSelectionRequired.http_status(),
        422
    );
}

#[test]
fn hiring_conflicts_never_retry() {
    for code in hiring::ErrorCode::ALL
        .iter()
        .filter(|c| c.http_status() == 409)
    {
        assert_eq!(code.retry(), RetryClass::Never, "{code}");
    }
}

/// Seed 003: every failure code, billed or not, in the seed's order.
const FAILURES: [(&str, Billing); 12] = [
    ("waiting_for_host", Billing::NotBilled),
    ("meeting_not_found", Billing::NotBilled),
    ("host_denied_admission", Billing::NotBilled),
    ("removed_from_meeting", Billing::RecordedPortion),
    ("meeting_ended", Billing::NotBilled),
    ("internal_error", Billing::NotBilled),
    ("dispatch_timeout", Billing::NotBilled),
    ("network_loss", Billing::RecordedPortion),
    ("recording_disabled", Billing::NotBilled),
    ("lobby_timeout", Billing::NotBilled),
    ("auth_failure", Billing::NotBilled),
    ("quota_exceeded", Billing::NotBilled),
];

#[test]
fn failure_codes_have_the_seed_billing_in_the_seed_order() {
    let wire: Vec<&str> = meetbot::FailureCode::ALL
        .iter()
        .map(|c| c.as_str())
        .collect();
    let seed: Vec<&str> = FAILURES.iter().map(|(code, _)| *code).collect();
    assert_eq!(wire, seed);
    for (code, billing) in FAILURES {
        assert_eq!(
            meetbot::FailureCode::parse(code).expect(code).billing(),
            billing,
            "{code}"
        );
    }
}

#[test]
fn failure_code_retry_and_handling() {
    use meetbot::FailureCode as F;
    assert_eq!(F::HostDeniedAdmission.retry(), RetryClass::Never);
    assert_eq!(F::HostDeniedAdmission.billing(), Billing::NotBilled);
    assert_eq!(F::RemovedFromMeeting.billing(), Billing::RecordedPortion);
    // Seed 003's handler: `case 'dispatch_timeout': scheduleRetry(job, 60_000)`, once.
    assert_eq!(
        F::DispatchTimeout.retry(),
        RetryClass::Once {
            after_secs: Some(60)
        }
    );
    assert_eq!(F::WaitingForHost.retry(), RetryClass::Delay { secs: 60 });
    assert_eq!(F::LobbyTimeout.retry(), RetryClass::Delay { secs: 60 });
    assert_eq!(F::InternalError.retry(), RetryClass::Backoff);
    assert_eq!(F::AuthFailure.retry(), RetryClass::UserAction);
    assert_eq!(F::QuotaExceeded.retry(), RetryClass::UserAction);
    assert_eq!(F::QuotaExceeded.action(), "Add a card at /account/billing.");
    assert_eq!(F::AuthFailure.action(), "Reconnect the OAuth integration.");

    // The seed's "branch on code" handler: each code it names is in the group of its branch.
    // (`meeting_not_found` falls to the seed's default branch, but its action is to tell the
    // user; the YAML says why.) A code the seed does not name is free to join any group.
    let branches = [
        (
            Handling::NotifyUser,
            &["host_denied_admission", "recording_disabled"][..],
        ),
        (
            Handling::RetryLater,
            &["waiting_for_host", "lobby_timeout", "dispatch_timeout"],
        ),
        (Handling::PageOnCall, &["auth_failure", "quota_exceeded"]),
        (Handling::Log, &["internal_error"]),
        (
            Handling::TreatAsFinalized,
            &["removed_from_meeting", "network_loss", "meeting_ended"],
        ),
    ];
    for (handling, codes) in branches {
        for code in codes {
            assert_eq!(F::parse(code).expect(code).handling(), handling, "{code}");
        }
    }
    assert_eq!(F::MeetingNotFound.handling(), Handling::NotifyUser);
}

/// Seed 000: the Recall.ai HTTP statuses.
#[test]
fn recall_http_statuses_and_their_retry_classes() {
    use recall::HttpStatus as S;
    let statuses: Vec<u16> = S::ALL.iter().map(|s| s.http_status()).collect();
    assert_eq!(
        statuses,
        [
            200, 201, 400, 401, 402, 403, 405, 409, 429, 502, 503, 504, 507
        ]
    );
    assert_eq!(S::Conflict.retry(), RetryClass::Backoff);
    assert_eq!(
        S::TooManyRequests.retry(),
        RetryClass::RetryAfter {
            fallback_secs: None
        }
    );
    for status in [S::BadGateway, S::ServiceUnavailable, S::GatewayTimeout] {
        assert_eq!(status.retry(), RetryClass::Backoff);
    }
    assert_eq!(
        S::InsufficientStorage.retry(),
        RetryClass::RetryAfter {
            fallback_secs: Some(30)
        }
    );
    assert_eq!(S::PaymentRequired.retry(), RetryClass::UserAction);
    for status in [
        S::Ok,
        S::Created,
        S::BadRequest,
        S::Forbidden,
        S::MethodNotAllowed,
    ] {
        assert_eq!(status.retry(), RetryClass::Never, "{status}");
    }
    // A valid key makes the retry worth it, as the hiring API's `UNAUTHORIZED` says.
    assert_eq!(S::Unauthorized.retry(), RetryClass::UserAction);
}

#[test]
fn recall_error_codes_and_causes() {
    use recall::{ErrorCause as C, ErrorCode as E};
    let codes: Vec<&str> = E::ALL.iter().map(|c| c.as_str()).collect();
    assert_eq!(
        codes,
        [
            "teams_blacklisted_tenant",
            "update_bot_failed",
            "cannot_command_completed_bot",
            "cannot_command_unstarted_bot",
            "request_blocked"
        ]
    );
    assert_eq!(E::RequestBlocked.http_status(), 403);
    assert_eq!(E::TeamsBlacklistedTenant.http_status(), 400);
    let update_causes: Vec<&str> = C::ALL
        .iter()
        .filter(|c| c.error_code() == Some(E::UpdateBotFailed))
        .map(|c| c.message())
        .collect();
    assert_eq!(
        update_causes,
        [
            "Not enough time to launch new bot",
            "Only non-dispatched bots can be updated"
        ]
    );
    let code_less =
        C::from_message("Cannot validate partial without join call task").expect("code-less body");
    assert_eq!(code_less.error_code(), None);
}

/// Seed 002 and the reference: 9 current statuses and 6 legacy-only ones.
#[test]
fn recall_bot_statuses() {
    use recall::BotStatus as B;
    let current: Vec<&str> = B::ALL
        .iter()
        .filter(|s| !s.is_legacy_only())
        .map(|s| s.as_str())
        .collect();
    assert_eq!(
        current,
        [
            "joining_call",
            "in_waiting_room",
            "in_call_not_recording",
            "recording_permission_allowed",
            "recording_permission_denied",
            "in_call_recording",
            "call_ended",
            "done",
            "fatal"
        ]
    );
    let legacy: Vec<&str> = B::ALL
        .iter()
        .filter(|s| s.is_legacy_only())
        .map(|s| s.as_str())
        .collect();
    assert_eq!(
        legacy,
        [
            "ready",
            "participant_in_waiting_room",
            "recording_done",
            "analysis_done",
            "analysis_failed",
            "media_expired"
        ]
    );
    let with_sub_code: Vec<B> = B::ALL
        .iter()
        .copied()
        .filter(|s| s.has_sub_code())
        .collect();
    assert_eq!(
        with_sub_code,
        [B::RecordingPermissionDenied, B::CallEnded, B::Fatal]
    );
    assert!(B::Fatal.is_terminal() && B::Done.is_terminal() && B::CallEnded.is_terminal());
    assert!(!B::InCallRecording.is_terminal());
}

/// The reference: every sub-code has the platform its prefix names, and a status that carries
/// sub-codes.
#[test]
fn recall_sub_codes_per_category_and_platform() {
    use recall::{BotStatus as B, SubCode as S};
    for sub_code in S::ALL {
        assert_eq!(
            sub_code.platform(),
            Platform::of_code(sub_code.as_str()),
            "{sub_code}"
        );
        assert!(sub_code.category().has_sub_code());
    }
    assert_eq!(
        S::MicrosoftTeams2faRequired.platform(),
        Platform::MicrosoftTeams
    );
    assert_eq!(S::TimeoutExceededOnlyBotsInCall.category(), B::CallEnded);
}

/// Seed 003's cross-walk: `bot_kicked` collapses into `removed_from_meeting`.
#[test]
fn cross_walk_to_failure_codes() {
    use meetbot::FailureCode as F;
    use recall::SubCode as S;
    assert_eq!(S::BotKicked.failure_code(), F::RemovedFromMeeting);
    assert_eq!(S::BotKickedFromCall.failure_code(), F::RemovedFromMeeting);
    assert_eq!(S::MeetingNotFound.failure_code(), F::MeetingNotFound);
    assert_eq!(S::MeetingEnded.failure_code(), F::MeetingEnded);
    assert_eq!(
        S::BotKickedFromWaitingRoom.failure_code(),
        F::HostDeniedAdmission
    );
    for sign_in in [
        S::MeetingRequiresSignIn,
        S::GoogleMeetSignInFailed,
        S::MicrosoftTeamsSignInFailed,
        S::ZoomSdkCredentialsMissing,
    ] {
        assert_eq!(sign_in.failure_code(), F::AuthFailure, "{sign_in}");
    }
    let denied = S::ALL
        .iter()
        .filter(|s| s.category() == recall::BotStatus::RecordingPermissionDenied);
    for recording in denied {
        // Not a final status: if the bot leaves for want of permission, the job fails as
        // `recording_disabled`, and nothing retries while it may still record.
        assert_eq!(
            recording.failure_code(),
            F::RecordingDisabled,
            "{recording}"
        );
        assert!(!recording.retry().is_automatic(), "{recording}");
    }
    // A call that ends with the bot in it bills the recorded portion; `meeting_ended` is for
    // meetings over before the bot joined.
    for ended in [
        S::CallEndedByHost,
        S::TimeoutExceededEveryoneLeft,
        S::TimeoutExceededOnlyBotsInCall,
    ] {
        assert_eq!(ended.failure_code(), F::RemovedFromMeeting, "{ended}");
        assert_eq!(ended.failure_code().billing(), Billing::RecordedPortion);
    }
    assert_eq!(
        S::MeetingRequiresRegistration.failure_code(),
        F::HostDeniedAdmission
    );
}

/// Seed 002: the two Zoom OAuth bot log codes.
#[test]
fn recall_bot_log_codes() {
    use recall::BotLogCode as L;
    let codes: Vec<&str> = L::ALL.iter().map(|c| c.as_str()).collect();
    assert_eq!(
        codes,
        [
            "zoom_join_token_fetch_using_zoom_oauth_failed",
            "zoom_third_party_recording_token_fetch_using_zoom_oauth_failed"
        ]
    );
    assert!(L::ALL.iter().all(|c| c.platform() == Platform::Zoom));
    assert!(
        L::ZoomJoinTokenFetchUsingZoomOauthFailed
            .ignorable_when()
            .contains("Zoom OAuth integration")
    );
}

/// The reference's sub-code tables (§4a-§4c), code by code: category and platform.
const REFERENCE_SUB_CODES: [(&str, &str, &str); 79] = [
    (
        "zoom_local_recording_disabled",
        "recording_permission_denied",
        "zoom",
    ),
    (
        "zoom_local_recording_request_disabled",
        "recording_permission_denied",
        "zoom",
    ),
    (
        "zoom_local_recording_request_disabled_by_host",
        "recording_permission_denied",
        "zoom",
    ),
    (
        "zoom_bot_in_waiting_room",
        "recording_permission_denied",
        "zoom",
    ),
    (
        "zoom_host_not_present",
        "recording_permission_denied",
        "zoom",
    ),
    (
        "zoom_local_recording_request_denied_by_host",
        "recording_permission_denied",
        "zoom",
    ),
    (
        "zoom_local_recording_denied",
        "recording_permission_denied",
        "zoom",
    ),
    (
        "zoom_local_recording_grant_not_supported",
        "recording_permission_denied",
        "zoom",
    ),
    (
        "zoom_sdk_key_blocked_by_host_admin",
        "recording_permission_denied",
        "zoom",
    ),
    ("call_ended_by_host", "call_ended", "all"),
    ("call_ended_by_platform_idle", "call_ended", "all"),
    ("call_ended_by_platform_max_length", "call_ended", "all"),
    (
        "call_ended_by_platform_waiting_room_timeout",
        "call_ended",
        "all",
    ),
    ("timeout_exceeded_waiting_room", "call_ended", "all"),
    ("timeout_exceeded_noone_joined", "call_ended", "all"),
    ("timeout_exceeded_everyone_left", "call_ended", "all"),
    ("timeout_exceeded_silence_detected", "call_ended", "all"),
    (
        "timeout_exceeded_only_bots_detected_using_participant_names",
        "call_ended",
        "all",
    ),
    (
        "timeout_exceeded_only_bots_detected_using_participant_events",
        "call_ended",
        "all",
    ),
    (
        "timeout_exceeded_in_call_not_recording",
        "call_ended",
        "all",
    ),
    ("timeout_exceeded_in_call_recording", "call_ended", "all"),
    (
        "timeout_exceeded_recording_permission_denied",
        "call_ended",
        "all",
    ),
    ("timeout_exceeded_max_duration", "call_ended", "all"),
    ("bot_kicked_from_call", "call_ended", "all"),
    ("bot_kicked_from_waiting_room", "call_ended", "all"),
    ("bot_received_leave_call", "call_ended", "all"),
    ("timeout_exceeded_only_bots_in_call", "call_ended", "all"),
    ("bot_errored", "fatal", "all"),
    ("meeting_not_found", "fatal", "all"),
    ("meeting_not_started", "fatal", "all"),
    ("meeting_requires_registration", "fatal", "all"),
    ("meeting_requires_sign_in", "fatal", "all"),
    ("meeting_link_expired", "fatal", "all"),
    ("meeting_link_invalid", "fatal", "all"),
    ("meeting_password_incorrect", "fatal", "all"),
    ("meeting_locked", "fatal", "all"),
    ("meeting_full", "fatal", "all"),
    ("meeting_ended", "fatal", "all"),
    ("google_meet_internal_error", "fatal", "google_meet"),
    ("google_meet_sign_in_failed", "fatal", "google_meet"),
    ("google_meet_sign_in_captcha_failed", "fatal", "google_meet"),
    ("google_meet_bot_blocked", "fatal", "google_meet"),
    ("google_meet_sso_sign_in_failed", "fatal", "google_meet"),
    (
        "google_meet_sign_in_missing_login_credentials",
        "fatal",
        "google_meet",
    ),
    (
        "google_meet_sign_in_missing_recovery_credentials",
        "fatal",
        "google_meet",
    ),
    (
        "google_meet_sso_sign_in_missing_login_credentials",
        "fatal",
        "google_meet",
    ),
    (
        "google_meet_sso_sign_in_missing_totp_secret",
        "fatal",
        "google_meet",
    ),
    ("google_meet_video_error", "fatal", "google_meet"),
    ("google_meet_meeting_room_not_ready", "fatal", "google_meet"),
    ("google_meet_login_not_available", "fatal", "google_meet"),
    (
        "google_meet_permission_denied_breakout",
        "fatal",
        "google_meet",
    ),
    ("zoom_sdk_credentials_missing", "fatal", "zoom"),
    ("zoom_sdk_update_required", "fatal", "zoom"),
    ("zoom_sdk_app_not_published", "fatal", "zoom"),
    ("zoom_email_blocked_by_admin", "fatal", "zoom"),
    ("zoom_registration_required", "fatal", "zoom"),
    ("zoom_captcha_required", "fatal", "zoom"),
    ("zoom_account_blocked", "fatal", "zoom"),
    ("zoom_invalid_join_token", "fatal", "zoom"),
    ("zoom_invalid_signature", "fatal", "zoom"),
    ("zoom_internal_error", "fatal", "zoom"),
    ("zoom_join_timeout", "fatal", "zoom"),
    ("zoom_email_required", "fatal", "zoom"),
    ("zoom_web_disallowed", "fatal", "zoom"),
    ("zoom_connection_failed", "fatal", "zoom"),
    ("zoom_error_multiple_device_join", "fatal", "zoom"),
    ("zoom_meeting_not_accessible", "fatal", "zoom"),
    ("zoom_meeting_host_inactive", "fatal", "zoom"),
    ("zoom_invalid_webinar_invite", "fatal", "zoom"),
    ("microsoft_teams_call_dropped", "fatal", "microsoft_teams"),
    (
        "microsoft_teams_sign_in_credentials_missing",
        "fatal",
        "microsoft_teams",
    ),
    ("microsoft_teams_sign_in_failed", "fatal", "microsoft_teams"),
    ("microsoft_teams_internal_error", "fatal", "microsoft_teams"),
    (
        "microsoft_teams_captcha_detected",
        "fatal",
        "microsoft_teams",
    ),
    (
        "microsoft_teams_bot_not_invited",
        "fatal",
        "microsoft_teams",
    ),
    (
        "microsoft_teams_breakout_room_unsupported",
        "fatal",
        "microsoft_teams",
    ),
    (
        "microsoft_teams_event_not_started_for_external",
        "fatal",
        "microsoft_teams",
    ),
    ("microsoft_teams_2fa_required", "fatal", "microsoft_teams"),
    ("webex_join_meeting_error", "fatal", "webex"),
];

#[test]
fn every_reference_sub_code_is_in_the_taxonomy() {
    for (code, category, platform) in REFERENCE_SUB_CODES {
        let sub_code = recall::SubCode::parse(code).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(sub_code.category().as_str(), category, "{code}");
        assert_eq!(sub_code.platform().as_str(), platform, "{code}");
    }
    // The seed's `bot_kicked` alias, beside the reference's rows.
    assert_eq!(
        recall::SubCode::parse("bot_kicked").map(|s| s.category()),
        Ok(recall::BotStatus::CallEnded)
    );
}

/// Seed 000's 409: "Conflict -- please retry with exponential backoff (see Scheduling Guide and
/// Idempotency)". A conflict with a request in flight is retried so; a code that names a state
/// no retry changes decides instead (the decision and its reason are in `error_codes.yaml`).
#[test]
fn a_409_is_retried_with_backoff_unless_its_code_says_a_retry_cannot_help() {
    use error_taxonomy::recall::{ErrorCode, HttpStatus, classify};
    use error_taxonomy::retry::RetryAfter;

    assert_eq!(HttpStatus::Conflict.retry(), RetryClass::Backoff);
    for body in [
        &b""[..],
        br#"{"code": "a_code_from_tomorrow"}"#,
        br#"{"detail": "busy"}"#,
    ] {
        let error = classify(409, RetryAfter::Absent, body);
        assert_eq!(error.retry_class(), RetryClass::Backoff, "{error}");
    }
    for code in ErrorCode::ALL {
        let body = format!(r#"{{"code": "{}"}}"#, code.as_str());
        let error = classify(409, RetryAfter::Absent, body.as_bytes());
        // The code decides, and says what to do instead.
        assert_eq!(error.retry_class(), code.retry(), "{error}");
        assert_eq!(error.action(), code.action(), "{error}");
    }
}
