use chrono::{DateTime, FixedOffset, TimeZone, Utc};

use super::chart::*;
use super::prometheus::{Labels, Point, Series};
use super::query::Window;

fn noon() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2024, 5, 1, 12, 0, 0).unwrap()
}

fn start_of_hour() -> f64 {
    (noon().timestamp() - 3600) as f64
}

fn series(code: Option<&str>, points: &[(f64, f64)]) -> Series {
    let labels: Labels = code.map(|c| ("code".to_string(), c.to_string())).into_iter().collect();
    Series {
        labels,
        points: points
            .iter()
            .map(|&(unix_secs, value)| Point { unix_secs, value })
            .collect(),
    }
}

fn utc() -> FixedOffset {
    FixedOffset::east_opt(0).unwrap()
}

fn chart(s: &[Series]) -> LineChart {
    line_chart(s, "code", Window::LastHour, noon(), utc())
}

fn labels(ticks: &[Tick]) -> Vec<&str> {
    ticks.iter().map(|t| t.label.as_str()).collect()
}

fn positions(ticks: &[Tick]) -> Vec<f64> {
    ticks.iter().map(|t| (t.pos * 10.0).round() / 10.0).collect()
}

#[test]
fn known_points_land_where_expected() {
    let s0 = start_of_hour();
    let ramp: Vec<(f64, f64)> = (0..=60)
        .map(|i| (s0 + 60.0 * f64::from(i), f64::from(i) / 60.0))
        .collect();
    let c = chart(&[series(Some("429"), &ramp)]);
    assert_eq!(c.no_data, None);
    let line = &c.lines[0];
    assert_eq!(line.polylines.len(), 1);
    assert!(line.dots.is_empty());
    let pts: Vec<&str> = line.polylines[0].split(' ').collect();
    assert_eq!(pts.len(), 61);
    assert_eq!(pts[0], format!("{:.1},{:.1}", PLOT.left, PLOT.bottom));
    assert_eq!(pts[30], "174.0,84.0");
    assert_eq!(pts[60], format!("{:.1},{:.1}", PLOT.right, PLOT.top));
    assert_eq!(line.peak, Some(1.0));
    assert_eq!(labels(&c.y_ticks), ["0", "0.25", "0.50", "0.75", "1.00"]);
    assert_eq!(positions(&c.y_ticks), [160.0, 122.0, 84.0, 46.0, 8.0]);
    assert_eq!(
        c.summary.en,
        "Errors per second by status code, last 1 h: 429 peak 1/s."
    );
    assert_eq!(c.summary.zh, "过去 1 小时按状态码的每秒错误数:429 峰值 1/秒。");
}

#[test]
fn nan_inf_and_gaps_break_the_line() {
    let s0 = start_of_hour();
    let at = |i: f64, v: f64| (s0 + 60.0 * i, v);
    let c = chart(&[series(
        Some("500"),
        &[
            at(0.0, 1.0),
            at(1.0, f64::NAN),
            at(2.0, 1.0),
            at(3.0, 1.0),
            at(4.0, f64::INFINITY),
            at(5.0, 1.0),
            at(10.0, 1.0),
            at(11.0, 1.0),
        ],
    )]);
    let line = &c.lines[0];
    assert_eq!(line.polylines.len(), 2, "{:?}", line.polylines);
    assert_eq!(line.polylines[0].split(' ').count(), 2);
    assert_eq!(line.polylines[1].split(' ').count(), 2, "a 5-step gap is not joined");
    assert_eq!(line.dots.len(), 2);
    assert_eq!(line.dots[0], (PLOT.left, PLOT.top));
    assert_eq!(line.peak, Some(1.0), "infinity is not a peak");
}

#[test]
fn points_outside_the_window_are_dropped() {
    let s0 = start_of_hour();
    let c = chart(&[series(
        Some("429"),
        &[(s0 - 60.0, 9.0), (s0, 0.5), (s0 + 60.0, 0.5), (s0 + 3660.0, 9.0)],
    )]);
    assert_eq!(c.lines[0].peak, Some(0.5));
    assert_eq!(c.lines[0].polylines.len(), 1);
    assert_eq!(c.lines[0].polylines[0].split(' ').count(), 2);
}

