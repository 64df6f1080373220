//! The internal Slack update and the external status page notice.

use crate::i18n::Lang;

use super::sanitize::{no_mass_mention, one_line, present};
use super::time::{stamp, stamp_near};
use super::MessageContext;

fn or<'a>(value: &'a Option<String>, placeholder: &'a str) -> &'a str {
    value.as_deref().unwrap_or(placeholder)
}

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

pub(super) fn slack_update(ctx: &MessageContext, lang: Lang) -> String {
    let marker = ctx.severity.marker();
    let severity = ctx.severity.as_str();
    let slack_text = |t: &str| no_mass_mention(t).0;
    let impact = present(ctx.impact.as_deref()).map(|t| slack_text(&t));
    let action = present(ctx.current_action.as_deref()).map(|t| slack_text(&t));
    let next = ctx.next_update.map(|t| stamp_near(&t, &ctx.now));
    let commander = present(ctx.commander.as_deref())
        .and_then(|c| present(Some(c.trim_start_matches('@'))))
        .map(|c| commander_mention(&c, lang));
    match lang {
        Lang::En => {
            let status = present(Some(&ctx.status_slack)).unwrap_or_else(|| one_line(&ctx.status.en).to_uppercase());
            let status = slack_text(&status);
            format!(
                "{marker} {severity} INCIDENT: Instantly Integration\n\
                 Status: {status}\n\
                 Impact: {}\n\
                 Current action: {}\n\
                 Next update: {}\n\
                 Incident commander: {}",
                or(&impact, "[Describe user impact]"),
                or(&action, "[What you're doing]"),
                or(&next, "[Time]"),
                or(&commander, "@[name]"),
            )
        }
        Lang::Zh => format!(
            "{marker} {severity}事件:Instantly集成\n\
             状态:{}\n\
             影响:{}\n\
             当前动作:{}\n\
             下次更新时间:{}\n\
             事件负责人:{}",
            slack_text(&ctx.status.zh),
            or(&impact, "[描述对用户的影响]"),
            or(&action, "[正在执行的操作]"),
            or(&next, "[时间]"),
            or(&commander, "@[姓名]"),
        ),
    }
}

pub(super) fn status_page(ctx: &MessageContext, lang: Lang) -> String {
    let impact = present(ctx.impact.as_deref()).and_then(|i| present(Some(i.trim_end_matches(['.', '。']))));
    let updated = stamp(&ctx.last_updated);
    match lang {
        Lang::En => format!(
            "Instantly Integration Issue\n\n\
             We're experiencing issues with our Instantly integration.\n\
             Some users may experience {}.\n\n\
             We're actively investigating and will provide updates.\n\n\
             Last updated: {updated}",
            or(&impact, "[specific impact]"),
        ),
        Lang::Zh => format!(
            "Instantly集成故障\n\n\
             我们的Instantly集成目前出现问题,部分用户可能遇到{}。\n\n\
             我们正在积极排查,会持续同步最新进展。\n\n\
             最后更新:{updated}",
            or(&impact, "[具体影响]"),
        ),
    }
}
