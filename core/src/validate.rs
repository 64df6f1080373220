//! Validators for values that end up in commands, URLs and config.
//! Each returns a bilingual reason when the value is rejected.

use chrono::{DateTime, Duration, Utc};

use crate::i18n::Bilingual;

pub type Checked = Result<(), Bilingual>;

fn fail(en: impl Into<String>, zh: impl Into<String>) -> Checked {
    Err(Bilingual::new(en, zh))
}

/// Earliest time an incident can have: older ones are a damaged or forged file.
pub const EARLIEST_TIME: DateTime<Utc> = match DateTime::from_timestamp(946_684_800, 0) {
    Some(t) => t,
    None => panic!("2000-01-01T00:00:00Z is a valid time"),
};

/// A time read from storage, a file or a link: from 2000-01-01T00:00:00Z to one day after `now`
/// (clock skew between machines). Inside this window every timer and message stays in range.
pub fn time_in_range(t: DateTime<Utc>, now: DateTime<Utc>) -> Checked {
    let latest = now
        .checked_add_signed(Duration::days(1))
        .unwrap_or(DateTime::<Utc>::MAX_UTC);
    if t >= EARLIEST_TIME && t <= latest {
        Ok(())
    } else {
        fail(
            format!(
                "is {}, outside 2000-01-01T00:00:00Z to {} (now + 1 day)",
                t.to_rfc3339(),
                latest.to_rfc3339()
            ),
            format!(
                "为 {},不在 2000-01-01T00:00:00Z 至 {}(当前时间 + 1 天)之间",
                t.to_rfc3339(),
                latest.to_rfc3339()
            ),
        )
    }
}

/// Kubernetes DNS-1123 label: namespaces, label-free names such as containers.
pub fn dns1123_label(v: &str) -> Checked {
    let ok = !v.is_empty()
        && v.len() <= 63
        && v.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !v.starts_with('-')
        && !v.ends_with('-');
    if ok {
        Ok(())
    } else {
        fail(
            "must be a DNS-1123 label: 1-63 lowercase letters, digits or '-', starting and ending with a letter or digit",
            "必须是 DNS-1123 标签:1-63 个小写字母、数字或 '-',且以字母或数字开头和结尾",
        )
    }
}

/// Kubernetes DNS-1123 subdomain: deployments, secrets.
pub fn dns1123_subdomain(v: &str) -> Checked {
    let ok = !v.is_empty() && v.len() <= 253 && v.split('.').all(|part| dns1123_label(part).is_ok());
    if ok {
        Ok(())
    } else {
        fail(
            "must be a DNS-1123 name: lowercase letters, digits, '-' and '.', at most 253 characters",
            "必须是 DNS-1123 名称:小写字母、数字、'-' 和 '.',最多 253 个字符",
        )
    }
}

/// The name of a key inside a Secret's data: `[-._a-zA-Z0-9]+`, and not something that looks
/// like a credential pasted into the wrong field.
pub fn secret_key(v: &str) -> Checked {
    let ok = !v.is_empty() && v.len() <= 253 && v.bytes().all(|b| b.is_ascii_alphanumeric() || b"-._".contains(&b));
    if !ok {
        return fail(
            "must be the name of a key inside the Secret: letters, digits, '-', '_' or '.'",
            "必须是 Secret 中的键名:字母、数字、'-'、'_' 或 '.'",
        );
    }
    if looks_like_credential(v) {
        return fail(
            "looks like an API key itself, not the name it is stored under (such as api-key); enter the name, never the key",
            "看起来像 API 密钥本身,而不是存放它的键名(例如 api-key);请填写键名,切勿填写密钥",
        );
    }
    Ok(())
}

/// Prefixes of well-known credential formats, each followed by a long random part.
const CREDENTIAL_PREFIXES: [&str; 14] = [
    "sk-",
    "sk_",
    "pk_",
    "rk_",
    "ghp_",
    "gho_",
    "ghs_",
    "github_pat_",
    "glpat-",
    "xoxb-",
    "xoxp-",
    "AKIA",
    "AIza",
    "eyJ",
];

