use clap::{Parser, Subcommand, ValueEnum};
use nianbao::check::batch::{self, Outcome, Prepare};
use nianbao::check::prior::PriorIndex;
use nianbao::input::InputError;
use nianbao::model::{Report, Severity};
use nianbao::output::check::{CheckFormat, CheckOutput};
use nianbao::output::terminal::{self, safe, ColorChoice as Color};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

mod says;

/// Read, check and review Chinese government information-disclosure annual reports
/// (政府信息公开工作年度报告). With no command, opens the review screen on a demo report.
#[derive(Parser)]
#[command(name = "nianbao", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// A keymap file layered over the default (instead of the config directory's).
    #[arg(long, global = true)]
    keymap: Option<PathBuf>,
    /// Print the merged keymap and exit.
    #[arg(long)]
    print_keymap: bool,
    /// The language of messages: zh (中文) or en; by default LC_ALL / LC_MESSAGES / LANG.
    #[arg(long, global = true, value_parser = parse_lang)]
    lang: Option<nianbao::lang::Lang>,
    #[command(flatten)]
    screen: ScreenArgs,
}

#[derive(clap::Args, Clone)]
struct ScreenArgs {
    /// Display width of East Asian ambiguous characters (①“”—): some Chinese terminals draw them two columns wide.
    #[arg(long, global = true, value_parser = clap::value_parser!(u8).range(1..=2))]
    ambiguous_width: Option<u8>,
    /// Draw borders with ASCII characters only.
    #[arg(long, global = true)]
    ascii: bool,
    /// Start with mouse support on.
    #[arg(long, global = true)]
    mouse: bool,
}

