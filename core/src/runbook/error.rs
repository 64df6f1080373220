//! Why runbook content could not be loaded, in both languages, naming the file and the fix.

use std::fmt;

use crate::i18n::{Bilingual, Lang};
use crate::severity::Severity;

/// A problem inside one language's Markdown document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DocumentProblem {
    MissingTitle,
    ExtraTitle { title: String },
    TextOutsideSection { excerpt: String },
    MissingId { heading: String },
    InvalidId { heading: String, id: String },
    DuplicateId { id: String },
    NoSections,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ContentError {
    Manifest {
        runbook: String,
        reason: String,
    },
    IdMismatch {
        folder: String,
        manifest_id: String,
    },
    ReviewedDate {
        runbook: String,
        value: String,
    },
    NoSeverities {
        runbook: String,
    },
    DuplicateSeverity {
        runbook: String,
        level: Severity,
    },
    TitleMismatch {
        runbook: String,
        lang: Lang,
        manifest: String,
        document: String,
    },
    Document {
        runbook: String,
        lang: Lang,
        problem: DocumentProblem,
    },
    SectionsDiffer {
        runbook: String,
        en: Vec<String>,
        zh: Vec<String>,
    },
    SubsectionsDiffer {
        runbook: String,
        section: String,
        en: Vec<String>,
        zh: Vec<String>,
    },
    Tree {
        runbook: String,
        problems: Vec<Bilingual>,
    },
    Messages {
        runbook: String,
        reason: String,
    },
    /// `commands.json`: each problem names the file, the line and the command.
    Commands {
        runbook: String,
        problems: Vec<Bilingual>,
    },
}

fn document_path(runbook: &str, lang: Lang) -> String {
    let code = match lang {
        Lang::En => "en",
        Lang::Zh => "zh",
    };
    format!("content/{runbook}/runbook.{code}.md")
}

fn manifest_path(runbook: &str) -> String {
    format!("content/{runbook}/manifest.json")
}

impl DocumentProblem {
    pub fn message(&self) -> Bilingual {
        match self {
            DocumentProblem::MissingTitle => Bilingual::new(
                "the document must start with a level-1 title (# Title)",
                "文档必须以一级标题开头(# 标题)",
            ),
            DocumentProblem::ExtraTitle { title } => Bilingual::new(
                format!("found a second level-1 title \"{title}\"; use ## for sections"),
                format!("发现第二个一级标题 \"{title}\";章节请使用 ##"),
            ),
            DocumentProblem::TextOutsideSection { excerpt } => Bilingual::new(
                format!("\"{excerpt}\" is outside any ## section and would not be shown; move it into a section"),
                format!("\"{excerpt}\" 不在任何 ## 章节内,不会被显示;请将其移入某个章节"),
            ),
            DocumentProblem::MissingId { heading } => Bilingual::new(
                format!("heading \"{heading}\" has no id; add one such as {{#some-id}}, the same in both languages"),
                format!("标题 \"{heading}\" 没有 id;请添加如 {{#some-id}} 的 id,两种语言保持一致"),
            ),
            DocumentProblem::InvalidId { heading, id } => Bilingual::new(
                format!("heading \"{heading}\" has id \"{id}\"; ids may only use a-z, 0-9 and '-'"),
                format!("标题 \"{heading}\" 的 id \"{id}\" 无效;id 只能包含 a-z、0-9 和 '-'"),
            ),
            DocumentProblem::DuplicateId { id } => Bilingual::new(
                format!("id \"{id}\" is used by more than one heading; give each heading its own id"),
                format!("id \"{id}\" 被多个标题使用;请为每个标题设置唯一的 id"),
            ),
            DocumentProblem::NoSections => Bilingual::new(
                "no ## sections found; split the document into ## sections with ids",
                "未找到 ## 章节;请将文档拆分为带 id 的 ## 章节",
            ),
        }
    }
}

