//! Validators for values that end up in commands, URLs and config.
//! Each returns a bilingual reason when the value is rejected.

use crate::i18n::Bilingual;

pub type Checked = Result<(), Bilingual>;

fn fail(en: impl Into<String>, zh: impl Into<String>) -> Checked {
    Err(Bilingual::new(en, zh))
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

/// A key inside a Secret's data: `[-._a-zA-Z0-9]+`.
pub fn secret_key(v: &str) -> Checked {
    let ok = !v.is_empty() && v.len() <= 253 && v.bytes().all(|b| b.is_ascii_alphanumeric() || b"-._".contains(&b));
    if ok {
        Ok(())
    } else {
        fail(
            "must be a Secret key: letters, digits, '-', '_' or '.'",
            "必须是 Secret 键名:字母、数字、'-'、'_' 或 '.'",
        )
    }
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

/// An equality-based label selector: `key=value[,key!=value...]`.
pub fn label_selector(v: &str) -> Checked {
    let ok = !v.is_empty()
        && v.split(',').all(|term| {
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
        });
    if ok {
        Ok(())
    } else {
        fail(
            "must be a label selector such as app=instantly-integration (key=value, comma separated)",
            "必须是标签选择器,例如 app=instantly-integration(key=value,以逗号分隔)",
        )
    }
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
        !host.is_empty() && !host.contains('@') && !r.chars().any(|c| c.is_whitespace() || c.is_control())
    });
    if ok {
        Ok(())
    } else {
        fail(
            "must be an http(s) URL such as https://api.example.com/health",
            "必须是 http(s) 地址,例如 https://api.example.com/health",
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
    use super::*;

    #[test]
    fn dns_labels() {
        for ok in ["prod", "a", "instantly-integration", "x1"] {
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
        assert!(dns1123_subdomain("instantly.secrets-1").is_ok());
        assert!(dns1123_subdomain("a..b").is_err());
    }

    #[test]
    fn selectors() {
        for ok in [
            "app=instantly-integration",
            "app=x,tier!=web",
            "app.kubernetes.io/name=x",
            "env",
        ] {
            assert!(label_selector(ok).is_ok(), "{ok}");
        }
        for bad in ["", "app=x;rm", "app=$(id)", "app = x y", "app=x,", "=x"] {
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
        assert!(prometheus_name("instantly_errors_total").is_ok());
        assert!(prometheus_name("9x").is_err());
    }
}