#[derive(Subcommand)]
enum Command {
    /// Open the review screen on a report; on a folder (or several reports), the
    /// folder review: one line per report, Enter opens one.
    Review {
        /// A report, or a folder (several reports) to review one after another.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Last year's report (a file, or `auto` to find it in the same folder): the
        /// year diff (key d) and the cross-year rules.
        #[arg(long)]
        prior: Option<String>,
        /// Share of unchanged text above which TEXT-COPIED warns.
        #[arg(long, default_value_t = nianbao::check::diff::DEFAULT_COPIED_THRESHOLD)]
        copied_threshold: f64,
    },
    /// Compare a report with the prior year's: cells, text, and the cross-year rules.
    Diff {
        prior: PathBuf,
        file: PathBuf,
        #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
        format: DiffFormat,
        /// Share of unchanged text above which TEXT-COPIED warns.
        #[arg(long, default_value_t = nianbao::check::diff::DEFAULT_COPIED_THRESHOLD)]
        copied_threshold: f64,
        /// Ignore corrections files.
        #[arg(long)]
        original: bool,
        #[arg(long, value_enum, default_value_t = Color::Auto)]
        color: Color,
    },
    /// Check reports against the format's identities and the rule catalogue.
    Check {
        /// Report files, or directories to search recursively.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
        format: CheckFormat,
        /// Colour in readable output.
        #[arg(long, value_enum, default_value_t = Color::Auto)]
        color: Color,
        /// Show only errors (warnings are still counted).
        #[arg(long)]
        errors_only: bool,
        /// Ignore corrections files: check the report as published.
        #[arg(long)]
        original: bool,
        /// Last year's report (a file, or `auto` to find each report's own in its
        /// folder): adds the cross-year rules (YOY-*, TEXT-COPIED).
        #[arg(long)]
        prior: Option<String>,
        /// Share of unchanged text above which TEXT-COPIED warns.
        #[arg(long, default_value_t = nianbao::check::diff::DEFAULT_COPIED_THRESHOLD)]
        copied_threshold: f64,
    },
    /// Export one report's cells and findings.
    Export {
        file: PathBuf,
        #[arg(long, value_enum, default_value_t = ExportFormat::Json)]
        format: ExportFormat,
        /// Ignore the corrections file: export the report as published.
        #[arg(long)]
        original: bool,
        /// Write to this file instead of standard output (needed for xlsx).
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Write the memo to each agency: its reports' defects and the corrections made, in
    /// Chinese. One report or one agency: to standard output or `-o FILE`; several
    /// agencies: `-o DIR` gets one memo per agency and a summary.
    Memo {
        /// Report files, or directories to search recursively.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = MemoFormat::Md)]
        format: MemoFormat,
        /// Where to write: a file for one agency, a directory for several.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Ignore corrections files: the memo of the report as published.
        #[arg(long)]
        original: bool,
    },
    /// Print the text nianbao reads a report as: the decoded text, or the text of an
    /// HTML page, Word file or PDF (what the review screen's raw pane shows; line
    /// numbers in findings count its lines). Control characters are shown as U+FFFD
    /// on a terminal.
    Text { file: PathBuf },
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum DiffFormat {
    Text,
    Json,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum MemoFormat {
    Md,
    Html,
    /// An Excel workbook (needs -o): a sheet per list, numbers as numbers.
    Xlsx,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum ExportFormat {
    /// Every cell with its origin and the findings (report-model.md).
    Json,
    /// One line per cell.
    Csv,
    /// The three tables laid out as the national format prints them, as CSV.
    Grid,
    /// The three tables laid out as the national format prints them, as an Excel
    /// workbook (needs -o).
    Xlsx,
}

/// Reading a report makes many small allocations (tokens, candidate readings, findings);
/// mimalloc serves them faster than the system allocator (`cargo bench --bench check`).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn parse_lang(s: &str) -> Result<nianbao::lang::Lang, String> {
    nianbao::lang::Lang::parse(s).ok_or_else(|| says::LANGS.fill(&[("s", &s)]))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    // --lang, else config.toml's `lang`, else the environment: set before anything is said
    let configured = || nianbao::tui::config::read().and_then(|c| c.language());
    let lang = cli.lang.or_else(configured);
    nianbao::lang::set(lang.unwrap_or_else(nianbao::lang::Lang::from_env));
    if cli.print_keymap {
        return print_keymap(cli.keymap.as_deref());
    }
    match cli.command {
        Some(Command::Check {
            paths,
            format,
            color,
            errors_only,
            original,
            prior,
            copied_threshold,
        }) => run_check(&CheckArgs {
            paths,
            output: CheckOutput {
                format,
                colour: terminal::colour(color),
                errors_only,
            },
            original,
            prior,
            threshold: copied_threshold,
        }),
        Some(Command::Export {
            file,
            format,
            original,
            output,
        }) => run_export(&file, format, original, output.as_deref()),
        Some(Command::Text { file }) => run_text(&file),
        Some(Command::Memo {
            paths,
            format,
            output,
            original,
        }) => run_memo(&paths, format, output.as_deref(), original),
        Some(Command::Review {
            files,
            prior,
            copied_threshold,
        }) if files.len() > 1 || files[0].is_dir() => run_folder_review(
            files,
            prior.as_deref(),
            copied_threshold,
            cli.keymap,
            &cli.screen,
        ),
        Some(Command::Review {
            mut files,
            prior,
            copied_threshold,
        }) => run_review(
            files.pop(),
            prior.as_deref(),
            copied_threshold,
            cli.keymap,
            &cli.screen,
        ),
        Some(Command::Diff {
            prior,
            file,
            format,
            copied_threshold,
            original,
            color,
        }) => run_diff(&prior, &file, format, copied_threshold, original, color),
        None => run_review(
            None,
            None,
            nianbao::check::diff::DEFAULT_COPIED_THRESHOLD,
            cli.keymap,
            &cli.screen,
        ),
    }
}

fn print_keymap(file: Option<&Path>) -> ExitCode {
    match nianbao::tui::keymap::Keymap::from_config(file) {
        Ok(k) => write_out(k.to_toml().as_bytes(), ExitCode::SUCCESS),
        Err(e) => {
            eprintln!(
                "nianbao: {}",
                says::KEYMAP.fill(&[("e", &safe(&e.to_string()))])
            );
            ExitCode::from(2)
        }
    }
}

/// Says why an input could not be used, on the error stream, sanitised (file names and
/// reports' text can hold anything).
fn report_error(e: &InputError) -> ExitCode {
    eprintln!("nianbao: {}", safe(&e.to_string()));
    ExitCode::from(2)
}

/// Ends a run whose output went to standard output: `code` when it was all written or
/// the reader stopped reading (a closed pipe, as `| head` does), 2 with the reason
/// when writing failed otherwise (a full disk).
fn finish(written: std::io::Result<()>, code: ExitCode) -> ExitCode {
    match written {
        Ok(()) => code,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => code,
        Err(e) => {
            eprintln!("nianbao: {}", says::CANNOT_WRITE_OUTPUT.fill(&[("e", &e)]));
            ExitCode::from(2)
        }
    }
}

/// Writes `bytes` to standard output and ends the run (see [`finish`]).
fn write_out(bytes: &[u8], code: ExitCode) -> ExitCode {
    let mut so = std::io::stdout().lock();
    finish(so.write_all(bytes).and_then(|()| so.flush()), code)
}

fn no_prepare(_: &Path, _: &mut Report) -> Result<(), String> {
    Ok(())
}

fn apply_corrections(path: &Path, report: &mut Report) -> Result<(), String> {
    nianbao::record::corrections::apply_saved(path, report).map(|_| ())
}

/// Corrections applied unless `original`.
fn prepare(original: bool) -> &'static Prepare {
    if original {
        &no_prepare
    } else {
        &apply_corrections
    }
}

/// The prior report named on the command line, or found with `auto` (and said so).
fn resolve_prior(
    spec: &str,
    index: &mut PriorIndex,
    current_path: &Path,
    current: &Report,
) -> Result<PathBuf, InputError> {
    if spec != "auto" {
        return Ok(PathBuf::from(spec));
    }
    let p = index.find(current_path, current)?;
    let file = safe(&current_path.display().to_string());
    let prior = safe(&p.display().to_string());
    let m = says::PRIOR_FOUND.fill(&[("file", &file), ("prior", &prior)]);
    eprintln!("nianbao: {m}");
    Ok(p)
}

fn exit_for_findings(errors: bool) -> ExitCode {
    if errors {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn run_diff(
    prior: &Path,
    file: &Path,
    format: DiffFormat,
    threshold: f64,
    original: bool,
    color: Color,
) -> ExitCode {
    let load = |p: &Path| batch::load(p, prepare(original));
    let (p, c) = match (load(prior), load(file)) {
        (Ok(p), Ok(c)) => (p, c),
        (Err(e), _) | (_, Err(e)) => return report_error(&e),
    };
    let d = nianbao::check::diff::diff(&p, &c, threshold);
    let out = match format {
        DiffFormat::Json => nianbao::output::diff::to_json(&d).map_err(std::io::Error::from),
        DiffFormat::Text => Ok(nianbao::output::diff::to_text(&d, terminal::colour(color))),
    };
    let code = exit_for_findings(d.findings.iter().any(|f| f.severity == Severity::Error));
    match out {
        Ok(out) => write_out(out.as_bytes(), code),
        Err(e) => finish(Err(e), code),
    }
}

fn run_review(
    file: Option<PathBuf>,
    prior: Option<&str>,
    threshold: f64,
    keymap: Option<PathBuf>,
    screen: &ScreenArgs,
) -> ExitCode {
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        eprintln!("nianbao: {}", says::NEEDS_TERMINAL);
        return ExitCode::from(2);
    }
    let cfg = nianbao::tui::config::load();
    let settings = nianbao::tui::app::Settings {
        color: terminal::terminal_wants_colour(),
        ambiguous_width: screen.ambiguous_width.unwrap_or(cfg.ambiguous_width),
        ascii_borders: screen.ascii || cfg.ascii_borders,
    };
    let prior_report = match (prior, &file) {
        (Some(spec), Some(f)) => match review_prior(spec, f) {
            Ok(r) => Some(r),
            Err(e) => return report_error(&e),
        },
        _ => None,
    };
    let opts = nianbao::tui::run::Options {
        file,
        keymap,
        settings,
        mouse: screen.mouse || cfg.mouse,
        prior: prior_report,
        copied_threshold: threshold,
    };
    match nianbao::tui::run::run(opts) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("nianbao: {}", safe(&e.to_string()));
            ExitCode::from(2)
        }
    }
}

/// Folder review: the inbox over the reports of a folder (or several files); each
/// report's prior year is found in its folder, as `--prior auto` finds it.
fn run_folder_review(
    paths: Vec<PathBuf>,
    prior: Option<&str>,
    threshold: f64,
    keymap: Option<PathBuf>,
    screen: &ScreenArgs,
) -> ExitCode {
    if prior.is_some_and(|p| p != "auto") {
        eprintln!("nianbao: --prior FILE is one report's; a folder review finds each report's prior itself");
        return ExitCode::from(2);
    }
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        eprintln!("nianbao: the review screen needs a terminal; use `nianbao check` or `nianbao export` in scripts");
        return ExitCode::from(2);
    }
    let cfg = nianbao::tui::config::load();
    let opts = nianbao::tui::folder::Options {
        paths,
        keymap,
        settings: nianbao::tui::app::Settings {
            color: terminal::terminal_wants_colour(),
            ambiguous_width: screen.ambiguous_width.unwrap_or(cfg.ambiguous_width),
            ascii_borders: screen.ascii || cfg.ascii_borders,
        },
        mouse: screen.mouse || cfg.mouse,
        copied_threshold: threshold,
    };
    match nianbao::tui::folder::run(opts) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("nianbao: {}", safe(&e.to_string()));
            ExitCode::from(2)
        }
    }
}

