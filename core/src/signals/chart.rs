//! Geometry for the inline SVG error-rate chart: the shell only emits the elements.
//! Coordinates are in a fixed viewBox; colours are CSS classes (`series-0` ..) so the
//! stylesheet can pick palettes that read well in light and dark mode.

use chrono::{DateTime, FixedOffset, Utc};

use super::error_rate::NO_CODE;
use super::fmt::number;
use super::prometheus::{Point, Series};
use super::query::Window;
use crate::i18n::{Bilingual, Text};

pub const VIEW_BOX: &str = "0 0 320 180";
/// Where lines go inside the viewBox; the margins hold the axis labels.
pub const PLOT: PlotArea = PlotArea {
    left: 36.0,
    top: 8.0,
    right: 312.0,
    bottom: 160.0,
};
/// Number of `series-N` classes the stylesheet must define.
pub const PALETTE_SIZE: usize = 6;
pub const Y_UNIT: Text = Text::new("errors/s", "次错误/秒");
pub const NO_DATA: Text = Text::new("No data in this window", "该时间段内没有数据");
/// Consecutive samples further apart than this many steps are not joined: Prometheus omits
/// samples rather than sending NaN when a series is absent.
const MAX_JOINED_GAP_STEPS: f64 = 1.5;

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PlotArea {
    pub left: f64,
    pub top: f64,
    pub right: f64,
    pub bottom: f64,
}

/// An axis mark: `pos` is x for the time axis, y for the value axis.
#[derive(Clone, Debug, PartialEq)]
pub struct Tick {
    pub pos: f64,
    pub label: String,
}

/// One status code's line.
#[derive(Clone, Debug, PartialEq)]
pub struct ChartLine {
    /// The status-code label value; "" when the series has none.
    pub code: String,
    pub label: Bilingual,
    /// `series-N`, stable for a given code.
    pub class: String,
    /// `points` attributes of `<polyline>`s, one per unbroken run of two or more samples.
    pub polylines: Vec<String>,
    /// Samples with no neighbour to join, to draw as dots.
    pub dots: Vec<(f64, f64)>,
    /// Highest finite value in the window.
    pub peak: Option<f64>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct LineChart {
    pub x_ticks: Vec<Tick>,
    pub y_ticks: Vec<Tick>,
    /// Sorted by status code.
    pub lines: Vec<ChartLine>,
    /// Set when there is nothing to draw; the shell shows it over the empty axes.
    pub no_data: Option<Text>,
    /// Text alternative for `aria-label`.
    pub summary: Bilingual,
}

/// Lays out the by-code range query answer for `window` ending at `now`; time labels are
/// "HH:MM" in `offset` (the browser's current UTC offset).
pub fn line_chart(
    series: &[Series],
    code_label: &str,
    window: Window,
    now: DateTime<Utc>,
    offset: FixedOffset,
) -> LineChart {
    let (start, end) = window.bounds(now);
    let (start, end) = (start as f64, end as f64);
    let in_window = |t: f64| (start..=end).contains(&t);

    let mut sorted: Vec<(String, &Series)> = series
        .iter()
        .map(|s| (s.labels.get(code_label).cloned().unwrap_or_default(), s))
        .collect();
    sorted.sort_by(|a, b| code_order(&a.0, &b.0));

    let peaks: Vec<Option<f64>> = sorted
        .iter()
        .map(|(_, s)| {
            s.points
                .iter()
                .filter(|p| p.value.is_finite() && in_window(p.unix_secs))
                .map(|p| p.value)
                .reduce(f64::max)
        })
        .collect();
    let scale = ValueScale::nice(peaks.iter().flatten().copied().fold(0.0, f64::max));
    let x = |t: f64| PLOT.left + (t - start) / (end - start) * (PLOT.right - PLOT.left);
    let y = |v: f64| PLOT.bottom - (v / scale.top).clamp(0.0, 1.0) * (PLOT.bottom - PLOT.top);
    let max_gap = window.step_secs() as f64 * MAX_JOINED_GAP_STEPS;

    let classes = series_classes(sorted.iter().map(|(code, _)| code.as_str()));
    let lines: Vec<ChartLine> = sorted
        .iter()
        .zip(peaks)
        .zip(classes)
        .map(|(((code, s), peak), class)| {
            let in_view: Vec<&Point> = s.points.iter().filter(|p| in_window(p.unix_secs)).collect();
            let (singles, joined): (Vec<_>, Vec<_>) = unbroken_runs(&in_view, max_gap)
                .into_iter()
                .partition(|run| run.len() == 1);
            let xy = |p: &Point| (x(p.unix_secs), y(p.value));
            ChartLine {
                code: code.clone(),
                label: code_label_text(code),
                class,
                polylines: joined
                    .iter()
                    .map(|run| points_attr(run.iter().map(|p| xy(p))))
                    .collect(),
                dots: singles.iter().flatten().map(|p| xy(p)).collect(),
                peak,
            }
        })
        .collect();

    let no_data = lines
        .iter()
        .all(|l| l.polylines.is_empty() && l.dots.is_empty())
        .then_some(NO_DATA);
    LineChart {
        x_ticks: time_ticks(window, start as i64, end as i64, offset, x),
        y_ticks: scale.ticks(y),
        summary: summary(&lines, window),
        lines,
        no_data,
    }
}

/// Numeric codes in numeric order, then any others alphabetically.
fn code_order(a: &str, b: &str) -> std::cmp::Ordering {
    match (a.parse::<u32>(), b.parse::<u32>()) {
        (Ok(x), Ok(y)) => x.cmp(&y),
        (Ok(_), Err(_)) => std::cmp::Ordering::Less,
        (Err(_), Ok(_)) => std::cmp::Ordering::Greater,
        (Err(_), Err(_)) => a.cmp(b),
    }
}

fn code_label_text(code: &str) -> Bilingual {
    if code.is_empty() {
        NO_CODE.into()
    } else {
        Bilingual::new(code, code)
    }
}

/// Time-ordered stretches of finite samples; a non-finite value or a gap wider than
/// `max_gap` seconds ends a stretch.
fn unbroken_runs<'a>(points: &[&'a Point], max_gap: f64) -> Vec<Vec<&'a Point>> {
    let mut runs: Vec<Vec<&Point>> = Vec::new();
    let mut previous: Option<f64> = None;
    for &p in points {
        if !p.value.is_finite() {
            previous = None;
            continue;
        }
        match runs.last_mut() {
            Some(run) if previous.is_some_and(|t| p.unix_secs - t <= max_gap) => run.push(p),
            _ => runs.push(vec![p]),
        }
        previous = Some(p.unix_secs);
    }
    runs
}