/// A credential rather than a key name: a known prefix followed by 16 or more characters, a
/// UUID, or more than 24 characters that switch between lower case, upper case and digits as
/// often as random base64 or hex does (names are words: `vendor.api-key`, `API_KEY_V2`).
pub fn looks_like_credential(v: &str) -> bool {
    let prefixed = CREDENTIAL_PREFIXES
        .iter()
        .any(|p| v.strip_prefix(p).is_some_and(|rest| rest.len() >= 16));
    let uuid = v.len() == 36
        && v.split('-').map(str::len).eq([8, 4, 4, 4, 12])
        && v.bytes().all(|b| b == b'-' || b.is_ascii_hexdigit());
    prefixed || uuid || (v.len() > 24 && class_switches(v) * 4 >= v.len())
}

/// How often consecutive characters change class (lower, upper, digit); separators reset.
fn class_switches(v: &str) -> usize {
    let class = |b: u8| match b {
        b'a'..=b'z' => Some(0),
        b'A'..=b'Z' => Some(1),
        b'0'..=b'9' => Some(2),
        _ => None,
    };
    v.bytes()
        .map(class)
        .collect::<Vec<_>>()
        .windows(2)
        .filter(|w| matches!(w, [Some(a), Some(b)] if a != b))
        .count()
}

/// A kubeconfig context name: printable, no whitespace, no shell-looking lead dash.
pub fn kube_context(v: &str) -> Checked {
    let ok = !v.is_empty()
        && v.len() <= 253
        && !v.starts_with('-')
        && v.bytes().all(|b| b.is_ascii_alphanumeric() || b"-._:@/".contains(&b));
    if ok {
        Ok(())
    } else {
        fail(
            "must be a kube context name: letters, digits and - . _ : @ /, not starting with '-'",
            "必须是 kube context 名称:字母、数字及 - . _ : @ /,且不能以 '-' 开头",
        )
    }
}

fn label_key(k: &str) -> bool {
    let (prefix, name) = match k.rsplit_once('/') {
        Some((p, n)) => (Some(p), n),
        None => (None, k),
    };
    let name_ok = !name.is_empty()
        && name.len() <= 63
        && name.bytes().all(|b| b.is_ascii_alphanumeric() || b"-._".contains(&b))
        && name.bytes().next().is_some_and(|b| b.is_ascii_alphanumeric())
        && name.bytes().last().is_some_and(|b| b.is_ascii_alphanumeric());
    name_ok && prefix.is_none_or(|p| dns1123_subdomain(p).is_ok())
}

fn label_value(v: &str) -> bool {
    v.is_empty()
        || (v.len() <= 63
            && v.bytes().all(|b| b.is_ascii_alphanumeric() || b"-._".contains(&b))
            && v.bytes().next().is_some_and(|b| b.is_ascii_alphanumeric())
            && v.bytes().last().is_some_and(|b| b.is_ascii_alphanumeric()))
}