/// The prior report for the review screen, with its corrections.
fn review_prior(spec: &str, file: &Path) -> Result<Report, InputError> {
    let current = batch::load(file, prepare(false))?;
    let p = resolve_prior(spec, &mut PriorIndex::new(), file, &current)?;
    batch::load(&p, prepare(false))
}

fn run_export(
    file: &Path,
    format: ExportFormat,
    original: bool,
    output: Option<&Path>,
) -> ExitCode {
    if format == ExportFormat::Xlsx && output.is_none() {
        eprintln!("nianbao: {}", says::XLSX_NEEDS_FILE);
        return ExitCode::from(2);
    }
    let (report, findings) = match batch::check_file(file, prepare(original)) {
        Outcome::Unreadable(e) => return report_error(&e),
        Outcome::Checked { report, findings } => (report, findings),
    };
    let out: Result<Vec<u8>, String> = match format {
        ExportFormat::Json => nianbao::output::export::to_json_text(&report, &findings)
            .map(String::into_bytes)
            .map_err(|e| e.to_string()),
        ExportFormat::Csv => Ok(nianbao::output::export::to_csv(&report).into_bytes()),
        ExportFormat::Grid => nianbao::output::grid::sheets(&report)
            .map(|s| nianbao::output::grid::to_csv(&s).into_bytes()),
        ExportFormat::Xlsx => nianbao::output::grid::sheets(&report)
            .and_then(|s| nianbao::output::xlsx::to_xlsx(&s).map_err(|e| e.to_string())),
    };
    let out = match out {
        Ok(out) => out,
        Err(e) => {
            eprintln!(
                "nianbao: {}: {}",
                safe(&file.display().to_string()),
                safe(&e)
            );
            return ExitCode::from(2);
        }
    };
    match output {
        None => write_out(&out, ExitCode::SUCCESS),
        Some(p) => match std::fs::write(p, &out) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                let path = safe(&p.display().to_string());
                eprintln!(
                    "nianbao: {}",
                    says::CANNOT_WRITE.fill(&[("path", &path), ("e", &e)])
                );
                ExitCode::from(2)
            }
        },
    }
}

