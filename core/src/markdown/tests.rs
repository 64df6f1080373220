use super::test_support::{assert_safe_html, scan_tags};
use super::*;
use proptest::prelude::*;

fn anchors(html: &str) -> Vec<Vec<(String, String)>> {
    scan_tags(html)
        .into_iter()
        .filter(|t| t.name == "a")
        .map(|t| t.attributes)
        .collect()
}

#[test]
fn renders_tables_heading_ids_code_languages_and_strikethrough() {
    let html = render_safe(
        "## Severity {#severity-levels}\n\n| Level | Time |\n|---|---|\n| P1 | < 15 min |\n\n\
         ```bash\nkubectl get pods 2>&1\n```\n\n~~old~~\n",
    );
    assert!(html.contains("<h2 id=\"severity-levels\">Severity</h2>"), "{html}");
    assert!(
        html.contains("<table>") && html.contains("<td>&lt; 15 min</td>"),
        "{html}"
    );
    assert!(
        html.contains("<pre tabindex=\"0\"><code class=\"language-bash\">kubectl get pods 2&gt;&amp;1\n</code></pre>"),
        "{html}"
    );
    assert!(html.contains("<del>old</del>"), "{html}");
    assert_safe_html(&html);
}

#[test]
fn raw_html_is_shown_as_text() {
    let vectors = [
        ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        (
            "Hello <script>alert(1)</script> world",
            "Hello &lt;script&gt;alert(1)&lt;/script&gt; world",
        ),
        ("<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert(1)&gt;"),
        (
            "text <img src=x onerror=alert(1)> text",
            "&lt;img src=x onerror=alert(1)&gt;",
        ),
        ("<svg onload=alert(1)>", "&lt;svg onload=alert(1)&gt;"),
        (
            "<iframe src=\"javascript:alert(1)\"></iframe>",
            "&lt;iframe src=\"javascript:alert(1)\"&gt;",
        ),
        (
            "<style>body{display:none}</style>",
            "&lt;style&gt;body{display:none}&lt;/style&gt;",
        ),
        ("<!-- hidden -->", "&lt;!-- hidden --&gt;"),
        ("a <!-- hidden --> b", "&lt;!-- hidden --&gt;"),
        (
            "<a href=\"javascript:alert(1)\">x</a>",
            "&lt;a href=\"javascript:alert(1)\"&gt;x&lt;/a&gt;",
        ),
        ("<div\nonclick=\"alert(1)\">x</div>", "onclick=\"alert(1)\"&gt;"),
    ];
    for (markdown, visible) in vectors {
        let html = render_safe(markdown);
        assert_safe_html(&html);
        assert!(
            !html.contains("<script") && !html.contains("<img") && !html.contains("<!--"),
            "{html}"
        );
        assert!(
            html.contains(visible),
            "{markdown:?} should show {visible:?}, got {html}"
        );
    }
}

#[test]
fn unsafe_link_targets_render_as_plain_text() {
    let vectors = [
        "[click me](javascript:alert(1))",
        "[click me](JaVaScRiPt:alert(1))",
        "[click me](<java\tscript:alert(1)>)",
        "[click me](java&#9;script:alert(1))",
        "[click me](java&#x0A;script:alert(1))",
        "[click me](&#106;avascript:alert(1))",
        "[click me](javascript&colon;alert(1))",
        "[click me](< javascript:alert(1)>)",
        "[click me](<\u{1}javascript:alert(1)>)",
        "[click me](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "[click me](vbscript:msgbox(1))",
        "[click me](//evil.example/phish)",
        "[click me](/\\evil.example/phish)",
        "[click me](file:///etc/passwd)",
        "[click me][ref]\n\n[ref]: javascript:alert(1)",
    ];
    for markdown in vectors {
        let html = render_safe(markdown);
        assert_safe_html(&html);
        assert!(anchors(&html).is_empty(), "{markdown:?} became a link: {html}");
        assert!(html.contains("click me"), "{markdown:?} lost its text: {html}");
    }
    let autolink = render_safe("<javascript:alert(1)>");
    assert!(
        anchors(&autolink).is_empty() && autolink.contains("javascript:alert(1)"),
        "{autolink}"
    );
}

