//! The internal Slack update and the external status page notice, filled into the runbook's
//! templates.

use crate::i18n::Lang;

use super::sanitize::{no_mass_mention, one_line, present};
use super::template::{LangTemplate, Values};
use super::time::{stamp, stamp_near};
use super::MessageContext;

/// `@alice`; a commander that would notify the whole channel (`here`, `<!channel>`) is written
/// without the '@' and says so.
fn commander_mention(handle: &str, lang: Lang) -> String {
    let (bare, defused) = no_mass_mention(&format!("@{handle}"));
    if !defused {
        return bare;
    }
    let bare = bare.trim_start_matches('@');
    match lang {
        Lang::En => format!("{bare} (not a person's handle; nobody was mentioned)"),
        Lang::Zh => format!("{bare}(不是个人用户名;未提及任何人)"),
    }
}

/// Fields every message can use.
fn common(ctx: &MessageContext, lang: Lang) -> Values {
    let mut v = Values::default();
    v.set("vendor", ctx.vendor.get(lang));
    v.set("severity", ctx.severity.as_str());
    v
}

/// The status Slack shows: the uppercase English word in English, the words in Chinese.
fn slack_status(ctx: &MessageContext, lang: Lang) -> String {
    let status = match lang {
        Lang::En => present(Some(&ctx.status_slack)).unwrap_or_else(|| one_line(&ctx.status.en).to_uppercase()),
        Lang::Zh => ctx.status.zh.clone(),
    };
    no_mass_mention(&status).0
}

pub(super) fn slack_update(template: &LangTemplate, ctx: &MessageContext, lang: Lang) -> String {
    let slack_text = |t: &str| no_mass_mention(t).0;
    let mut v = common(ctx, lang);
    v.set("marker", ctx.severity.marker());
    v.set("status", slack_status(ctx, lang));
    v.maybe("impact", present(ctx.impact.as_deref()).map(|t| slack_text(&t)));
    v.maybe(
        "current_action",
        present(ctx.current_action.as_deref()).map(|t| slack_text(&t)),
    );
    v.maybe("next_update", ctx.next_update.map(|t| stamp_near(&t, &ctx.now)));
    v.maybe(
        "commander",
        present(ctx.commander.as_deref())
            .and_then(|c| present(Some(c.trim_start_matches('@'))))
            .map(|c| commander_mention(&c, lang)),
    );
    template.fill(&v)
}

pub(super) fn status_page(template: &LangTemplate, ctx: &MessageContext, lang: Lang) -> String {
    let mut v = common(ctx, lang);
    v.maybe(
        "impact",
        present(ctx.impact.as_deref()).and_then(|i| present(Some(i.trim_end_matches(['.', '。'])))),
    );
    v.set("last_updated", stamp(&ctx.last_updated));
    template.fill(&v)
}