fn run_text(file: &Path) -> ExitCode {
    let report = match nianbao::input::open_report(file) {
        Ok(r) => r,
        Err(e) => return report_error(&e),
    };
    // on a terminal the text cannot drive it; into a file or pipe it stays exact
    let text = if std::io::stdout().is_terminal() {
        terminal::safe_text(&report.text)
    } else {
        report.text
    };
    write_out(text.as_bytes(), ExitCode::SUCCESS)
}

/// A report's trail as `check` applies it: the corrections file and the journal's
/// entries (none for the report as published).
fn memo_trail(path: &Path, report: &Report) -> Vec<nianbao::record::corrections::Entry> {
    use nianbao::record::corrections::Store;
    Store::find(path, &report.source.sha256)
        .and_then(|s| s.restore().ok())
        .map(|r| r.trail)
        .unwrap_or_default()
}

/// The reports of `paths`, checked, each with the corrections its memo lists; an
/// unreadable file is said and makes the exit status 2.
fn memo_inputs(paths: &[PathBuf], original: bool) -> (Vec<MemoInput>, ExitCode) {
    let mut code = ExitCode::SUCCESS;
    let mut checked = Vec::new();
    for input in batch::gather(paths) {
        let path = match input {
            Ok(p) => p,
            Err(e) => {
                code = report_error(&e);
                continue;
            }
        };
        match batch::check_file(&path, prepare(original)) {
            Outcome::Unreadable(e) => code = report_error(&e),
            Outcome::Checked { report, findings } => {
                let trail = match original {
                    true => Vec::new(),
                    false => memo_trail(&path, &report),
                };
                checked.push((report, findings, trail));
            }
        }
    }
    (checked, code)
}

