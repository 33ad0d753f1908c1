//! How often sign-ins, password reset requests and licence codes may be tried:
//! failures counted per subject (an address, a client, a workspace, a person) over a
//! window, and a client over its limit of sign-ins checked one attempt at a time
//! across every server.

use super::app_state;
use crate::error::AppError;
use std::time::Duration;

/// Password reset requests are counted over this window, in seconds.
pub const RESET_WINDOW_SECONDS: i64 = 60 * 60;
/// Reset requests for one address within the window.
pub const MAX_RESETS_PER_ADDRESS: i64 = 5;
/// Reset requests from one client within the window.
pub const MAX_RESETS_PER_CLIENT: i64 = 20;
/// Failed sign-ins and licence codes are counted over this window, in seconds.
pub const THROTTLE_WINDOW_SECONDS: i64 = 15 * 60;
/// Failed sign-ins allowed for one address within the window.
pub const MAX_FAILURES_PER_ADDRESS: i64 = 5;
/// Licence codes that matched nothing, allowed for one workspace and for one person
/// within the window: a code is not guessed, but not tried by the thousand either.
pub const MAX_CODE_FAILURES: i64 = 10;
/// Failed sign-ins from one client within the window after which its attempts are
/// checked one at a time (see [`wait_for_turn`]).
const MAX_FAILURES_PER_CLIENT: i64 = 30;
/// Time between two attempts of a client over its limit, in milliseconds.
const TURN_STEP_MS: i64 = 1_000;
/// Longest a client over its limit waits for its turn before being refused.
const MAX_TURN_WAIT_MS: i64 = 10_000;

/// Refuses the attempt when `subject` failed `limit` times within the window, saying
/// what failed (`tries`: "sign-ins", "licence codes") and when to try again.
pub async fn check_throttle(
    subject: &str,
    limit: i64,
    tries: &str,
    now: i64,
) -> Result<(), AppError> {
    let state = app_state()?;
    let (failures, oldest) = state
        .store
        .failed_attempts(subject, now - THROTTLE_WINDOW_SECONDS)
        .await?;
    if failures >= limit {
        let free_at = oldest.unwrap_or(now) + THROTTLE_WINDOW_SECONDS;
        return Err(AppError::RateLimited(format!(
            "Too many failed {tries}. Try again in {}.",
            minutes_until(free_at, now)
        )));
    }
    Ok(())
}

/// Records a failed attempt against each of `subjects` (the window's older failures are
/// forgotten meanwhile).
pub async fn record_failure(subjects: &[&str], now: i64) -> Result<(), AppError> {
    app_state()?
        .store
        .record_failed_attempt(subjects, now, now - THROTTLE_WINDOW_SECONDS)
        .await?;
    Ok(())
}

/// "1 minute", "12 minutes": how long until `at`, rounded up.
pub fn minutes_until(at: i64, now: i64) -> String {
    let minutes = ((at - now) + 59).div_euclid(60).max(1);
    let unit = if minutes == 1 { "minute" } else { "minutes" };
    format!("{minutes} {unit}")
}

/// Slows a client that failed many sign-ins recently (credential stuffing across many
/// addresses, or everyone behind one proxy): its attempts are checked one at a time,
/// a second apart, across every server. A person with the right password behind the
/// same address still signs in, after a short wait; only when the queue is longer
/// than ten seconds is an attempt refused, to be tried again in a moment.
pub async fn wait_for_turn(client_subject: &str, now: i64) -> Result<(), AppError> {
    let state = app_state()?;
    let (failures, _) = state
        .store
        .failed_attempts(client_subject, now - THROTTLE_WINDOW_SECONDS)
        .await?;
    if failures < MAX_FAILURES_PER_CLIENT {
        return Ok(());
    }
    let now_ms = state.clock.now_millis();
    let turn = state
        .store
        .take_sign_in_turn(client_subject, now_ms, TURN_STEP_MS, MAX_TURN_WAIT_MS)
        .await?;
    let wait = turn.ok_or_else(|| {
        AppError::RateLimited(
            "Many sign-ins failed from your network just now. Try again in a minute.".to_owned(),
        )
    })?;
    tokio::time::sleep(Duration::from_millis(u64::try_from(wait).unwrap_or(0))).await;
    Ok(())
}
