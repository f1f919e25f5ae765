//! Instant delivery with WebSub: after a build has put its feeds in place,
//! each configured hub is told which feed files changed, so that it can
//! push them to its subscribers at once instead of their next poll.
//!
//! One ping is one form POST (`hub.mode=publish`, `hub.url=` the feed's
//! self URL) per changed feed file per hub; `post` sends it, retrying
//! what may pass on a second try. Pings to one hub run a few at a time,
//! hubs side by side, and the whole round has a time budget, so that many
//! changed feeds and a hub that never answers cannot hold a build up for
//! long. A ping that fails is a warning, never a failed build: the feeds
//! are in place, and subscribers get them at their next poll.

mod post;

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

use url::Url;

use crate::diagnostic::Diagnostic;

/// A feed file whose bytes a build changed: what a hub is told about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Topic {
    /// The file, for diagnostics.
    pub path: PathBuf,
    /// Where it is published: its self link, the `hub.url` sent.
    pub url: Url,
}

/// How hard pinging tries and how long it may take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timing {
    /// Longest wait for a connection to a hub.
    pub connect: Duration,
    /// Longest time one POST may take, connecting and answering included.
    pub attempt: Duration,
    /// Attempts per ping: a connection error, a time-out or a 5xx answer
    /// is tried again, up to this many times in all.
    pub attempts: u32,
    /// Wait before the second attempt, doubled before each one after.
    pub backoff: Duration,
    /// Pings one hub is sent at a time.
    pub per_hub: usize,
    /// Longest time the whole round of pings may take; what is not sent
    /// by then is reported and left.
    pub budget: Duration,
}

impl Timing {
    /// What `build --ping` uses: a hub that never answers costs three
    /// 5-second attempts and 1.5 seconds of waits between them, and no
    /// round takes more than 20 seconds, however many feeds changed.
    pub const DEFAULT: Self = Self {
        connect: Duration::from_secs(3),
        attempt: Duration::from_secs(5),
        attempts: 3,
        backoff: Duration::from_millis(500),
        per_hub: 4,
        budget: Duration::from_secs(20),
    };
}

/// What became of one ping.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The hub took it (WebSub hubs answer `202` or `204`).
    Accepted {
        /// The 2xx status.
        status: u16,
        /// Attempts it took.
        attempts: u32,
    },
    /// The hub answered, but with no 2xx: a 4xx at once, or a 5xx on
    /// every attempt.
    Refused {
        /// The last status.
        status: u16,
        /// Attempts made.
        attempts: u32,
    },
    /// The hub could not be reached, or did not answer in time, on every
    /// attempt.
    Unreachable {
        /// The last attempt's failure, lower-case.
        cause: String,
        /// Attempts made.
        attempts: u32,
    },
    /// Not sent: the hub had failed for another feed of this round, and
    /// would only have failed again, slowly.
    HubFailed,
    /// Not sent: the round's time budget ran out.
    OutOfTime,
}

impl Outcome {
    /// Whether the hub looks down, so that the round sends it no more
    /// pings: it could not be reached, or kept answering 5xx. A 4xx
    /// refuses one feed, not every feed.
    fn hub_failed(&self) -> bool {
        match self {
            Self::Unreachable { .. } => true,
            Self::Refused { status, .. } => *status >= 500,
            Self::Accepted { .. } | Self::HubFailed | Self::OutOfTime => false,
        }
    }
}

/// One hub told, or not, about one changed feed file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ping {
    /// The hub.
    pub hub: Url,
    /// The feed file.
    pub topic: Topic,
    /// What happened.
    pub outcome: Outcome,
}

impl Ping {
    /// A `hub-ping` warning against the feed file, naming the hub and the
    /// feed's URL, when the ping was sent and failed.
    fn failure(&self) -> Option<Diagnostic> {
        let why = match &self.outcome {
            Outcome::Refused { status, attempts } => {
                format!(
                    "it answered `{status}` ({}); expected a 2xx answer",
                    tries(*attempts)
                )
            }
            Outcome::Unreachable { cause, attempts } => {
                format!("{cause} ({})", tries(*attempts))
            }
            Outcome::Accepted { .. } | Outcome::HubFailed | Outcome::OutOfTime => return None,
        };
        Some(Diagnostic::warning(
            "hub-ping",
            &self.topic.path,
            format!(
                "hub `{}` was not told that `{}` changed: {why}; {LATER}",
                self.hub, self.topic.url
            ),
        ))
    }
}