#[test]
fn nice_value_ticks() {
    let s0 = start_of_hour();
    let ticks_for = |peak: f64| labels(&chart(&[series(Some("429"), &[(s0, peak)])]).y_ticks).join(" ");
    assert_eq!(ticks_for(0.72), "0 0.2 0.4 0.6 0.8");
    assert_eq!(ticks_for(0.8), "0 0.2 0.4 0.6 0.8");
    assert_eq!(ticks_for(37.0), "0 10 20 30 40");
    assert_eq!(ticks_for(9.0), "0 2.5 5.0 7.5 10.0");
    assert_eq!(ticks_for(2.3), "0 1 2 3");
    assert_eq!(ticks_for(0.0042), "0 0.002 0.004 0.006");
    assert_eq!(ticks_for(1200.0), "0 500 1000 1500");
    assert_eq!(ticks_for(0.0), "0 0.25 0.50 0.75 1.00");
}

#[test]
fn time_ticks_follow_the_local_offset() {
    assert_eq!(
        labels(&chart(&[]).x_ticks),
        ["11:00", "11:15", "11:30", "11:45", "12:00"]
    );
    assert_eq!(positions(&chart(&[]).x_ticks), [36.0, 105.0, 174.0, 243.0, 312.0]);

    let india = FixedOffset::east_opt(5 * 3600 + 1800).unwrap();
    let c = line_chart(
        &[],
        "code",
        Window::LastHour,
        noon() + chrono::Duration::seconds(30),
        india,
    );
    assert_eq!(labels(&c.x_ticks), ["16:45", "17:00", "17:15", "17:30"]);
    let expected_first = PLOT.left + 870.0 / 3600.0 * (PLOT.right - PLOT.left);
    assert!((c.x_ticks[0].pos - expected_first).abs() < 1e-9);

    let pacific = FixedOffset::west_opt(7 * 3600).unwrap();
    let six = line_chart(&[], "code", Window::Last6Hours, noon(), pacific);
    assert_eq!(
        labels(&six.x_ticks),
        ["23:00", "00:00", "01:00", "02:00", "03:00", "04:00", "05:00"]
    );
    let quarter = line_chart(&[], "code", Window::Last15Min, noon(), utc());
    assert_eq!(labels(&quarter.x_ticks), ["11:45", "11:50", "11:55", "12:00"]);
}

#[test]
fn empty_data() {
    let c = chart(&[]);
    assert_eq!(c.no_data, Some(NO_DATA));
    assert!(c.lines.is_empty());
    assert_eq!(c.y_ticks.len(), 5);
    assert_eq!(c.summary.en, "Errors per second by status code, last 1 h: no data.");

    let s0 = start_of_hour();
    let nan_only = chart(&[series(Some("500"), &[(s0, f64::NAN), (s0 + 60.0, f64::NAN)])]);
    assert_eq!(nan_only.no_data, Some(NO_DATA));
    assert_eq!(nan_only.lines.len(), 1);
    assert_eq!(nan_only.lines[0].peak, None);
    assert!(nan_only.summary.en.ends_with("500 no data."));
    assert!(nan_only.summary.zh.ends_with("500 无数据。"));
}

#[test]
fn series_order_labels_and_stable_classes() {
    let s0 = start_of_hour();
    let one = |code: Option<&str>| series(code, &[(s0, 1.0)]);
    let c = chart(&[one(Some("503")), one(None), one(Some("429")), one(Some("5xx"))]);
    let codes: Vec<&str> = c.lines.iter().map(|l| l.code.as_str()).collect();
    assert_eq!(codes, ["429", "503", "", "5xx"]);
    assert_eq!(c.lines[2].label.en, "(no code)");
    assert_eq!(c.lines[2].label.zh, "(无状态码)");

    let alone = chart(&[one(Some("429"))]).lines[0].class.clone();
    assert_eq!(c.lines[0].class, alone, "a code keeps its colour when others appear");

    let many: Vec<Series> = ["401", "403", "429", "500", "502", "503"]
        .iter()
        .map(|c| one(Some(c)))
        .collect();
    let mut classes: Vec<String> = chart(&many).lines.iter().map(|l| l.class.clone()).collect();
    classes.sort();
    let all: Vec<String> = (0..PALETTE_SIZE).map(|i| format!("series-{i}")).collect();
    assert_eq!(classes, all, "up to PALETTE_SIZE series never share a colour");
}
