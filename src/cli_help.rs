//! The command line's help (`--help`, `-h`) in English and zh-CN: the about of each
//! command, the help of each argument and value, and, in Chinese, clap's own texts and
//! headings (see [`nianbao::lang::Msg`]). The derive in main.rs reads the texts when the
//! command is built, after the language is chosen; [`localise`] then puts clap's own
//! texts in Chinese when that is the language.

use clap::builder::StyledStr;
use clap::Command;
use nianbao::lang::{self, Lang};

nianbao::messages! {
    ABOUT = "Read, check and review Chinese government information-disclosure annual reports (政府信息公开工作年度报告)"
        / "读取、校验并审核政府信息公开工作年度报告",
    ERR_UNKNOWN_ARG = "unexpected argument '{arg}'" / "无法识别的参数 '{arg}'",
    ERR_UNKNOWN_COMMAND = "unrecognized subcommand '{arg}'" / "无法识别的命令 '{arg}'",
    ERR_BAD_VALUE = "invalid value '{value}' for '{arg}'" / "'{arg}' 的值 '{value}' 无效",
    ERR_VALID = "possible values: {v}" / "可选值：{v}",
    ERR_MISSING = "required arguments were not provided: {arg}" / "缺少必需的参数：{arg}",
    ERR_NO_VALUE = "a value is required for '{arg}'" / "'{arg}' 需要一个值",
    ERR_SUGGEST = "did you mean '{s}'?" / "是不是 '{s}'？",
    ERR_MORE = "For more information, try '--help'." / "更多信息请用 '--help'。",
    ERR_PREFIX = "error: " / "错误：",
    DEFAULT_VALUE = "[default: {v}]" / "[默认：{v}]",
    POSSIBLE_VALUES = "[possible values: {v}]" / "[可选值：{v}]",
    POSSIBLE_VALUE_HELP = "{v} ({help})" / "{v}（{help}）",
    VALUE_SEP = ", " / "；",
    KEYMAP = "A keymap file layered over the default (instead of the config directory's)"
        / "叠加在默认键位之上的键位文件（代替配置目录中的键位文件）",
    PRINT_KEYMAP = "Print the merged keymap and exit" / "显示合并后的键位后退出",
    LANG = "The language of messages: zh (中文) or en; by default LC_ALL / LC_MESSAGES / LANG"
        / "提示信息的语言：zh（中文）或 en（英文）；默认依 LC_ALL / LC_MESSAGES / LANG",
    AMBIGUOUS_WIDTH = "Display width of East Asian ambiguous characters (①“”—): some Chinese terminals draw them two columns wide"
        / "东亚宽度不定字符（①“”—）的显示宽度：有些中文终端按两列显示",
    ASCII = "Draw borders with ASCII characters only" / "只用 ASCII 字符画边框",
    MOUSE = "Start with mouse support on" / "启动时打开鼠标支持",

    REVIEW = "Open the review screen on a report; on a folder (or several reports), the folder review: one line per report, Enter opens one"
        / "在审核界面打开一份报告；给出文件夹（或多份报告）时进入文件夹审核：每份报告一行，回车打开",
    REVIEW_FILES = "A report, or a folder (several reports) to review one after another"
        / "一份报告，或一个文件夹（多份报告），逐份审核",
    REVIEW_PRIOR = "Last year's report (a file, or `auto` to find it in the same folder): the year diff (key d) and the cross-year rules"
        / "上年报告（文件，或 `auto` 在同一文件夹中查找）：用于年度对比（d 键）和跨年度规则",
    COPIED_THRESHOLD = "Share of unchanged text above which TEXT-COPIED warns"
        / "未改动文字所占比例超过此值时，TEXT-COPIED 提出警告",

    DIFF = "Compare a report with the prior year's: cells, text, and the cross-year rules"
        / "对比本年与上年报告：表格数据、文字和跨年度规则",
    DIFF_ORIGINAL = "Ignore corrections files" / "不采用更正文件",

    CHECK = "Check reports against the format's identities and the rule catalogue"
        / "按格式的勾稽关系和规则目录校验报告",
    PATHS = "Report files, or directories to search recursively"
        / "报告文件，或要逐级查找报告的文件夹",
    CHECK_FORMAT = "Output format" / "输出格式",
    DIFF_PRIOR = "The prior year's report" / "上年报告",
    DIFF_FILE = "This year's report" / "本年报告",
    DIFF_FORMAT = "Output format: readable text, or JSON with every changed cell and the cross-year findings"
        / "输出格式：可读文本，或列出每个变化单元格和跨年度问题的 JSON",
    REPORT_FILE = "The report: text, an HTML page, a Word file (.docx) or a PDF"
        / "报告：文本、网页（HTML）、Word 文件（.docx）或 PDF",
    EXPORT_FORMAT = "Output format" / "输出格式",
    MEMO_FORMAT = "Memo format: Markdown, HTML, or Excel workbooks" / "审核意见格式：Markdown、HTML 或 Excel 工作簿",
    CHECK_COLOR = "Colour in readable output" / "可读输出是否着色",
    CHECK_ERRORS_ONLY = "Show only errors (warnings are still counted)"
        / "只显示错误（警告仍计入统计）",
    CHECK_ORIGINAL = "Ignore corrections files: check the report as published"
        / "不采用更正文件：校验报告的公开原文",
    CHECK_PRIOR = "Last year's report (a file, or `auto` to find each report's own in its folder): adds the cross-year rules (YOY-*, TEXT-COPIED)"
        / "上年报告（文件，或 `auto` 在各报告所在文件夹中分别查找）：加入跨年度规则（YOY-*、TEXT-COPIED）",

    EXPORT = "Export one report's cells and findings" / "导出一份报告的表格数据和发现的问题",
    EXPORT_ORIGINAL = "Ignore the corrections file: export the report as published"
        / "不采用更正文件：导出报告的公开原文",
    EXPORT_OUTPUT = "Write to this file instead of standard output (needed for xlsx)"
        / "写入此文件而不是标准输出（xlsx 格式必须指定）",
    EXPORT_JSON = "Every cell with its origin and the findings (report-model.md)"
        / "每个单元格及其出处，以及发现的问题（见 report-model.md）",
    EXPORT_CSV = "One line per cell" / "每个单元格一行",
    EXPORT_GRID = "The three tables laid out as the national format prints them, as CSV"
        / "按全国统一格式排列的三张表格，CSV 格式",
    EXPORT_XLSX = "The three tables laid out as the national format prints them, as an Excel workbook (needs -o)"
        / "按全国统一格式排列的三张表格，Excel 工作簿（须用 -o 指定文件）",

    MEMO = "Write the memo to each agency: its reports' defects and the corrections made, in Chinese. One report or one agency: to standard output or `-o FILE`; several agencies: `-o DIR` gets one memo per agency and a summary"
        / "给各单位写审核意见（中文）：其报告的问题和所作更正。一份报告或一个单位：写到标准输出或 `-o 文件`；多个单位：`-o 文件夹` 中每个单位一份审核意见，另附汇总",
    MEMO_OUTPUT = "Where to write: a file for one agency, a directory for several"
        / "写到哪里：一个单位为文件，多个单位为文件夹",
    MEMO_ORIGINAL = "Ignore corrections files: the memo of the report as published"
        / "不采用更正文件：按报告的公开原文写审核意见",
    MEMO_XLSX = "An Excel workbook (needs -o): a sheet per list, numbers as numbers"
        / "Excel 工作簿（须用 -o 指定文件）：每个清单一张工作表，数字按数值存储",

    TEXT = "Print the text nianbao reads a report as: the decoded text, or the text of an HTML page, Word file or PDF (what the review screen's raw pane shows; line numbers in findings count its lines). Control characters are shown as U+FFFD on a terminal"
        / "显示 nianbao 读取报告所得的文字：解码后的文本，或 HTML 网页、Word 文件、PDF 中的文字（即审核界面原文窗格所显示的内容；问题所指行号按此计算）。在终端上，控制字符显示为 U+FFFD",

    HELP = "Print help" / "显示帮助",
    HELP_SHORT = "Print help (see more with '--help')" / "显示帮助（用 --help 查看详细说明）",
    HELP_LONG = "Print help (see a summary with '-h')" / "显示帮助（用 -h 查看摘要）",
    VERSION = "Print version" / "显示版本",
    HELP_COMMAND = "Print this message or the help of the given subcommand(s)"
        / "显示本帮助或所给命令的帮助",
    HELP_COMMAND_ARG = "Print help for the subcommand(s)" / "显示所给命令的帮助",
    USAGE = "Usage:" / "用法：",
    COMMANDS = "Commands:" / "命令：",
    ARGUMENTS = "Arguments:" / "参数：",
    OPTIONS = "Options:" / "选项：",
}