/// What a subscriber loses when a hub is not told: nothing but time.
const LATER: &str = "its subscribers see the change when they next fetch the feed";

/// The `hub-ping` warnings of a round, hub by hub: one for each ping sent
/// that failed, naming the hub and the feed's URL, and one for each
/// reason some were not sent (the hub had failed, or time ran out),
/// against the first such feed file, naming it and counting the rest, so
/// that a hub that is down costs a few lines, not one per feed file.
pub fn warnings(pings: &[Ping]) -> Vec<Diagnostic> {
    let mut hubs: Vec<&Url> = Vec::new();
    for ping in pings {
        if !hubs.contains(&&ping.hub) {
            hubs.push(&ping.hub);
        }
    }
    let mut out = Vec::new();
    for hub in hubs {
        let of_hub = || pings.iter().filter(move |p| p.hub == *hub);
        out.extend(of_hub().filter_map(Ping::failure));
        for (unsent, why) in [
            (
                Outcome::HubFailed,
                "it had already failed in this build".to_owned(),
            ),
            (
                Outcome::OutOfTime,
                "the time given to pings ran out first".to_owned(),
            ),
        ] {
            let mut skipped = of_hub().filter(|p| p.outcome == unsent);
            let Some(first) = skipped.next() else {
                continue;
            };
            let more = match skipped.count() {
                0 => String::new(),
                1 => " and 1 more feed file".to_owned(),
                n => format!(" and {n} more feed files"),
            };
            out.push(Diagnostic::warning(
                "hub-ping",
                &first.topic.path,
                format!(
                    "hub `{hub}` was not told that `{}`{more} changed: {why}; {LATER}",
                    first.topic.url
                ),
            ));
        }
    }
    out
}

fn tries(attempts: u32) -> String {
    match attempts {
        1 => "1 attempt".to_owned(),
        n => format!("{n} attempts"),
    }
}

