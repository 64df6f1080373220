//! Checks shared by the Markdown and runbook tests: what may appear as markup in rendered HTML.

const TAGS: &[&str] = &[
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "pre",
    "code",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "ul",
    "ol",
    "li",
    "a",
    "em",
    "strong",
    "del",
    "blockquote",
    "hr",
    "br",
];
const ATTRIBUTES: &[&str] = &[
    "id", "class", "href", "title", "target", "rel", "style", "start", "tabindex",
];

#[derive(Debug)]
pub(crate) struct ScannedTag {
    pub name: String,
    pub attributes: Vec<(String, String)>,
}

/// Every tag in `html`. Rendered text escapes `<`, so each `<` starts real markup.
pub(crate) fn scan_tags(html: &str) -> Vec<ScannedTag> {
    let mut tags = Vec::new();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        let inner = &rest[open + 1..];
        let close = inner.find('>').unwrap_or(inner.len());
        let body = inner[..close].trim_start_matches('/');
        let name_end = body.find(|c: char| c.is_whitespace() || c == '/').unwrap_or(body.len());
        tags.push(ScannedTag {
            name: body[..name_end].to_ascii_lowercase(),
            attributes: scan_attributes(&body[name_end..]),
        });
        rest = &inner[close..];
    }
    tags
}

fn scan_attributes(mut rest: &str) -> Vec<(String, String)> {
    let mut attributes = Vec::new();
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == '/');
        if rest.is_empty() {
            return attributes;
        }
        let name_end = rest.find(|c: char| c.is_whitespace() || c == '=').unwrap_or(rest.len());
        let name = rest[..name_end].to_ascii_lowercase();
        rest = &rest[name_end..];
        let mut value = String::new();
        if let Some(after_eq) = rest.strip_prefix('=') {
            let (quoted, end) = match after_eq.chars().next() {
                Some(q @ ('"' | '\'')) => (true, after_eq[1..].find(q).map_or(after_eq.len(), |i| i + 1)),
                _ => (false, after_eq.find(char::is_whitespace).unwrap_or(after_eq.len())),
            };
            value = after_eq[usize::from(quoted)..end].to_string();
            rest = after_eq.get(end + usize::from(quoted)..).unwrap_or("");
        }
        attributes.push((name, value));
    }
}

/// Panics unless every tag and attribute is one the renderer itself produces,
/// and every link target is http(s), mailto or relative.
pub(crate) fn assert_safe_html(html: &str) {
    for tag in scan_tags(html) {
        assert!(TAGS.contains(&tag.name.as_str()), "unexpected <{}> in {html}", tag.name);
        for (name, value) in &tag.attributes {
            assert!(
                ATTRIBUTES.contains(&name.as_str()),
                "unexpected attribute {name} on <{}> in {html}",
                tag.name
            );
            if name == "href" {
                let href = value.to_ascii_lowercase();
                let scheme_ok = ["http:", "https:", "mailto:"].iter().any(|s| href.starts_with(s));
                let relative = !href.starts_with("//")
                    && href
                        .find([':', '/', '?', '#'])
                        .is_none_or(|i| !href[i..].starts_with(':'));
                assert!(scheme_ok || relative, "unsafe href {value} in {html}");
            }
            if name == "style" {
                assert!(value.starts_with("text-align: "), "unexpected style {value} in {html}");
            }
        }
    }
}
