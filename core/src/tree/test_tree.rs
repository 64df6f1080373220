//! A small synthetic decision tree for unit tests: the four live-signal questions and an
//! outcome for each way through, for a made-up vendor. Tests of the shipped runbooks live in
//! core/tests/.

use super::Tree;

pub(crate) const TEST_TREE_JSON: &str = r#"{
  "root": "api_errors",
  "nodes": [
    { "id": "api_errors", "kind": "question", "signal": "api_errors",
      "text": { "en": "Vendor API returning errors?", "zh": "供应商 API 返回错误?", "source": "seed" },
      "answers": [
        { "value": "yes", "label": { "en": "YES", "zh": "是", "source": "seed" }, "next": "vendor_incident" },
        { "value": "no", "label": { "en": "NO", "zh": "否", "source": "seed" }, "next": "service_healthy" } ] },
    { "id": "vendor_incident", "kind": "question", "signal": "vendor_incident",
      "text": { "en": "Is the status page showing an incident?", "zh": "状态页是否显示有事件?", "source": "seed" },
      "answers": [
        { "value": "yes", "label": { "en": "YES", "zh": "是", "source": "seed" }, "next": "wait_for_vendor" },
        { "value": "no", "label": { "en": "NO", "zh": "否", "source": "seed" }, "next": "error_type" } ] },
    { "id": "error_type", "kind": "question", "signal": "error_type",
      "text": { "en": "Which status code dominates?", "zh": "哪类状态码占多数?", "source": "app" },
      "answers": [
        { "value": "auth", "label": { "en": "401/403 - Authentication", "zh": "401/403 - 认证错误", "source": "seed" }, "next": "auth_errors" },
        { "value": "rate_limited", "label": { "en": "429 - Rate Limited", "zh": "429 - 触发限流", "source": "seed" }, "next": "rate_limited" },
        { "value": "vendor", "label": { "en": "5xx - Vendor Errors", "zh": "5xx - 供应商侧错误", "source": "seed" }, "next": "vendor_errors" },
        { "value": "other", "label": { "en": "Other", "zh": "其他", "source": "app" }, "next": "other_errors" } ] },
    { "id": "service_healthy", "kind": "question", "signal": "service_healthy",
      "text": { "en": "Is our service healthy?", "zh": "我方服务是否正常?", "source": "seed" },
      "answers": [
        { "value": "yes", "label": { "en": "YES", "zh": "是", "source": "seed" }, "next": "monitor" },
        { "value": "no", "label": { "en": "NO", "zh": "否", "source": "seed" }, "next": "infrastructure" } ] },
    { "id": "wait_for_vendor", "kind": "outcome", "typical_severity": "P2", "runbook_section": "vendor",
      "text": { "en": "Wait for the vendor.", "zh": "等待供应商修复。", "source": "seed" },
      "summary": { "en": "The vendor declared an incident.", "zh": "供应商已公布事件。", "source": "app" },
      "actions": [ { "text": { "en": "Enable fallback", "zh": "启用降级", "source": "seed" } } ],
      "next_step": { "en": "Watch the status page.", "zh": "关注状态页。", "source": "app" } },
    { "id": "auth_errors", "kind": "outcome", "typical_severity": "P2", "runbook_section": "auth", "error_type": "auth",
      "text": { "en": "401/403 - Authentication", "zh": "401/403 - 认证错误", "source": "seed" },
      "summary": { "en": "The key is refused.", "zh": "密钥被拒绝。", "source": "app" },
      "actions": [ { "text": { "en": "Rotate the key", "zh": "轮换密钥", "source": "seed" } } ],
      "next_step": { "en": "Check the errors stop.", "zh": "确认错误停止。", "source": "app" } },
    { "id": "rate_limited", "kind": "outcome", "typical_severity": "P3", "runbook_section": "rate", "error_type": "rate_limited",
      "text": { "en": "429 - Rate Limited", "zh": "429 - 触发限流", "source": "seed" },
      "summary": { "en": "Too many requests.", "zh": "请求过多。", "source": "app" },
      "actions": [ { "text": { "en": "Slow down", "zh": "降低速率", "source": "seed" } } ],
      "next_step": { "en": "Watch the rate.", "zh": "关注速率。", "source": "app" } },
    { "id": "vendor_errors", "kind": "outcome", "typical_severity": "P2", "runbook_section": "vendor", "error_type": "vendor",
      "text": { "en": "5xx - Vendor Errors", "zh": "5xx - 供应商侧错误", "source": "seed" },
      "summary": { "en": "The vendor fails.", "zh": "供应商出错。", "source": "app" },
      "actions": [ { "text": { "en": "Enable fallback", "zh": "启用降级", "source": "seed" } } ],
      "next_step": { "en": "Contact the vendor.", "zh": "联系供应商。", "source": "app" } },
    { "id": "other_errors", "kind": "outcome", "typical_severity": "P3", "runbook_section": "actions", "error_type": "other",
      "text": { "en": "Our integration issue.", "zh": "我方集成问题。", "source": "seed" },
      "summary": { "en": "Something else.", "zh": "其他问题。", "source": "app" },
      "actions": [ { "text": { "en": "Read the logs", "zh": "查看日志", "source": "seed" } } ],
      "next_step": { "en": "Find the cause.", "zh": "找出原因。", "source": "app" } },
    { "id": "monitor", "kind": "outcome", "typical_severity": "P4", "runbook_section": "triage",
      "text": { "en": "Likely resolved or intermittent. Monitor.", "zh": "可能已恢复或间歇性问题,继续监控。", "source": "seed" },
      "summary": { "en": "No errors now.", "zh": "目前没有错误。", "source": "app" },
      "actions": [ { "text": { "en": "Keep watching", "zh": "继续观察", "source": "seed" } } ],
      "next_step": { "en": "Close if quiet.", "zh": "若无异常则关闭。", "source": "app" } },
    { "id": "infrastructure", "kind": "outcome", "typical_severity": "P2", "runbook_section": "triage",
      "text": { "en": "Our infrastructure issue.", "zh": "我方基础设施问题。", "source": "seed" },
      "summary": { "en": "Our side is unhealthy.", "zh": "我方服务异常。", "source": "app" },
      "actions": [ { "text": { "en": "Check pods", "zh": "检查 Pod", "source": "seed" } } ],
      "next_step": { "en": "Fix our side.", "zh": "修复我方问题。", "source": "app" } }
  ]
}"#;

pub(crate) fn test_tree() -> Tree {
    Tree::parse(TEST_TREE_JSON).expect("the test tree parses")
}
