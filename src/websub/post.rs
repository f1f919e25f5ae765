//! One ping: a form POST to a hub, tried again after a connection error,
//! a time-out or a 5xx answer, with a growing wait between attempts.

use std::time::{Duration, Instant};

use ureq::Agent;
use url::Url;

use super::{Outcome, Timing};

/// The `User-Agent` of every ping, so that a hub's operator can tell who
/// is calling.
const USER_AGENT: &str = concat!("feedpub/", env!("CARGO_PKG_VERSION"), " (WebSub publisher)");

/// The HTTP client of a round of pings, shared by its threads. Statuses
/// are answers, not errors; redirects are not followed (a POST turned
/// into a GET would ping nobody), so a 3xx is a refusal like a 4xx.
pub(super) fn agent(timing: &Timing) -> Agent {
    Agent::config_builder()
        .timeout_connect(Some(timing.connect))
        .timeout_global(Some(timing.attempt))
        .http_status_as_error(false)
        .max_redirects(0)
        .max_redirects_will_error(false)
        .user_agent(USER_AGENT)
        .build()
        .into()
}

/// Tells `hub` that `topic` changed, trying up to `timing.attempts` times,
/// and never past `deadline` (each attempt's time-out is cut to the time
/// left, and no wait ends after it).
pub(super) fn ping(
    agent: &Agent,
    hub: &Url,
    topic: &Url,
    timing: &Timing,
    deadline: Instant,
) -> Outcome {
    let mut wait = timing.backoff;
    let mut attempts = 0;
    let mut failure = Outcome::OutOfTime;
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            // The last failure, if there was an attempt: a wait that
            // overslept the deadline says nothing about the hub.
            return failure;
        }
        attempts += 1;
        let limit = timing.attempt.min(left);
        let sent = agent
            .post(hub.as_str())
            .config()
            .timeout_global(Some(limit))
            .build()
            .send_form([("hub.mode", "publish"), ("hub.url", topic.as_str())]);
        failure = match sent {
            Ok(answer) => {
                let status = answer.status();
                if status.is_success() {
                    return Outcome::Accepted {
                        status: status.as_u16(),
                        attempts,
                    };
                }
                let refused = Outcome::Refused {
                    status: status.as_u16(),
                    attempts,
                };
                // A 4xx (or a 3xx) says this request is wrong: sending
                // it again would get the same answer. A 5xx may pass.
                if !status.is_server_error() {
                    return refused;
                }
                refused
            }
            Err(error) => Outcome::Unreachable {
                cause: cause(&error, limit, timing.connect),
                attempts,
            },
        };
        if attempts >= timing.attempts || Instant::now() + wait >= deadline {
            return failure;
        }
        std::thread::sleep(wait);
        wait = wait.saturating_mul(2);
    }
}

/// Why an attempt got no answer, lower-case.
fn cause(error: &ureq::Error, limit: Duration, connect: Duration) -> String {
    match error {
        ureq::Error::Timeout(ureq::Timeout::Connect) => {
            format!("no connection within {}", seconds(connect.min(limit)))
        }
        ureq::Error::Timeout(_) => format!("no answer within {}", seconds(limit)),
        ureq::Error::Io(io) => match io.kind() {
            std::io::ErrorKind::ConnectionRefused => "the connection was refused".to_owned(),
            std::io::ErrorKind::ConnectionReset => "the connection was reset".to_owned(),
            _ => format!("the connection failed ({io})"),
        },
        ureq::Error::HostNotFound => "its host name was not found".to_owned(),
        ureq::Error::ConnectionFailed => "no connection could be made".to_owned(),
        other => format!("the request failed ({other})"),
    }
}

/// A duration as seconds, to a tenth.
fn seconds(duration: Duration) -> String {
    format!("{:.1} s", duration.as_secs_f64())
}
