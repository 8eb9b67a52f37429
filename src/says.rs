//! What the command line says on its error stream, in English and zh-CN (see
//! [`nianbao::lang::Msg`]).

nianbao::messages! {
    LANGS = "{s}: the languages are zh and en" / "{s}：语言只有 zh 和 en",
    KEYMAP = "keymap: {e}" / "键位文件：{e}",
    CANNOT_WRITE_OUTPUT = "cannot write the output: {e}" / "无法写出结果：{e}",
    PRIOR_FOUND = "{file}: prior report: {prior}" / "{file}：上年报告：{prior}",
    NEEDS_TERMINAL = "the review screen needs a terminal; use `nianbao check` or `nianbao export` in scripts"
        / "审核界面需要终端；脚本中请用 `nianbao check` 或 `nianbao export`",
    DUMB_TERMINAL = "the review screen needs a terminal that can move the cursor, and TERM=dumb cannot; set TERM (e.g. xterm-256color), or use `nianbao check` for plain output"
        / "审核界面需要能移动光标的终端，TERM=dumb 不行；请设置 TERM（如 xterm-256color），或用 `nianbao check` 输出纯文本",
    FOLDER_PRIOR = "--prior FILE is one report's; a folder review finds each report's prior itself"
        / "--prior 文件 只用于单份报告；目录审核会为每份报告自行查找上年报告",
    XLSX_NEEDS_FILE = "export --format xlsx writes a file: give it with -o FILE.xlsx"
        / "export --format xlsx 写入文件：请用 -o 文件.xlsx 指定",
    CANNOT_WRITE = "{path}: cannot write: {e}" / "{path}：无法写入：{e}",
    MEMO_AGENCIES = "memo: {n} agencies: name a directory with -o for their memos"
        / "审核意见：共 {n} 个单位：请用 -o 指定存放审核意见的文件夹",
    MEMO_DIR = "memo: {dir}: {e}" / "审核意见：{dir}：{e}",
    MEMO_NOT_TEXT = "memo: a workbook is not text: name a file with -o"
        / "审核意见：工作簿不是文本：请用 -o 指定文件",
    MEMO_FAILED = "memo: {why}" / "审核意见：{why}",
    MEMO_WRITTEN = "memo: {path}" / "审核意见：{path}",
    MEMO_CANNOT_WRITE = "memo: cannot write {path}: {e}" / "审核意见：无法写入 {path}：{e}",
    PRIOR_ONE = "--prior FILE compares one report; use --prior auto with several"
        / "--prior 文件 只对比一份报告；多份报告请用 --prior auto",
    PROGRESS = "{bar:40} {pos}/{len} reports {per_sec} eta {eta}"
        / "{bar:40} {pos}/{len} 份报告 {per_sec} 剩余 {eta}",
}

#[cfg(test)]
mod tests {
    #[test]
    fn both_languages_have_the_same_placeholders() {
        nianbao::lang::assert_catalogue(super::ALL);
    }
}
