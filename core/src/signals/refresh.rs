//! When to fetch again: the base interval while healthy, doubling back-off while failing,
//! both spread by ±10% so many open tabs do not hit the proxy in step.

use std::time::Duration;

const JITTER: f64 = 0.10;

/// `jitter_unit` is a uniform random number in 0..1 supplied by the shell.
/// Never longer than `max(max_backoff_secs, base_secs)`.
pub fn next_delay(consecutive_failures: u32, base_secs: u32, max_backoff_secs: u32, jitter_unit: f64) -> Duration {
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
    Duration::from_millis((jittered.min(cap) * 1000.0).round() as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secs(d: Duration) -> f64 {
        d.as_secs_f64()
    }

    #[test]
    fn healthy_interval_with_jitter() {
        assert_eq!(secs(next_delay(0, 30, 300, 0.5)), 30.0);
        assert_eq!(secs(next_delay(0, 30, 300, 0.0)), 27.0);
        assert_eq!(secs(next_delay(0, 30, 300, 1.0)), 33.0);
    }

    #[test]
    fn backoff_doubles_then_caps() {
        let d: Vec<f64> = (0..8).map(|n| secs(next_delay(n, 30, 300, 0.5))).collect();
        assert_eq!(d, [30.0, 60.0, 120.0, 240.0, 300.0, 300.0, 300.0, 300.0]);
        assert_eq!(secs(next_delay(u32::MAX, 30, 300, 0.5)), 300.0);
    }

    #[test]
    fn jitter_while_failing_stays_under_the_cap() {
        assert_eq!(secs(next_delay(1, 30, 300, 0.0)), 54.0);
        assert_eq!(secs(next_delay(1, 30, 300, 1.0)), 66.0);
        assert_eq!(secs(next_delay(10, 30, 300, 0.0)), 270.0);
        assert_eq!(secs(next_delay(10, 30, 300, 1.0)), 300.0);
    }

    #[test]
    fn odd_inputs() {
        assert_eq!(secs(next_delay(0, 30, 300, f64::NAN)), 30.0);
        assert_eq!(secs(next_delay(0, 30, 300, 7.0)), 33.0);
        assert_eq!(secs(next_delay(0, 30, 300, -1.0)), 27.0);
        // A cap below the interval never makes failing refreshes faster than healthy ones.
        assert_eq!(secs(next_delay(3, 30, 10, 0.5)), 30.0);
    }
}
