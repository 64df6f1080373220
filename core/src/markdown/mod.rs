//! Markdown to HTML that is safe to insert as `innerHTML`.
//!
//! Content may contain anything, so nothing in it can become markup of its own: raw HTML is shown
//! as escaped text, links only keep http(s)/mailto/relative targets, images show their alt text
//! (the app works offline and loads nothing external), heading ids and code languages are reduced
//! to harmless characters.

use pulldown_cmark::{html, CodeBlockKind, CowStr, Event, LinkType, Options, Parser, Tag, TagEnd};

/// The Markdown dialect of runbook content: GFM tables, `{#id}` heading attributes, strikethrough.
pub fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_HEADING_ATTRIBUTES | Options::ENABLE_STRIKETHROUGH
}

pub fn render_safe(markdown: &str) -> String {
    render_safe_with_id_prefix(markdown, "")
}

/// Like `render_safe`, with `id_prefix` before every heading id, so that two languages of the
/// same content can share one page without duplicate ids.
pub fn render_safe_with_id_prefix(markdown: &str, id_prefix: &str) -> String {
    let mut rendered_links = Vec::new();
    let events =
        Parser::new_ext(markdown, options()).filter_map(|event| make_safe(event, id_prefix, &mut rendered_links));
    let mut out = String::with_capacity(markdown.len() + markdown.len() / 2);
    html::push_html(&mut out, events);
    out
}

/// `rendered_links` remembers, per open link, whether its `<a>` was written,
/// so the matching end writes `</a>` or nothing.
fn make_safe<'a>(event: Event<'a>, id_prefix: &str, rendered_links: &mut Vec<bool>) -> Option<Event<'a>> {
    match event {
        Event::Html(raw) | Event::InlineHtml(raw) => Some(Event::Text(raw)),
        Event::Start(Tag::HtmlBlock) => Some(Event::Start(Tag::Paragraph)),
        Event::End(TagEnd::HtmlBlock) => Some(Event::End(TagEnd::Paragraph)),
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            ..
        }) => {
            let href = match link_type {
                LinkType::Email => format!("mailto:{dest_url}"),
                _ => dest_url.into_string(),
            };
            let open_tag = link_kind(&href).map(|kind| anchor_open_tag(&href, &title, kind));
            rendered_links.push(open_tag.is_some());
            open_tag.map(|tag| Event::InlineHtml(tag.into()))
        }
        Event::End(TagEnd::Link) => rendered_links
            .pop()
            .unwrap_or(false)
            .then(|| Event::InlineHtml("</a>".into())),
        Event::Start(Tag::Image { .. }) | Event::End(TagEnd::Image) => None,
        Event::Start(Tag::Heading { level, id, .. }) => Some(Event::Start(Tag::Heading {
            level,
            id: id
                .and_then(|id| sanitize_id(&id))
                .map(|id| CowStr::from(format!("{id_prefix}{id}"))),
            classes: Vec::new(),
            attrs: Vec::new(),
        })),
        // Code blocks scroll sideways on a phone, so they must be reachable by keyboard.
        Event::Start(Tag::CodeBlock(kind)) => {
            let class = match kind {
                CodeBlockKind::Fenced(info) => code_language(&info).map(|l| format!(" class=\"language-{l}\"")),
                CodeBlockKind::Indented => None,
            };
            Some(Event::InlineHtml(
                format!("<pre tabindex=\"0\"><code{}>", class.unwrap_or_default()).into(),
            ))
        }
        other => Some(other),
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum LinkKind {
    /// http or https: opens in a new tab so the runbook stays open.
    Web,
    /// mailto: hands over to the mail client.
    Mail,
    /// No scheme and no host: stays on this site.
    Relative,
}

fn link_kind(href: &str) -> Option<LinkKind> {
    // Browsers drop tabs and newlines inside URLs ("java\tscript:"), so any control character
    // is refused outright instead of guessing what the browser would make of it.
    if href.chars().any(char::is_control) {
        return None;
    }
    let href = href.trim_matches(' ');
    match href.find([':', '/', '?', '#']) {
        Some(at) if href[at..].starts_with(':') => {
            let scheme = href[..at].to_ascii_lowercase();
            match scheme.as_str() {
                "http" | "https" => Some(LinkKind::Web),
                "mailto" => Some(LinkKind::Mail),
                _ => None,
            }
        }
        _ => {
            // "//host" and its backslash variants are scheme-relative: another site.
            let mut lead = href.chars().take(2);
            let slash = |c: Option<char>| matches!(c, Some('/' | '\\'));
            let scheme_relative = slash(lead.next()) && slash(lead.next());
            (!scheme_relative).then_some(LinkKind::Relative)
        }
    }
}

fn anchor_open_tag(href: &str, title: &str, kind: LinkKind) -> String {
    let mut tag = format!("<a href=\"{}\"", escape_attribute(href));
    if !title.is_empty() {
        tag.push_str(&format!(" title=\"{}\"", escape_attribute(title)));
    }
    match kind {
        LinkKind::Web => tag.push_str(" target=\"_blank\" rel=\"noopener noreferrer\""),
        LinkKind::Mail => tag.push_str(" rel=\"noopener noreferrer\""),
        LinkKind::Relative => {}
    }
    tag.push('>');
    tag
}

fn escape_attribute(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Lowercase `[a-z0-9-]`, other characters become single dashes; `None` when nothing is left.
pub fn sanitize_id(raw: &str) -> Option<String> {
    let mut id = String::with_capacity(raw.len());
    for c in raw.chars().map(|c| c.to_ascii_lowercase()) {
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            id.push(c);
        } else if !id.is_empty() && !id.ends_with('-') {
            id.push('-');
        }
    }
    let id = id.trim_end_matches('-');
    (!id.is_empty()).then(|| id.to_string())
}

/// The first word of a fence's info string, kept only if it looks like a language name.
fn code_language(info: &str) -> Option<String> {
    let lang = info.split_whitespace().next()?;
    let plausible = lang.len() <= 32
        && lang
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '+'));
    plausible.then(|| lang.to_ascii_lowercase())
}

#[cfg(test)]
pub(crate) mod test_support;
#[cfg(test)]
mod tests;
