use crate::hash::short_hex;

const OPEN: &str = "<script type=\"module\">";
const CLOSE: &str = "</script>";

/// Replaces Trunk's inline module script with `<script type="module" src="/boot-HASH.js">`,
/// fetched at low priority: the pre-rendered runbook and its CSS paint without it.
/// Returns the new html, the file name and its contents.
pub fn externalize(html: &str) -> Result<(String, String, String), String> {
    let start = html.find(OPEN).ok_or("index.html has no inline module script from Trunk")?;
    let body_start = start + OPEN.len();
    let len = html[body_start..].find(CLOSE).ok_or("unterminated inline script")?;
    let js = html[body_start..body_start + len].trim().to_string();
    let file = format!("boot-{}.js", short_hex(js.as_bytes()));
    let tag = format!("<script type=\"module\" fetchpriority=\"low\" src=\"/{file}\"></script>");
    let out = format!("{}{}{}", &html[..start], tag, &html[body_start + len + CLOSE.len()..]);
    if out.contains(OPEN) {
        return Err("more than one inline module script; the CSP would block it".into());
    }
    Ok((out, file, js + "\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moves_the_inline_script_out() {
        let html = "<head></head><body><script type=\"module\">\nimport init from '/a.js';\nawait init();\n</script></body>";
        let (out, file, js) = externalize(html).unwrap();
        assert!(file.starts_with("boot-") && file.ends_with(".js"));
        assert_eq!(out, format!("<head></head><body><script type=\"module\" fetchpriority=\"low\" src=\"/{file}\"></script></body>"));
        assert_eq!(js, "import init from '/a.js';\nawait init();\n");
    }

    #[test]
    fn refuses_html_without_the_script() {
        assert!(externalize("<body></body>").is_err());
    }
}
