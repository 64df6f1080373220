use crate::hash::short_hex;

const OPEN: &str = "<script type=\"module\">";
const CLOSE: &str = "</script>";

/// The only inline script: it starts the app's boot module once the pre-rendered runbook has
/// painted (first contentful paint; the load event where paint timing is missing; after 3 s
/// at the latest), so no script request competes with the page and its CSS. Its text never
/// changes from build to build, so the CSP in deploy/nginx.conf allows it by its hash
/// (`openssl dgst -sha256 -binary | base64` of exactly this text).
pub const LOADER: &str = concat!(
    "{const boot=document.currentScript.dataset.boot;let started=false;",
    "const start=()=>{if(!started){started=true;setTimeout(()=>import(boot))}};",
    "if(PerformanceObserver.supportedEntryTypes?.includes(\"paint\"))new PerformanceObserver(list=>{",
    "if(list.getEntriesByName(\"first-contentful-paint\").length)start()",
    "}).observe({type:\"paint\",buffered:true});else addEventListener(\"load\",start);",
    "setTimeout(start,3000)}"
);

/// Moves Trunk's inline module script into `boot-HASH.js`, loaded by [`LOADER`], and drops
/// Trunk's preloads of the JS bindings and the wasm (they would be fetched before the first paint).
/// Returns the new html, the file name and its contents.
pub fn externalize(html: &str) -> Result<(String, String, String), String> {
    let start = html
        .find(OPEN)
        .ok_or("index.html has no inline module script from Trunk")?;
    let body_start = start + OPEN.len();
    let len = html[body_start..].find(CLOSE).ok_or("unterminated inline script")?;
    let js = html[body_start..body_start + len].trim().to_string();
    let file = format!("boot-{}.js", short_hex(js.as_bytes()));
    let tag = format!("<script data-boot=\"/{file}\">{LOADER}</script>");
    let out = format!("{}{}{}", &html[..start], tag, &html[body_start + len + CLOSE.len()..]);
    if out.contains(OPEN) {
        return Err("more than one inline module script; the CSP would block it".into());
    }
    Ok((without_preloads(&out), file, js + "\n"))
}

fn without_preloads(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = ["<link rel=\"modulepreload\"", "<link rel=\"preload\""]
        .iter()
        .filter_map(|tag| rest.find(tag))
        .min()
    {
        out += &rest[..start];
        let end = rest[start..].find('>').map_or(rest.len(), |e| start + e + 1);
        rest = &rest[end..];
    }
    out + rest
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moves_the_inline_script_out_behind_the_loader() {
        let html = "<head><link rel=\"modulepreload\" href=\"/a.js\" crossorigin=\"anonymous\"><link rel=\"preload\" href=\"/a.wasm\" as=\"fetch\"></head><body><script type=\"module\">\nimport init from '/a.js';\nawait init();\n</script></body>";
        let (out, file, js) = externalize(html).unwrap();
        assert!(file.starts_with("boot-") && file.ends_with(".js"));
        assert_eq!(
            out,
            format!("<head></head><body><script data-boot=\"/{file}\">{LOADER}</script></body>")
        );
        assert_eq!(js, "import init from '/a.js';\nawait init();\n");
    }

    #[test]
    fn refuses_html_without_the_script() {
        assert!(externalize("<body></body>").is_err());
    }
}