/// Puts clap's own texts in the language spoken: its `--help`, `--version` and `help`
/// texts and its headings. English is clap's, left as it is; the command is built
/// here, so that the built-in arguments exist to be translated.
pub fn localise(mut cmd: Command) -> Command {
    if lang::current() == Lang::En {
        return cmd;
    }
    cmd.build();
    translate_built(cmd)
}

fn translate_built(cmd: Command) -> Command {
    let cmd = cmd.mut_args(|a| match a.get_id().as_str() {
        "help" if a.get_long_help().is_some() => {
            a.help(HELP_SHORT.get()).long_help(HELP_LONG.get())
        }
        "help" => a.help(HELP.get()),
        "version" => a.help(VERSION.get()),
        "subcommand" => a.help(HELP_COMMAND_ARG.get()),
        _ => values_in_words(a),
    });
    let cmd = match cmd.get_name() {
        "help" => cmd.about(HELP_COMMAND.get()),
        _ => cmd,
    };
    let template = template(&cmd);
    cmd.help_template(template).mut_subcommands(translate_built)
}

/// clap's usage error in the language spoken, for the kinds a reviewer meets (an
/// unknown flag or command, a bad or missing value); `None` in English, or for a kind
/// clap says best itself.
pub fn error_in_words(e: &clap::Error) -> Option<String> {
    use clap::error::{ContextKind as C, ErrorKind as K};
    if lang::current() == Lang::En {
        return None;
    }
    let get = |k: C| e.get(k).map(|v| v.to_string()).unwrap_or_default();
    let arg = get(C::InvalidArg);
    let mut lines = vec![match e.kind() {
        K::UnknownArgument => ERR_UNKNOWN_ARG.fill(&[("arg", &arg)]),
        K::InvalidSubcommand => ERR_UNKNOWN_COMMAND.fill(&[("arg", &get(C::InvalidSubcommand))]),
        K::InvalidValue if get(C::InvalidValue).is_empty() => ERR_NO_VALUE.fill(&[("arg", &arg)]),
        K::InvalidValue => {
            let v = get(C::InvalidValue);
            ERR_BAD_VALUE.fill(&[("value", &v), ("arg", &arg)])
        }
        K::MissingRequiredArgument => ERR_MISSING.fill(&[("arg", &arg)]),
        K::NoEquals => ERR_NO_VALUE.fill(&[("arg", &arg)]),
        _ => return None,
    }];
    let valid = get(C::ValidValue);
    if !valid.is_empty() {
        lines.push(format!("  {}", ERR_VALID.fill(&[("v", &valid)])));
    }
    for k in [C::SuggestedArg, C::SuggestedSubcommand, C::SuggestedValue] {
        let s = get(k);
        if !s.is_empty() {
            lines.push(format!("  {}", ERR_SUGGEST.fill(&[("s", &s)])));
        }
    }
    lines.push(String::new());
    lines.push(ERR_MORE.get().to_string());
    Some(format!("{}{}", ERR_PREFIX, lines.join("\n")))
}

