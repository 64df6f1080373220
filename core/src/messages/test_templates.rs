//! Synthetic message templates for unit tests, for a made-up vendor; the shipped runbooks'
//! templates are tested in core/tests/messages_golden.rs.

use super::MessageTemplates;
use crate::i18n::Bilingual;

pub(crate) const TEST_TEMPLATES_JSON: &str = r####"{
  "slack_update": {
    "en": { "lines": ["{marker} {severity} INCIDENT: {vendor} Integration", "Status: {status}", "Impact: {impact}",
                      "Current action: {current_action}", "Next update: {next_update}", "Incident commander: {commander}"],
            "placeholders": { "impact": "[Describe user impact]", "current_action": "[What you're doing]",
                              "next_update": "[Time]", "commander": "@[name]" } },
    "zh": { "lines": ["{marker} {severity}事件:{vendor}集成", "状态:{status}", "影响:{impact}", "当前动作:{current_action}",
                      "下次更新时间:{next_update}", "事件负责人:{commander}"],
            "placeholders": { "impact": "[描述对用户的影响]", "current_action": "[正在执行的操作]",
                              "next_update": "[时间]", "commander": "@[姓名]" } }
  },
  "status_page": {
    "en": { "lines": ["{vendor} issue", "", "Some users may experience {impact}.", "", "Last updated: {last_updated}"],
            "placeholders": { "impact": "[specific impact]" } },
    "zh": { "lines": ["{vendor}故障", "", "部分用户可能遇到{impact}。", "", "最后更新:{last_updated}"],
            "placeholders": { "impact": "[具体影响]" } }
  },
  "postmortem": {
    "en": { "lines": ["## Incident: {vendor} {error_type}", "**Date:** {date} (times in {zone})", "**Duration:** {duration}",
                      "**Severity:** {severity}", "", "### Summary", "{summary}", "", "### Timeline", "{timeline}", "",
                      "### Impact", "- Description: {impact}", "- Users affected: N"],
            "placeholders": { "error_type": "[Error Type]", "summary": "[1-2 sentence description]",
                              "timeline": "- HH:MM - [Event]\n- HH:MM - [Event]", "event": "[Event]" } },
    "zh": { "lines": ["## 事件:{vendor} {error_type}", "**日期:** {date}(时间为 {zone})", "**持续时间:** {duration}",
                      "**严重级别:** {severity}", "", "### 摘要", "{summary}", "", "### 时间线", "{timeline}", "",
                      "### 影响", "- 描述:{impact}", "- 受影响用户数:N"],
            "placeholders": { "error_type": "[错误类型]", "summary": "[1-2句话描述事件]",
                              "timeline": "- HH:MM - [事件]\n- HH:MM - [事件]", "event": "[事件]" } }
  },
  "error_types": {
    "auth": { "en": "401/403 - Authentication", "zh": "401/403 - 认证错误" },
    "rate_limited": { "en": "429 - Rate Limited", "zh": "429 - 触发限流" },
    "vendor": { "en": "5xx - Vendor Errors", "zh": "5xx - 供应商侧错误" },
    "other": { "en": "Integration issue", "zh": "集成问题" }
  }
}"####;

pub(crate) fn test_templates() -> MessageTemplates {
    serde_json::from_str(TEST_TEMPLATES_JSON).expect("the test templates parse")
}

pub(crate) fn test_vendor() -> Bilingual {
    Bilingual::new("Acme", "艾克米")
}