type MemoInput = (
    Box<Report>,
    Vec<nianbao::model::Finding>,
    Vec<nianbao::record::corrections::Entry>,
);

fn run_memo(
    paths: &[PathBuf],
    format: MemoFormat,
    output: Option<&Path>,
    original: bool,
) -> ExitCode {
    use nianbao::lang::{with, Lang::Zh};
    use nianbao::output::memo;
    // the memo goes to the agency: it is in Chinese, its findings too, whatever the
    // language the reviewer is told about files in
    let (checked, mut code) = with(Zh, || memo_inputs(paths, original));
    let reports: Vec<memo::MemoReport> = checked
        .iter()
        .map(|(report, findings, trail)| memo::MemoReport::new(report, findings, trail))
        .collect();
    let agencies = memo::by_agency(&reports);
    let (ext, render, summary) = memo_renderers(format);
    // a folder is named by more than one agency, an existing folder, or a trailing `/`
    let named_dir = |o: &Path| o.is_dir() || o.as_os_str().to_string_lossy().ends_with('/');
    let to_dir = agencies.len() > 1 || output.is_some_and(named_dir);
    match (output, to_dir) {
        (None, true) => {
            let n = agencies.len();
            eprintln!("nianbao: {}", says::MEMO_AGENCIES.fill(&[("n", &n)]));
            ExitCode::from(2)
        }
        (None, false) if format == MemoFormat::Xlsx => {
            eprintln!("nianbao: {}", says::MEMO_NOT_TEXT);
            ExitCode::from(2)
        }
        (_, false) => {
            let Some((agency, rs)) = agencies.first() else {
                return code;
            };
            match (with(Zh, || render(agency, rs)), output) {
                (Ok(bytes), Some(o)) => write_memo(o, &bytes, code),
                (Ok(bytes), None) => {
                    let text = String::from_utf8_lossy(&bytes);
                    write_out(terminal::safe_text(&text).as_bytes(), code)
                }
                (Err(e), _) => memo_failed(&e.to_string()),
            }
        }
        (Some(dir), true) => {
            if let Err(e) = std::fs::create_dir_all(dir) {
                let d = safe(&dir.display().to_string());
                eprintln!(
                    "nianbao: {}",
                    says::MEMO_DIR.fill(&[("dir", &d), ("e", &e)])
                );
                return ExitCode::from(2);
            }
            for (agency, rs) in &agencies {
                let path = dir.join(memo::file_name(agency, ext));
                code = match with(Zh, || render(agency, rs)) {
                    Ok(bytes) => write_memo(&path, &bytes, code),
                    Err(e) => memo_failed(&e.to_string()),
                };
            }
            let path = dir.join(format!("{}.{ext}", memo::words::SUMMARY.zh));
            match with(Zh, || summary(&reports)) {
                Ok(bytes) => write_memo(&path, &bytes, code),
                Err(e) => memo_failed(&e.to_string()),
            }
        }
    }
}

/// The file extension and the renderers of one memo and of the summary, by format.
fn memo_renderers(format: MemoFormat) -> (&'static str, MemoRender, MemoSummary) {
    use nianbao::output::memo::{book, page};
    match format {
        MemoFormat::Md => (
            "md",
            |a, r| Ok(page::markdown(a, r).into_bytes()),
            |r| Ok(page::summary_markdown(r).into_bytes()),
        ),
        MemoFormat::Html => (
            "html",
            |a, r| Ok(page::html(a, r).into_bytes()),
            |r| Ok(page::summary_html(r).into_bytes()),
        ),
        MemoFormat::Xlsx => ("xlsx", |_, r| book::agency_xlsx(r), book::summary_xlsx),
    }
}

