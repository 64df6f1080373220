//! When to fetch again: the base interval while healthy, doubling back-off while failing,
//! both spread by ±10% so many open tabs do not hit the proxy in step.

use std::time::Duration;

const JITTER: f64 = 0.10;

/// `jitter_unit` is a uniform random number in 0..1 supplied by the shell; `retry_after` is the
/// wait the server asked for (`FetchFailure::retry_after`), honoured up to the cap.
/// Never longer than `max(max_backoff_secs, base_secs)`.
pub fn next_delay(
    consecutive_failures: u32,
    base_secs: u32,
    max_backoff_secs: u32,
    jitter_unit: f64,
    retry_after: Option<Duration>,
) -> Duration {
    let base = f64::from(base_secs);
    let cap = f64::from(max_backoff_secs.max(base_secs));
    let nominal = if consecutive_failures == 0 {
        base
    } else {
        (base * 2f64.powi(consecutive_failures.min(32) as i32)).min(cap)
    };
    let unit = if jitter_unit.is_finite() {
        jitter_unit.clamp(0.0, 1.0)
    } else {
        0.5
    };
    let jittered = nominal * (1.0 + JITTER * (2.0 * unit - 1.0));
    let delay = Duration::from_millis((jittered.min(cap) * 1000.0).round() as u64);
    let asked = retry_after
        .unwrap_or_default()
        .min(Duration::from_secs(u64::from(max_backoff_secs.max(base_secs))));
    delay.max(asked)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secs(d: Duration) -> f64 {
        d.as_secs_f64()
    }

    #[test]
    fn healthy_interval_with_jitter() {
        assert_eq!(secs(next_delay(0, 30, 300, 0.5, None)), 30.0);
        assert_eq!(secs(next_delay(0, 30, 300, 0.0, None)), 27.0);
        assert_eq!(secs(next_delay(0, 30, 300, 1.0, None)), 33.0);
    }

    #[test]
    fn backoff_doubles_then_caps() {
        let d: Vec<f64> = (0..8).map(|n| secs(next_delay(n, 30, 300, 0.5, None))).collect();
        assert_eq!(d, [30.0, 60.0, 120.0, 240.0, 300.0, 300.0, 300.0, 300.0]);
        assert_eq!(secs(next_delay(u32::MAX, 30, 300, 0.5, None)), 300.0);
    }

    #[test]
    fn jitter_while_failing_stays_under_the_cap() {
        assert_eq!(secs(next_delay(1, 30, 300, 0.0, None)), 54.0);
        assert_eq!(secs(next_delay(1, 30, 300, 1.0, None)), 66.0);
        assert_eq!(secs(next_delay(10, 30, 300, 0.0, None)), 270.0);
        assert_eq!(secs(next_delay(10, 30, 300, 1.0, None)), 300.0);
    }

    #[test]
    fn odd_inputs() {
        assert_eq!(secs(next_delay(0, 30, 300, f64::NAN, None)), 30.0);
        assert_eq!(secs(next_delay(0, 30, 300, 7.0, None)), 33.0);
        assert_eq!(secs(next_delay(0, 30, 300, -1.0, None)), 27.0);
        // A cap below the interval never makes failing refreshes faster than healthy ones.
        assert_eq!(secs(next_delay(3, 30, 10, 0.5, None)), 30.0);
    }

    #[test]
    fn retry_after_is_honoured_up_to_the_cap() {
        let asked = |s| Some(Duration::from_secs(s));
        assert_eq!(secs(next_delay(1, 30, 300, 0.5, asked(120))), 120.0);
        assert_eq!(
            secs(next_delay(1, 30, 300, 0.5, asked(10))),
            60.0,
            "never sooner than the backoff"
        );
        assert_eq!(secs(next_delay(1, 30, 300, 0.5, asked(999_999_999))), 300.0);
        assert_eq!(secs(next_delay(1, 30, 300, 0.5, Some(Duration::MAX))), 300.0);
        assert_eq!(
            secs(next_delay(1, 30, 10, 0.5, asked(999))),
            30.0,
            "cap below the interval"
        );
        let far = crate::signals::fetch::RetryAfter::parse("Fri, 31 Dec 9999 23:59:59 GMT").unwrap();
        let now = chrono::DateTime::from_timestamp(1_772_790_000, 0).unwrap();
        assert_eq!(secs(next_delay(1, 30, 300, 0.5, Some(far.delay(now)))), 300.0);
    }
}