/// An argument's default and possible values said in the language spoken: clap writes
/// `[default: …]` and `[possible values: …]` in English, so they are hidden and said in
/// the help instead.
fn values_in_words(a: clap::Arg) -> clap::Arg {
    let mut extra = Vec::new();
    let defaults: Vec<String> = a
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy().into_owned())
        .collect();
    if !defaults.is_empty() && a.get_action().takes_values() && !a.is_hide_default_value_set() {
        extra.push(DEFAULT_VALUE.fill(&[("v", &defaults.join(", "))]));
    }
    let values: Vec<String> = a
        .get_possible_values()
        .iter()
        .filter(|p| !p.is_hide_set())
        .map(|p| match p.get_help() {
            Some(h) => POSSIBLE_VALUE_HELP.fill(&[("v", &p.get_name()), ("help", h)]),
            None => p.get_name().to_string(),
        })
        .collect();
    if !values.is_empty() && !a.is_hide_possible_values_set() {
        extra.push(POSSIBLE_VALUES.fill(&[("v", &values.join(VALUE_SEP.get()))]));
    }
    if extra.is_empty() {
        return a;
    }
    let help = a.get_help().map(|h| h.to_string()).unwrap_or_default();
    a.help(format!("{help} {}", extra.join(" ")))
        .hide_default_value(true)
        .hide_possible_values(true)
}

/// clap's default template with the headings in the language spoken: "Usage:",
/// "Commands:", "Arguments:" and "Options:" are written by clap in English whatever
/// the command says, so the sections are laid out here, as clap lays them out.
fn template(cmd: &Command) -> StyledStr {
    let styles = cmd.get_styles();
    let (usage, header) = (styles.get_usage(), styles.get_header());
    let mut sections = Vec::new();
    if cmd.get_subcommands().any(|s| !s.is_hide_set()) {
        sections.push((COMMANDS, "{subcommands}"));
    }
    if cmd.get_positionals().any(|a| !a.is_hide_set()) {
        sections.push((ARGUMENTS, "{positionals}"));
    }
    if cmd
        .get_arguments()
        .any(|a| !a.is_positional() && !a.is_hide_set())
    {
        sections.push((OPTIONS, "{options}"));
    }
    let body: Vec<String> = sections
        .iter()
        .map(|(heading, args)| format!("{header}{heading}{header:#}\n{args}"))
        .collect();
    let usage_line = format!("{usage}{USAGE}{usage:#}{{usage}}");
    let mut t = format!("{{before-help}}{{about-with-newline}}\n{usage_line}");
    if !body.is_empty() {
        t.push_str("\n\n");
        t.push_str(&body.join("\n\n"));
    }
    t.push_str("{after-help}");
    StyledStr::from(t)
}

#[cfg(test)]
mod tests {
    #[test]
    fn both_languages_have_the_same_placeholders() {
        nianbao::lang::assert_catalogue(super::ALL);
    }
}
