use super::*;

#[test]
fn numbers_read_naturally() {
    assert_eq!(fmt_num(0.72), "0.72");
    assert_eq!(fmt_num(0.1), "0.1");
    assert_eq!(fmt_num(0.0999), "0.0999");
    assert_eq!(fmt_num(3.0), "3");
    assert_eq!(fmt_num(0.0), "0");
    assert_eq!(fmt_num(0.00001), "<0.0001");
}

#[test]
fn codes_fall_into_classes() {
    assert_eq!(class_of("401"), ErrorType::Auth);
    assert_eq!(class_of("403"), ErrorType::Auth);
    assert_eq!(class_of("429"), ErrorType::RateLimited);
    assert_eq!(class_of("500"), ErrorType::Vendor);
    assert_eq!(class_of("503"), ErrorType::Vendor);
    assert_eq!(class_of("404"), ErrorType::Other);
    assert_eq!(class_of("timeout"), ErrorType::Other);
}

#[test]
fn shares_need_errors_and_sane_rates() {
    let codes = |v: &[(&str, f64)]| {
        v.iter()
            .map(|(c, r)| CodeRate {
                code: (*c).into(),
                rate: *r,
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(class_shares(&codes(&[])), None);
    assert_eq!(class_shares(&codes(&[("429", 0.0)])), None);
    assert_eq!(class_shares(&codes(&[("429", f64::NAN)])), None);
    let s = class_shares(&codes(&[("429", 3.0), ("500", 1.0)])).unwrap();
    assert_eq!(s[1], (ErrorType::RateLimited, 0.75));
    assert_eq!(s[2], (ErrorType::Vendor, 0.25));
}

mod from_signals {
    use super::super::*;
    use crate::signals::fetch::FetchFailure;
    use crate::signals::Source;
    use chrono::TimeZone;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, 6, 10, 0, 0).unwrap()
    }

    fn fresh_at<T>(value: T, secs_ago: i64) -> Signal<T> {
        Signal::Fresh(crate::signals::Reading {
            value,
            fetched_at: now() - Duration::seconds(secs_ago),
            source: Source::Primary,
        })
    }

    fn thresholds() -> Thresholds {
        Thresholds {
            error_rate_per_sec: 0.1,
            dominant_share: 0.5,
        }
    }

    fn vendor(indicator: Indicator, description: &str) -> VendorStatus {
        VendorStatus {
            indicator,
            description: description.into(),
            updated_at: None,
        }
    }

    fn health(verdict: HealthVerdict) -> HealthStatus {
        HealthStatus {
            verdict,
            details: vec![("error".into(), "upstream timeout".into())],
        }
    }

    fn rates(total: Option<f64>, by_code: &[(&str, f64)]) -> ErrorRates {
        ErrorRates {
            total,
            by_code: by_code.iter().map(|(c, r)| ((*c).to_string(), *r)).collect(),
            partial: None,
        }
    }

    fn observe(v: &Signal<VendorStatus>, h: &Signal<HealthStatus>, e: &Signal<ErrorRates>) -> Observations {
        Observations::for_vendor(Some(&acme()), v, h, e, &thresholds(), 15, now())
    }

    fn acme() -> Bilingual {
        Bilingual::new("Acme", "艾克米")
    }

    fn reason<T: std::fmt::Debug>(r: &Reading<T>) -> &Bilingual {
        match r {
            Reading::Unknown(why) => why,
            Reading::Known(v) => panic!("expected unknown, got {v:?}"),
        }
    }

    #[test]
    fn fresh_signals_become_known_readings() {
        let obs = observe(
            &fresh_at(vendor(Indicator::Major, "Partial System Outage"), 5),
            &fresh_at(health(HealthVerdict::Healthy), 5),
            &fresh_at(rates(Some(0.72), &[("429", 0.6), ("500", 0.12)]), 5),
        );
        assert_eq!(obs.error_rate, Reading::Known(0.72));
        assert_eq!((obs.threshold, obs.dominant_share), (0.1, 0.5));
        assert_eq!(
            obs.code_rates,
            Reading::Known(vec![
                CodeRate {
                    code: "429".into(),
                    rate: 0.6
                },
                CodeRate {
                    code: "500".into(),
                    rate: 0.12
                },
            ])
        );
        assert_eq!(
            obs.vendor,
            Reading::Known(VendorObservation {
                page: Bilingual::new("the Acme status page", "艾克米 状态页"),
                incident: true,
                description: "Partial System Outage".into()
            })
        );
        assert_eq!(
            obs.health,
            Reading::Known(HealthObservation {
                healthy: true,
                down: false,
                detail: "status: healthy; error: upstream timeout".into()
            })
        );
    }

    #[test]
    fn pending_and_failing_signals_are_unknown_with_the_reason() {
        let failing = |failure: FetchFailure| Signal::<ErrorRates>::Failing {
            failure,
            failed_at: now(),
            consecutive_failures: 2,
            last_good: Some(crate::signals::Reading {
                value: rates(Some(5.0), &[]),
                fetched_at: now(),
                source: Source::Primary,
            }),
        };
        let obs = observe(&Signal::Pending, &Signal::Pending, &failing(FetchFailure::Offline));
        assert!(reason(&obs.vendor).en.contains("waiting for the first reading"));
        assert!(reason(&obs.health).zh.contains("首次读数"));
        assert_eq!(reason(&obs.error_rate), &FetchFailure::Offline.message());
        assert_eq!(reason(&obs.code_rates), &FetchFailure::Offline.message());
    }

    #[test]
    fn old_readings_are_not_used() {
        // 15 s interval: up to 60 s (the minimum) is current.
        let at = |secs_ago| {
            observe(
                &fresh_at(vendor(Indicator::None, "ok"), secs_ago),
                &Signal::Pending,
                &Signal::Pending,
            )
        };
        assert!(matches!(at(60).vendor, Reading::Known(_)));
        let stale = at(3 * 3600);
        assert_eq!(
            reason(&stale.vendor).en,
            "the last reading is from 3 h ago; waiting for a fresh one"
        );
        let slow = Observations::for_vendor(
            None,
            &fresh_at(vendor(Indicator::None, "ok"), 250),
            &Signal::Pending,
            &Signal::Pending,
            &thresholds(),
            120,
            now(),
        );
        assert!(matches!(slow.vendor, Reading::Known(_)), "3 × 120 s allows 250 s");
    }

    #[test]
    fn error_rates_without_series_are_unknown() {
        let none = observe(&Signal::Pending, &Signal::Pending, &fresh_at(rates(None, &[]), 0));
        assert!(reason(&none.error_rate).en.contains("prometheus.error_metric"));
        assert!(reason(&none.code_rates).en.contains("prometheus.error_metric"));
        let no_codes = observe(&Signal::Pending, &Signal::Pending, &fresh_at(rates(Some(0.5), &[]), 0));
        assert_eq!(no_codes.error_rate, Reading::Known(0.5));
        assert!(reason(&no_codes.code_rates).en.contains("per-status-code"));
        let quiet = observe(&Signal::Pending, &Signal::Pending, &fresh_at(rates(Some(0.0), &[]), 0));
        assert_eq!(quiet.code_rates, Reading::Known(vec![]));
    }

    #[test]
    fn vendor_wording_and_unrecognised_indicators() {
        let obs = |v| observe(&fresh_at(v, 0), &Signal::Pending, &Signal::Pending).vendor;
        assert_eq!(
            obs(vendor(Indicator::Maintenance, "")),
            Reading::Known(VendorObservation {
                page: Bilingual::new("the Acme status page", "艾克米 状态页"),
                incident: false,
                description: "Maintenance".into()
            })
        );
        let odd = obs(vendor(Indicator::Unknown("purple".into()), "?"));
        assert_eq!(
            reason(&odd).en,
            "the Acme status page reports \"purple\", a status this app does not recognise"
        );
        assert!(reason(&odd).zh.starts_with("艾克米 状态页报告的状态 \"purple\""));
        let unnamed = Observations::for_vendor(
            None,
            &fresh_at(vendor(Indicator::Unknown("purple".into()), "?"), 0),
            &Signal::Pending,
            &Signal::Pending,
            &thresholds(),
            15,
            now(),
        );
        assert!(reason(&unnamed.vendor).en.starts_with("the vendor status page reports"));
    }

    #[test]
    fn degraded_health_is_not_healthy_and_unknown_status_is_unknown() {
        let obs = |h| observe(&Signal::Pending, &fresh_at(h, 0), &Signal::Pending).health;
        let Reading::Known(degraded) = obs(health(HealthVerdict::Degraded)) else {
            panic!()
        };
        assert!(!degraded.healthy);
        assert!(degraded.detail.starts_with("status: degraded"));
        assert!(reason(&obs(health(HealthVerdict::Unknown(String::new()))))
            .en
            .contains("no status"));
        assert!(reason(&obs(health(HealthVerdict::Unknown("meh".into()))))
            .en
            .contains("\"meh\""));
    }

    #[test]
    fn suggestions_follow_the_mapped_signals() {
        let tree = crate::tree::test_tree();
        let obs = observe(
            &fresh_at(vendor(Indicator::None, "All Systems Operational"), 0),
            &fresh_at(health(HealthVerdict::Healthy), 0),
            &fresh_at(rates(Some(0.72), &[("429", 0.5832), ("500", 0.1368)]), 0),
        );
        let api = crate::tree::suggest(tree.node("api_errors").unwrap(), &obs).unwrap();
        assert_eq!(api.answer, Some(0));
        assert_eq!(
            api.evidence.en,
            "0.72 errors/s over 5 min, threshold 0.1/s; 81% are 429"
        );
        let ty = crate::tree::suggest(tree.node("error_type").unwrap(), &obs).unwrap();
        assert_eq!(ty.answer, tree.node("error_type").unwrap().answer_index("rate_limited"));
    }
}