impl ContentError {
    pub fn message(&self) -> Bilingual {
        match self {
            ContentError::Manifest { runbook, reason } => {
                let path = manifest_path(runbook);
                Bilingual::new(
                    format!("{path} is not valid: {reason}. Fix it to have id, title, vendor, health_service, owners, alerts, reviewed, source and severities (links optional)"),
                    format!("{path} 无效:{reason}。请修正,使其包含 id、title、vendor、health_service、owners、alerts、reviewed、source 和 severities(links 可选)"),
                )
            }
            ContentError::IdMismatch { folder, manifest_id } => {
                let path = manifest_path(folder);
                Bilingual::new(
                    format!("{path} declares id \"{manifest_id}\"; the id must be the folder name \"{folder}\""),
                    format!("{path} 声明的 id 为 \"{manifest_id}\";id 必须与目录名 \"{folder}\" 相同"),
                )
            }
            ContentError::ReviewedDate { runbook, value } => {
                let path = manifest_path(runbook);
                Bilingual::new(
                    format!("reviewed date \"{value}\" in {path} is not a date; write it as YYYY-MM-DD"),
                    format!("{path} 中的审阅日期 \"{value}\" 不是有效日期;请写成 YYYY-MM-DD"),
                )
            }
            ContentError::NoSeverities { runbook } => {
                let path = manifest_path(runbook);
                Bilingual::new(
                    format!("{path} lists no severity levels; add the runbook's P1-P4 definitions"),
                    format!("{path} 未列出严重级别;请添加运行手册的 P1-P4 定义"),
                )
            }
            ContentError::DuplicateSeverity { runbook, level } => {
                let (path, level) = (manifest_path(runbook), level.as_str());
                Bilingual::new(
                    format!("{path} defines severity {level} more than once; keep one definition"),
                    format!("{path} 多次定义了严重级别 {level};请只保留一个定义"),
                )
            }
            ContentError::TitleMismatch {
                runbook,
                lang,
                manifest,
                document,
            } => {
                let path = document_path(runbook, *lang);
                Bilingual::new(
                    format!("the title of {path} (\"{document}\") differs from the manifest title (\"{manifest}\"); make them the same"),
                    format!("{path} 的标题(\"{document}\")与清单中的标题(\"{manifest}\")不一致;请保持一致"),
                )
            }
            ContentError::Tree { runbook, problems } => {
                let path = format!("content/{runbook}/tree.json");
                let join = |f: fn(&Bilingual) -> &str, sep: &str| problems.iter().map(f).collect::<Vec<_>>().join(sep);
                Bilingual::new(
                    format!("{path}: {}", join(|b| b.en.as_str(), "; ")),
                    format!("{path}:{}", join(|b| b.zh.as_str(), ";")),
                )
            }
            ContentError::Messages { runbook, reason } => {
                let path = format!("content/{runbook}/messages.json");
                Bilingual::new(
                    format!("{path} is not valid: {reason}. See docs/runbook-format.md for the message templates"),
                    format!("{path} 无效:{reason}。消息模板的格式见 docs/runbook-format.md"),
                )
            }
            ContentError::Commands { runbook: _, problems } => {
                let join = |f: fn(&Bilingual) -> &str, sep: &str| problems.iter().map(f).collect::<Vec<_>>().join(sep);
                Bilingual::new(join(|b| b.en.as_str(), "; "), join(|b| b.zh.as_str(), ";"))
            }
            ContentError::Document { runbook, lang, problem } => {
                let path = document_path(runbook, *lang);
                let problem = problem.message();
                Bilingual::new(format!("{path}: {}", problem.en), format!("{path}:{}", problem.zh))
            }
            ContentError::SectionsDiffer { runbook, en, zh } => {
                let (en, zh) = (en.join(", "), zh.join(", "));
                Bilingual::new(
                    format!("the English and Chinese {runbook} runbooks have different sections (en: {en}; zh: {zh}); give both the same ## sections with the same ids in the same order"),
                    format!("{runbook} 运行手册的英文版与中文版章节不一致(en:{en};zh:{zh});请让两者的 ## 章节及 id 相同且顺序一致"),
                )
            }
            ContentError::SubsectionsDiffer {
                runbook,
                section,
                en,
                zh,
            } => {
                let (en, zh) = (en.join(", "), zh.join(", "));
                Bilingual::new(
                    format!("section \"{section}\" of the {runbook} runbook has different sub-headings in English and Chinese (en: {en}; zh: {zh}); use the same ids in the same order"),
                    format!("{runbook} 运行手册的章节 \"{section}\" 中英文子标题不一致(en:{en};zh:{zh});请使用相同的 id 并保持顺序一致"),
                )
            }
        }
    }
}

impl fmt::Display for ContentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message().joined())
    }
}

impl std::error::Error for ContentError {}