/// Tells every hub about every topic, and says what became of each ping,
/// topic by topic in their order, hub by hub in theirs. Each hub gets
/// `timing.per_hub` pings at a time, hubs side by side; after a hub has
/// failed (see [`Outcome::HubFailed`]) or the budget has run out, the
/// rest are reported unsent.
pub fn announce(hubs: &[Url], topics: &[Topic], timing: &Timing) -> Vec<Ping> {
    if hubs.is_empty() || topics.is_empty() {
        return Vec::new();
    }
    let deadline = Instant::now() + timing.budget;
    let agent = post::agent(timing);
    let outcomes: Vec<Mutex<Option<Outcome>>> = (0..hubs.len() * topics.len())
        .map(|_| Mutex::new(None))
        .collect();
    let queues: Vec<(AtomicUsize, AtomicBool)> = hubs
        .iter()
        .map(|_| (AtomicUsize::new(0), AtomicBool::new(false)))
        .collect();
    let (agent, outcomes_ref) = (&agent, &outcomes);
    std::thread::scope(|scope| {
        for (h, (hub, (next, failed))) in hubs.iter().zip(&queues).enumerate() {
            let work = move || {
                loop {
                    let t = next.fetch_add(1, Ordering::Relaxed);
                    let Some(topic) = topics.get(t) else { break };
                    let outcome = if failed.load(Ordering::Relaxed) {
                        Outcome::HubFailed
                    } else if Instant::now() >= deadline {
                        Outcome::OutOfTime
                    } else {
                        post::ping(agent, hub, &topic.url, timing, deadline)
                    };
                    if outcome.hub_failed() {
                        failed.store(true, Ordering::Relaxed);
                    }
                    if let Some(slot) = outcomes_ref.get(t * hubs.len() + h) {
                        *slot.lock().unwrap_or_else(PoisonError::into_inner) = Some(outcome);
                    }
                }
            };
            let workers = timing.per_hub.clamp(1, topics.len());
            let spawned = (0..workers)
                .filter(|_| {
                    std::thread::Builder::new()
                        .name("feedpub-ping".to_owned())
                        .spawn_scoped(scope, work)
                        .is_ok()
                })
                .count();
            if spawned == 0 {
                // No thread to be had: this hub's pings go one by one here.
                work();
            }
        }
    });
    let mut pings = Vec::with_capacity(outcomes.len());
    for (i, slot) in outcomes.into_iter().enumerate() {
        let (Some(topic), Some(hub)) = (topics.get(i / hubs.len()), hubs.get(i % hubs.len()))
        else {
            continue;
        };
        let outcome = slot
            .into_inner()
            .unwrap_or_else(PoisonError::into_inner)
            // Each topic is taken by one worker, which fills its slot;
            // only a worker that panicked would leave one empty.
            .unwrap_or(Outcome::OutOfTime);
        pings.push(Ping {
            hub: hub.clone(),
            topic: topic.clone(),
            outcome,
        });
    }
    pings
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ping(hub: &str, n: usize, outcome: Outcome) -> Ping {
        Ping {
            hub: Url::parse(hub).expect("valid"),
            topic: Topic {
                path: PathBuf::from(format!("feeds/f{n}/rss.xml")),
                url: Url::parse(&format!("https://example.com/feeds/f{n}/rss.xml")).expect("valid"),
            },
            outcome,
        }
    }

    /// Which outcomes stop a round's pings to the hub.
    #[test]
    fn which_failures_stop_the_hub() {
        let cases = [
            // Taken: more pings are welcome.
            (
                Outcome::Accepted {
                    status: 204,
                    attempts: 1,
                },
                false,
            ),
            // A 4xx refuses this feed only (a hub may serve some topics).
            (
                Outcome::Refused {
                    status: 404,
                    attempts: 1,
                },
                false,
            ),
            // A 5xx on every attempt: the hub is in trouble.
            (
                Outcome::Refused {
                    status: 503,
                    attempts: 3,
                },
                true,
            ),
            // Unreachable: every other ping would wait as long.
            (
                Outcome::Unreachable {
                    cause: "the connection was refused".to_owned(),
                    attempts: 3,
                },
                true,
            ),
            // Not sent: says nothing new about the hub.
            (Outcome::HubFailed, false),
            // Not sent for time: the hub did nothing wrong.
            (Outcome::OutOfTime, false),
        ];
        for (outcome, stops) in cases {
            assert_eq!(outcome.hub_failed(), stops, "{outcome:?}");
        }
    }

    /// A warning per failed ping, one per reason for the unsent, hub by
    /// hub; none for the pings taken.
    #[test]
    fn warnings_group_the_unsent() {
        let (a, b) = ("https://a.example/", "https://b.example/");
        let pings = [
            ping(
                a,
                0,
                Outcome::Refused {
                    status: 500,
                    attempts: 3,
                },
            ),
            ping(
                b,
                0,
                Outcome::Accepted {
                    status: 202,
                    attempts: 1,
                },
            ),
            ping(a, 1, Outcome::HubFailed),
            ping(b, 1, Outcome::OutOfTime),
            ping(a, 2, Outcome::HubFailed),
            ping(
                b,
                2,
                Outcome::Refused {
                    status: 410,
                    attempts: 1,
                },
            ),
            ping(a, 3, Outcome::HubFailed),
        ];
        let got: Vec<(String, String)> = warnings(&pings)
            .into_iter()
            .map(|d| (d.path.display().to_string(), d.message))
            .collect();
        let later = LATER;
        let want = [
            (
                "feeds/f0/rss.xml",
                format!(
                    "hub `{a}` was not told that `https://example.com/feeds/f0/rss.xml` changed: it answered `500` (3 attempts); expected a 2xx answer; {later}"
                ),
            ),
            (
                "feeds/f1/rss.xml",
                format!(
                    "hub `{a}` was not told that `https://example.com/feeds/f1/rss.xml` and 2 more feed files changed: it had already failed in this build; {later}"
                ),
            ),
            (
                "feeds/f2/rss.xml",
                format!(
                    "hub `{b}` was not told that `https://example.com/feeds/f2/rss.xml` changed: it answered `410` (1 attempt); expected a 2xx answer; {later}"
                ),
            ),
            (
                "feeds/f1/rss.xml",
                format!(
                    "hub `{b}` was not told that `https://example.com/feeds/f1/rss.xml` changed: the time given to pings ran out first; {later}"
                ),
            ),
        ];
        let want: Vec<(String, String)> =
            want.into_iter().map(|(p, m)| (p.to_owned(), m)).collect();
        assert_eq!(got, want);
    }

    /// No hub or no change: nothing is sent, at once.
    #[test]
    fn nothing_to_announce() {
        let hub = Url::parse("http://127.0.0.1:9/").expect("valid");
        assert_eq!(announce(&[hub], &[], &Timing::DEFAULT), []);
        let topic = ping("https://a.example/", 0, Outcome::HubFailed).topic;
        assert_eq!(announce(&[], &[topic], &Timing::DEFAULT), []);
    }
}
