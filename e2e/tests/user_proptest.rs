//! A user's property tests of their own receiver, with the strategies of `error-taxonomy`: one
//! line each to get any code, any open code, or any payload.

use error_taxonomy::meetbot::{FailureCode, JobFailed};
use error_taxonomy::recall::{StatusWebhook, SubCode};
use error_taxonomy::retry::{Decision, RetryAfter, RetryPolicy, advise};
use error_taxonomy::{Handling, Open, RetryClass};
use proptest::prelude::*;

/// The user's receiver: who is paged for a `job.failed`.
fn page_for(body: &[u8]) -> Result<Handling, String> {
    let event = JobFailed::from_json(body).map_err(|e| e.to_string())?;
    Ok(event.handling())
}

proptest! {
    #[test]
    fn the_receiver_takes_every_job_failed(body in error_taxonomy::proptest::job_failed()) {
        prop_assert!(page_for(&body).is_ok());
    }

    #[test]
    fn every_status_webhook_decodes(body in error_taxonomy::proptest::status_webhook()) {
        prop_assert!(StatusWebhook::from_json(&body).is_ok());
    }

    #[test]
    fn a_code_that_never_retries_is_never_retried(code in any::<FailureCode>()) {
        let decision = advise(code, 1, RetryAfter::Absent, &RetryPolicy::default(), 0);
        let stops = matches!(decision, Decision::DoNotRetry(_));
        prop_assert_eq!(code.retry() == RetryClass::Never, stops, "{}", code);
    }

    #[test]
    fn unknown_sub_codes_stay_unknown(code in any::<Open<'static, SubCode>>()) {
        prop_assert_eq!(code.is_known(), SubCode::parse(code.as_str()).is_ok());
    }
}
