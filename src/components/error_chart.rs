//! Inline SVG line chart of error rate per status code; geometry comes from the core.

use chrono::{Local, Offset, Utc};
use leptos::prelude::*;
use runbook_core::signals::chart::{line_chart, LineChart, PLOT, VIEW_BOX, Y_UNIT};
use runbook_core::signals::prometheus::RangeAnswer;
use runbook_core::signals::query::Window;

use crate::components::bilingual::BothLangs;
use crate::state::config::use_config;
use crate::state::prefs::use_prefs;

fn svg(chart: LineChart, lang: runbook_core::i18n::Lang) -> impl IntoView {
    let summary = chart.summary.get(lang).to_string();
    view! {
        <svg class="chart" viewBox=VIEW_BOX role="img" aria-label=summary.clone() data-testid="error-chart">
            <title>{summary.clone()}</title>
            <g class="axis">
                <line x1=PLOT.left y1=PLOT.bottom x2=PLOT.right y2=PLOT.bottom />
                <line x1=PLOT.left y1=PLOT.top x2=PLOT.left y2=PLOT.bottom />
                {chart
                    .y_ticks
                    .into_iter()
                    .map(|t| {
                        view! {
                            <line class="grid" x1=PLOT.left y1=t.pos x2=PLOT.right y2=t.pos />
                            <text x=PLOT.left - 4.0 y=t.pos + 3.0 text-anchor="end">
                                {t.label}
                            </text>
                        }
                    })
                    .collect_view()}
                {chart
                    .x_ticks
                    .into_iter()
                    .map(|t| {
                        view! {
                            <text x=t.pos y=PLOT.bottom + 14.0 text-anchor="middle">
                                {t.label}
                            </text>
                        }
                    })
                    .collect_view()}
                <text x=PLOT.left y=PLOT.top - 1.0 class="unit">
                    {Y_UNIT.get(lang)}
                </text>
            </g>
            {chart
                .lines
                .iter()
                .map(|line| {
                    let class = format!("series {}", line.class);
                    view! {
                        <g class=class data-code=line.code.clone()>
                            {line
                                .polylines
                                .iter()
                                .map(|points| view! { <polyline points=points.clone() /> })
                                .collect_view()}
                            {line.dots.iter().map(|(x, y)| view! { <circle cx=*x cy=*y r="1.6" /> }).collect_view()}
                        </g>
                    }
                })
                .collect_view()}
            {chart
                .no_data
                .map(|t| {
                    view! {
                        <text
                            x=(PLOT.left + PLOT.right) / 2.0
                            y=(PLOT.top + PLOT.bottom) / 2.0
                            text-anchor="middle"
                            class="no-data"
                        >
                            {t.get(lang)}
                        </text>
                    }
                })}
        </svg>
        <ul class="legend">
            {chart
                .lines
                .into_iter()
                .map(|line| {
                    view! {
                        <li>
                            <span class=format!("swatch {}", line.class) aria-hidden="true"></span>
                            {line.label.get(lang).to_string()}
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}

/// `series` is the range answer; when the backend said it may be incomplete, the chart says
/// "partial data" above the drawing, in both languages, with what the backend said.
#[component]
pub fn ErrorChart(series: RangeAnswer, window: Window) -> impl IntoView {
    let prefs = use_prefs();
    let code_label = use_config().get_untracked().prometheus.status_code_label;
    let offset = Local::now().offset().fix();
    let partial = series.partial_note().map(|note| {
        view! {
            <p class="partial verdict-warn" data-testid="chart-partial">
                <BothLangs text=note />
            </p>
        }
    });
    view! {
        {partial}
        {move || { svg(line_chart(&series.series, &code_label, window, Utc::now(), offset), prefs.ui_lang()) }}
    }
}