fn points_attr(points: impl Iterator<Item = (f64, f64)>) -> String {
    points
        .map(|(x, y)| format!("{x:.1},{y:.1}"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Each code keeps the colour its name hashes to, moving to the next free one on a clash,
/// so a code's colour does not change as other codes come and go.
fn series_classes<'a>(codes: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut taken = [false; PALETTE_SIZE];
    codes
        .map(|code| {
            let preferred = fnv1a(code) as usize % PALETTE_SIZE;
            let slot = (0..PALETTE_SIZE)
                .map(|i| (preferred + i) % PALETTE_SIZE)
                .find(|&i| !taken[i])
                .unwrap_or(preferred);
            taken[slot] = true;
            format!("series-{slot}")
        })
        .collect()
}

fn fnv1a(s: &str) -> u32 {
    s.bytes()
        .fold(0x811c_9dc5, |h, b| (h ^ u32::from(b)).wrapping_mul(0x0100_0193))
}

/// A value axis from 0 to a round top, in 3-5 round steps.
struct ValueScale {
    top: f64,
    step: f64,
    decimals: usize,
}

impl ValueScale {
    fn nice(max: f64) -> ValueScale {
        if !(max > 0.0 && max.is_finite()) {
            return ValueScale {
                top: 1.0,
                step: 0.25,
                decimals: 2,
            };
        }
        let raw = max / 4.0;
        let mut magnitude = 10f64.powf(raw.log10().floor());
        let mut nice = [1.0, 2.0, 2.5, 5.0, 10.0]
            .into_iter()
            .find(|n| raw / magnitude <= n * (1.0 + 1e-9))
            .unwrap_or(10.0);
        if nice == 10.0 {
            nice = 1.0;
            magnitude *= 10.0;
        }
        let step = nice * magnitude;
        let top = (max / step - 1e-9).ceil().max(1.0) * step;
        let whole = |d: i32| {
            let scaled = step * 10f64.powi(d);
            (scaled - scaled.round()).abs() < 1e-6
        };
        let decimals = (0..10).find(|&d| whole(d)).unwrap_or(10) as usize;
        ValueScale { top, step, decimals }
    }

    fn ticks(&self, y: impl Fn(f64) -> f64) -> Vec<Tick> {
        let n = (self.top / self.step).round() as usize;
        (0..=n)
            .map(|i| {
                let v = i as f64 * self.step;
                let label = if i == 0 {
                    "0".to_string()
                } else {
                    format!("{v:.prec$}", prec = self.decimals)
                };
                Tick { pos: y(v), label }
            })
            .collect()
    }
}

/// Marks on whole local-time multiples of a round interval.
fn time_ticks(window: Window, start: i64, end: i64, offset: FixedOffset, x: impl Fn(f64) -> f64) -> Vec<Tick> {
    let every: i64 = match window {
        Window::Last15Min => 5 * 60,
        Window::LastHour => 15 * 60,
        Window::Last6Hours => 3600,
    };
    let shift = i64::from(offset.local_minus_utc());
    let first = (start + shift).div_euclid(every) * every
        + if (start + shift).rem_euclid(every) == 0 {
            0
        } else {
            every
        };
    (0..)
        .map(|i| first + i * every - shift)
        .take_while(|&t| t <= end)
        .filter_map(|t| {
            let local = DateTime::from_timestamp(t, 0)?.with_timezone(&offset);
            Some(Tick {
                pos: x(t as f64),
                label: local.format("%H:%M").to_string(),
            })
        })
        .collect()
}

fn summary(lines: &[ChartLine], window: Window) -> Bilingual {
    let w = window.label();
    let (mut en, mut zh): (Vec<String>, Vec<String>) = (Vec::new(), Vec::new());
    for l in lines {
        match l.peak {
            Some(p) => {
                en.push(format!("{} peak {}/s", l.label.en, number(p)));
                zh.push(format!("{} 峰值 {}/秒", l.label.zh, number(p)));
            }
            None => {
                en.push(format!("{} no data", l.label.en));
                zh.push(format!("{} 无数据", l.label.zh));
            }
        }
    }
    if en.is_empty() {
        en.push("no data".into());
        zh.push("无数据".into());
    }
    Bilingual::new(
        format!("Errors per second by status code, last {}: {}.", w.en, en.join("; ")),
        format!("过去 {}按状态码的每秒错误数:{}。", w.zh, zh.join(";")),
    )
}