fn memo_failed(why: &str) -> ExitCode {
    eprintln!(
        "nianbao: {}",
        says::MEMO_FAILED.fill(&[("why", &safe(why))])
    );
    ExitCode::from(2)
}

type MemoBytes = Result<Vec<u8>, rust_xlsxwriter::XlsxError>;
type MemoRender = fn(&str, &[&nianbao::output::memo::MemoReport]) -> MemoBytes;
type MemoSummary = fn(&[nianbao::output::memo::MemoReport]) -> MemoBytes;

/// Writes one memo file; a failure is said and makes the run's exit status 2.
fn write_memo(path: &Path, bytes: &[u8], code: ExitCode) -> ExitCode {
    match std::fs::write(path, bytes) {
        Ok(()) => {
            let p = safe(&path.display().to_string());
            eprintln!("nianbao: {}", says::MEMO_WRITTEN.fill(&[("path", &p)]));
            code
        }
        Err(e) => {
            let p = safe(&path.display().to_string());
            eprintln!(
                "nianbao: {}",
                says::MEMO_CANNOT_WRITE.fill(&[("path", &p), ("e", &e)])
            );
            ExitCode::from(2)
        }
    }
}

/// What `check` was asked to do.
struct CheckArgs {
    paths: Vec<PathBuf>,
    output: CheckOutput,
    original: bool,
    prior: Option<String>,
    threshold: f64,
}

fn run_check(args: &CheckArgs) -> ExitCode {
    let inputs = batch::gather(&args.paths);
    let mut outcomes = check_with_progress(&inputs, prepare(args.original));
    if let Some(spec) = &args.prior {
        if spec != "auto" && outcomes.len() > 1 {
            eprintln!("nianbao: {}", says::PRIOR_ONE);
            return ExitCode::from(2);
        }
        add_prior_findings(&mut outcomes, spec, args);
    }
    let code = if outcomes.iter().any(|o| matches!(o, Outcome::Unreadable(_))) {
        ExitCode::from(2)
    } else {
        exit_for_findings(outcomes.iter().any(Outcome::has_errors))
    };
    let mut so = std::io::BufWriter::new(std::io::stdout().lock());
    let mut se = std::io::stderr().lock();
    let written = nianbao::output::check::write_check(&mut so, &mut se, &outcomes, args.output)
        .and_then(|()| so.flush());
    finish(written, code)
}

/// Checks every input, with a progress bar on a terminal when there are many.
fn check_with_progress(inputs: &[Result<PathBuf, InputError>], prepare: &Prepare) -> Vec<Outcome> {
    let show_progress = std::io::stderr().is_terminal() && inputs.len() >= 500;
    let bar = show_progress.then(|| {
        let b = indicatif::ProgressBar::new(inputs.len() as u64);
        b.set_style(indicatif::ProgressStyle::with_template(says::PROGRESS.get()).unwrap());
        b
    });
    let outcomes = batch::check_all(inputs, prepare, &|| {
        if let Some(b) = &bar {
            b.inc(1);
        }
    });
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    outcomes
}

/// The cross-year findings of each checked report against its prior; a report whose
/// prior cannot be found or read becomes unreadable, with the reason.
fn add_prior_findings(outcomes: &mut [Outcome], spec: &str, args: &CheckArgs) {
    let mut index = PriorIndex::new();
    for o in outcomes.iter_mut() {
        let Outcome::Checked { report, findings } = o else {
            continue;
        };
        let path = PathBuf::from(&report.source.path);
        match resolve_prior(spec, &mut index, &path, report)
            .and_then(|p| batch::load(&p, prepare(args.original)))
        {
            Ok(p) => {
                findings.extend(nianbao::check::diff::diff(&p, report, args.threshold).findings);
                nianbao::check::dispose::apply(report, findings, true);
            }
            Err(e) => *o = Outcome::Unreadable(e),
        }
    }
}