#[test]
fn safe_links_keep_their_target_and_external_ones_do_not_leak_the_opener() {
    let html = render_safe("[status](https://status.acme.example)");
    assert_eq!(
        html,
        "<p><a href=\"https://status.acme.example\" target=\"_blank\" rel=\"noopener noreferrer\">status</a></p>\n"
    );
    let html = render_safe("<oncall@example.com> and [tree](#decision-tree) and [up](../other?x=1&y=2)");
    assert!(
        html.contains("<a href=\"mailto:oncall@example.com\" rel=\"noopener noreferrer\">"),
        "{html}"
    );
    assert!(html.contains("<a href=\"#decision-tree\">tree</a>"), "{html}");
    assert!(html.contains("<a href=\"../other?x=1&amp;y=2\">up</a>"), "{html}");
    assert_safe_html(&html);
}

#[test]
fn link_titles_cannot_break_out_of_their_attribute() {
    let html = render_safe("[x](https://example.com \"a\\\" onmouseover=\\\"alert(1)\")");
    let attributes = &anchors(&html)[0];
    let names: Vec<&str> = attributes.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["href", "title", "target", "rel"], "{html}");
    assert!(html.contains("title=\"a&quot; onmouseover=&quot;alert(1)\""), "{html}");
    assert_safe_html(&html);
}

#[test]
fn heading_ids_and_attributes_are_sanitized() {
    let html =
        render_safe("# Title {#x\" onmouseover=\"alert(1)}\n\n## Other {#Mixed_Case.id onclick=alert(1) .evil}\n");
    assert_safe_html(&html);
    let ids: Vec<String> = scan_tags(&html)
        .into_iter()
        .flat_map(|t| t.attributes)
        .filter(|(n, _)| n == "id")
        .map(|(_, v)| v)
        .collect();
    assert!(
        ids.iter().all(|id| id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')),
        "{html}"
    );
    assert!(html.contains("<h2 id=\"mixed-case-id\">Other</h2>"), "{html}");
    assert!(!html.contains("class="), "{html}");
}

#[test]
fn sanitize_id_keeps_only_lowercase_digits_and_single_dashes() {
    assert_eq!(sanitize_id("auth-errors").as_deref(), Some("auth-errors"));
    assert_eq!(sanitize_id("Step 1").as_deref(), Some("step-1"));
    assert_eq!(sanitize_id("x\" onmouseover=\"a").as_deref(), Some("x-onmouseover-a"));
    assert_eq!(sanitize_id("--a--b--").as_deref(), Some("a-b"));
    assert_eq!(sanitize_id("概述"), None);
}

#[test]
fn images_render_as_their_alt_text() {
    for markdown in [
        "![status graph](https://evil.example/track.png)",
        "![status graph](javascript:alert(1))",
        "![status graph](https://evil.example/x.png 'a\" onerror=\"alert(1)')",
    ] {
        let html = render_safe(markdown);
        assert_safe_html(&html);
        assert!(
            html.contains("status graph") && !html.contains("evil.example") && !html.contains("onerror"),
            "{html}"
        );
    }
    let html = render_safe("![<img src=x onerror=alert(1)>](x)");
    assert_safe_html(&html);
    assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;"), "{html}");
}

#[test]
fn code_fence_language_cannot_inject_attributes() {
    let html = render_safe("```bash\" onclick=\"alert(1)\necho hi\n```\n");
    assert_eq!(html, "<pre tabindex=\"0\"><code>echo hi\n</code></pre>\n");
    let html = render_safe("```Markdown extra words\n# not a heading\n```\n");
    assert_eq!(
        html,
        "<pre tabindex=\"0\"><code class=\"language-markdown\"># not a heading\n</code></pre>\n"
    );
}

fn hostile_markdown() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("<script>alert(1)</script>".to_string()),
        Just("<img src=x onerror=alert(1)>".to_string()),
        Just("[x](".to_string()),
        Just("](".to_string()),
        Just(")".to_string()),
        Just("javascript:".to_string()),
        Just("java&#9;script:".to_string()),
        Just("![".to_string()),
        Just(" {#".to_string()),
        Just("}".to_string()),
        Just("\"".to_string()),
        Just("`".to_string()),
        Just("```".to_string()),
        Just("\n".to_string()),
        Just("# ".to_string()),
        Just("| a | b |\n|---|---|\n".to_string()),
        "[ -~]{0,8}",
        any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(piece, 0..40).prop_map(|pieces| pieces.concat())
}

proptest! {
    #[test]
    fn any_input_renders_only_safe_markup(markdown in hostile_markdown()) {
        assert_safe_html(&render_safe(&markdown));
    }
}
