//! The library page and the runbook scope (loading, missing, broken runbooks).

use crate::i18n::Text;

pub const TITLE: Text = Text::new("Runbook library", "运维手册库");
pub const VENDOR: Text = Text::new("Vendor", "供应商");
pub const OWNERS: Text = Text::new("Owners", "负责人");
pub const REVIEWED: Text = Text::new("Reviewed", "审阅日期");
pub const ALERTS: Text = Text::new("Answers alerts", "对应告警");
pub const NO_ALERTS: Text = Text::new("none declared", "未声明");
pub const LOADING: Text = Text::new("Loading the runbook…", "正在加载手册…");
pub const UNKNOWN_RUNBOOK: Text = Text::new(
    "There is no runbook with this id in this library:",
    "本手册库中没有此 id 的手册:",
);
pub const RETRY: Text = Text::new("Try again", "重试");
pub const NOT_IN_LIBRARY: Text = Text::new("not in this library", "不在本手册库中");
pub const RELATED: Text = Text::new("Related runbooks", "相关手册");