/// The terms of a selector: split at the commas outside parentheses; `None` when they don't pair.
fn selector_terms(v: &str) -> Option<Vec<&str>> {
    let (mut terms, mut depth, mut start) = (Vec::new(), 0u32, 0);
    for (i, b) in v.bytes().enumerate() {
        match b {
            b'(' if depth == 0 => depth = 1,
            b')' if depth == 1 => depth = 0,
            b'(' | b')' => return None,
            b',' if depth == 0 => {
                terms.push(&v[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    terms.push(&v[start..]);
    (depth == 0).then_some(terms)
}

/// `key in (a,b)` / `key notin (a,b)`.
fn set_requirement(term: &str) -> bool {
    let Some((key, rest)) = term.split_once(char::is_whitespace) else {
        return false;
    };
    let rest = rest.trim_start();
    let Some(values) = rest
        .strip_prefix("notin")
        .or_else(|| rest.strip_prefix("in"))
        .and_then(|r| r.trim_start().strip_prefix('('))
        .and_then(|r| r.strip_suffix(')'))
    else {
        return false;
    };
    label_key(key) && values.split(',').all(|val| label_value(val.trim()))
}

/// A label selector as kubectl takes it: `key=value`, `key==value`, `key!=value`, `key`, `!key`,
/// `key in (a,b)` and `key notin (a,b)`, comma separated.
pub fn label_selector(v: &str) -> Checked {
    let ok = !v.is_empty() && selector_terms(v).is_some_and(|terms| terms.into_iter().all(selector_term));
    if ok {
        Ok(())
    } else {
        fail(
            "must be a label selector such as app=my-service (key=value, key!=value, key in (a,b), !key; comma separated)",
            "必须是标签选择器,例如 app=my-service(key=value、key!=value、key in (a,b)、!key,以逗号分隔)",
        )
    }
}

fn selector_term(term: &str) -> bool {
    let term = term.trim();
    if term.contains('(') {
        return set_requirement(term);
    }
    if let Some(key) = term.strip_prefix('!') {
        return label_key(key.trim());
    }
    let (k, val) = if let Some((k, val)) = term.split_once("!=") {
        (k, val)
    } else if let Some((k, val)) = term.split_once("==") {
        (k, val)
    } else if let Some((k, val)) = term.split_once('=') {
        (k, val)
    } else {
        (term, "")
    };
    label_key(k.trim()) && label_value(val.trim())
}

/// A Go/kubectl duration such as `5m`, `1h30m`, `90s`.
pub fn duration(v: &str) -> Checked {
    let mut digits = 0;
    let mut units = 0;
    let mut ok = !v.is_empty() && v.len() <= 16;
    for c in v.chars() {
        if c.is_ascii_digit() {
            digits += 1;
        } else if matches!(c, 's' | 'm' | 'h') && digits > 0 {
            digits = 0;
            units += 1;
        } else {
            ok = false;
        }
    }
    if ok && digits == 0 && units > 0 {
        Ok(())
    } else {
        fail(
            "must be a duration such as 5m, 1h or 1h30m",
            "必须是时长,例如 5m、1h 或 1h30m",
        )
    }
}

/// An absolute http(s) URL with a host and no whitespace or credentials.
pub fn http_url(v: &str) -> Checked {
    let rest = v.strip_prefix("https://").or_else(|| v.strip_prefix("http://"));
    let ok = rest.is_some_and(|r| {
        let host = r.split(['/', '?', '#']).next().unwrap_or("");
        !host.is_empty() && !host.contains('@') && r.chars().all(|c| c.is_ascii_graphic())
    });
    if ok {
        Ok(())
    } else {
        fail(
            "must be an http(s) URL in plain ASCII such as https://api.example.com/health (a non-ASCII host is written as xn--…)",
            "必须是纯 ASCII 的 http(s) 地址,例如 https://api.example.com/health(非 ASCII 主机名请写成 xn--… 形式)",
        )
    }
}

/// A same-origin path for the reverse proxy: starts with one '/', no scheme, no host.
pub fn same_origin_path(v: &str) -> Checked {
    let ok = v.starts_with('/')
        && !v.starts_with("//")
        && !v.contains('\\')
        && !v.split('/').any(|seg| seg == "..")
        && !v.chars().any(|c| c.is_whitespace() || c.is_control());
    if ok {
        Ok(())
    } else {
        fail(
            "must be a same-origin path starting with '/', such as /proxy/health",
            "必须是以 '/' 开头的同源路径,例如 /proxy/health",
        )
    }
}

/// A Prometheus metric or label name.
pub fn prometheus_name(v: &str) -> Checked {
    let ok = v.bytes().next().is_some_and(|b| b.is_ascii_alphabetic() || b == b'_')
        && v.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b':');
    if ok {
        Ok(())
    } else {
        fail(
            "must be a Prometheus name: letters, digits, '_' or ':', not starting with a digit",
            "必须是 Prometheus 名称:字母、数字、'_' 或 ':',且不能以数字开头",
        )
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn times_are_bounded_from_2000_to_a_day_after_now() {
        use chrono::{TimeZone, Utc};
        let now = Utc.with_ymd_and_hms(2026, 3, 6, 10, 0, 0).unwrap();
        let ok = |t| super::time_in_range(t, now).is_ok();
        assert!(ok(super::EARLIEST_TIME));
        assert!(!ok(super::EARLIEST_TIME - chrono::Duration::seconds(1)));
        assert!(ok(now + chrono::Duration::days(1)));
        assert!(!ok(now + chrono::Duration::days(1) + chrono::Duration::seconds(1)));
        assert!(!ok(chrono::DateTime::<Utc>::MAX_UTC));
        assert!(super::time_in_range(chrono::DateTime::<Utc>::MAX_UTC, chrono::DateTime::<Utc>::MAX_UTC).is_ok());
        let why = super::time_in_range(chrono::DateTime::<Utc>::MIN_UTC, now).unwrap_err();
        assert!(why.en.contains("2000-01-01T00:00:00Z") && why.zh.contains("2000-01-01T00:00:00Z"));
    }

    use super::*;

    #[test]
    fn dns_labels() {
        for ok in ["prod", "a", "mail-sync-integration", "x1"] {
            assert!(dns1123_label(ok).is_ok(), "{ok}");
        }
        for bad in [
            "",
            "-a",
            "a-",
            "Prod",
            "a_b",
            "a.b",
            "$(rm -rf /)",
            "a b",
            &"a".repeat(64),
        ] {
            assert!(dns1123_label(bad).is_err(), "{bad}");
        }
        assert!(dns1123_subdomain("mail-sync.secrets-1").is_ok());
        assert!(dns1123_subdomain("a..b").is_err());
    }

    #[test]
    fn selectors() {
        for ok in [
            "app=mail-sync-integration",
            "app=x,tier!=web",
            "app.kubernetes.io/name=x",
            "env",
        ] {
            assert!(label_selector(ok).is_ok(), "{ok}");
        }
        for ok in [
            "env in (a,b),!legacy,tier!=web",
            "app.kubernetes.io/name notin (x, y)",
            "env in (a)",
            "!canary",
        ] {
            assert!(label_selector(ok).is_ok(), "{ok}");
        }
        for bad in [
            "",
            "app=x;rm",
            "app=$(id)",
            "app = x y",
            "app=x,",
            "=x",
            "env in (a,b",
            "env in a,b)",
            "env in ((a))",
            "env within (a)",
            "env in (a b)",
            "!",
            "!a=b",
        ] {
            assert!(label_selector(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn durations() {
        for ok in ["5m", "1h", "1h30m", "90s"] {
            assert!(duration(ok).is_ok(), "{ok}");
        }
        for bad in ["", "5", "m", "5d", "-5m", "5m;id", "1.5h"] {
            assert!(duration(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn urls_and_paths() {
        assert!(http_url("https://api.yourapp.com/health").is_ok());
        for bad in [
            "javascript:alert(1)",
            "https://",
            "https://u:p@h/",
            "https://a b",
            "ftp://x",
            "https://health.example.com/\u{202e}gpj.exe",
            "https://h\u{0435}alth.example.com/",
            "https://ｈｅａｌｔｈ.example.com/",
            "https://health.example.com/\u{200b}",
        ] {
            assert!(http_url(bad).is_err(), "{bad}");
        }
        assert!(same_origin_path("/proxy/health").is_ok());
        for bad in ["proxy", "//evil.com/x", "/a/../../b", "https://x/y", "/a b"] {
            assert!(same_origin_path(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn contexts_keys_names() {
        assert!(kube_context("arn:aws:eks:us-east-1:1:cluster/prod").is_ok());
        assert!(kube_context("--kubeconfig=/x").is_err());
        assert!(secret_key("api-key").is_ok());
        assert!(secret_key("api key").is_err());
        for name in [
            "mail-sync.api-key",
            "API_KEY_V2",
            "api-key-primary-production-2024",
            "MAIL_SYNC_INTEGRATION_API_KEY",
            "tls.crt",
            "sk-prod",
        ] {
            assert!(secret_key(name).is_ok(), "{name}");
        }
        for key in [
            "sk-proj-4fJ8kL2mQ9xR7tV1nB3c",
            "ghp_abcdefghijklmnopqrstuvwxyz0123456789",
            "AKIAIOSFODNN7EXAMPLE",
            "123e4567-e89b-12d3-a456-426614174000",
            "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
            "ZTNmMmI0YjUtNmMxZC00ZGE3LWI5NWQtYjQ2Y2E3OTU6bHhKcGVXa0Zkc1ZN",
            "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.abc",
        ] {
            let why = secret_key(key).unwrap_err();
            assert!(why.en.contains("looks like an API key itself"), "{key}");
            assert!(!why.en.contains(key) && !why.zh.contains(key));
        }
        assert!(prometheus_name("mail_sync_errors_total").is_ok());
        assert!(prometheus_name("9x").is_err());
    }
}
