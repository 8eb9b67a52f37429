use clap::{Parser, Subcommand, ValueEnum};
use nianbao::check::batch::{self, Outcome, Prepare};
use nianbao::check::prior::PriorIndex;
use nianbao::input::InputError;
use nianbao::lang::Lang;
use nianbao::model::{Report, Severity};
use nianbao::output::check::{CheckFormat, CheckOutput};
use nianbao::output::terminal::{self, safe, ColorChoice as Color};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

mod cli_help;
mod says;

use cli_help as h;

// With no command, opens the review screen on a demo report. Every about and help is
// read from the catalogue (cli_help.rs) when the command is built, in the language
// chosen by then.
#[derive(Parser)]
#[command(name = "nianbao", version, about = h::ABOUT.get(), long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[arg(long, global = true, help = h::KEYMAP.get())]
    keymap: Option<PathBuf>,
    #[arg(long, help = h::PRINT_KEYMAP.get())]
    print_keymap: bool,
    #[arg(long, global = true, value_parser = parse_lang, help = h::LANG.get())]
    lang: Option<Lang>,
    #[command(flatten)]
    screen: ScreenArgs,
}

#[derive(clap::Args, Clone)]
struct ScreenArgs {
    #[arg(
        long,
        global = true,
        value_parser = clap::value_parser!(u8).range(1..=2),
        help = h::AMBIGUOUS_WIDTH.get()
    )]
    ambiguous_width: Option<u8>,
    #[arg(long, global = true, help = h::ASCII.get())]
    ascii: bool,
    #[arg(long, global = true, help = h::MOUSE.get())]
    mouse: bool,
}

#[derive(Subcommand)]
enum Command {
    #[command(about = h::REVIEW.get())]
    Review {
        #[arg(required = true, help = h::REVIEW_FILES.get())]
        files: Vec<PathBuf>,
        #[arg(long, help = h::REVIEW_PRIOR.get())]
        prior: Option<String>,
        #[arg(
            long,
            default_value_t = nianbao::check::diff::DEFAULT_COPIED_THRESHOLD,
            help = h::COPIED_THRESHOLD.get()
        )]
        copied_threshold: f64,
    },
    #[command(about = h::DIFF.get())]
    Diff {
        #[arg(help = h::DIFF_PRIOR.get())]
        prior: PathBuf,
        #[arg(help = h::DIFF_FILE.get())]
        file: PathBuf,
        #[arg(long, value_enum, default_value_t = DiffFormat::Text, help = h::DIFF_FORMAT.get())]
        format: DiffFormat,
        #[arg(
            long,
            default_value_t = nianbao::check::diff::DEFAULT_COPIED_THRESHOLD,
            help = h::COPIED_THRESHOLD.get()
        )]
        copied_threshold: f64,
        #[arg(long, help = h::DIFF_ORIGINAL.get())]
        original: bool,
        #[arg(long, value_enum, default_value_t = Color::Auto, help = h::CHECK_COLOR.get())]
        color: Color,
    },
    #[command(about = h::CHECK.get())]
    Check {
        #[arg(required = true, help = h::PATHS.get())]
        paths: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = CheckFormat::Text, help = h::CHECK_FORMAT.get())]
        format: CheckFormat,
        #[arg(long, value_enum, default_value_t = Color::Auto, help = h::CHECK_COLOR.get())]
        color: Color,
        #[arg(long, help = h::CHECK_ERRORS_ONLY.get())]
        errors_only: bool,
        #[arg(long, help = h::CHECK_ORIGINAL.get())]
        original: bool,
        #[arg(long, help = h::CHECK_PRIOR.get())]
        prior: Option<String>,
        #[arg(
            long,
            default_value_t = nianbao::check::diff::DEFAULT_COPIED_THRESHOLD,
            help = h::COPIED_THRESHOLD.get()
        )]
        copied_threshold: f64,
    },
    #[command(about = h::EXPORT.get())]
    Export {
        #[arg(help = h::REPORT_FILE.get())]
        file: PathBuf,
        #[arg(long, value_enum, default_value_t = ExportFormat::Json, help = h::EXPORT_FORMAT.get())]
        format: ExportFormat,
        #[arg(long, help = h::EXPORT_ORIGINAL.get())]
        original: bool,
        #[arg(short, long, help = h::EXPORT_OUTPUT.get())]
        output: Option<PathBuf>,
    },
    #[command(about = h::MEMO.get())]
    Memo {
        #[arg(required = true, help = h::PATHS.get())]
        paths: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = MemoFormat::Md, help = h::MEMO_FORMAT.get())]
        format: MemoFormat,
        #[arg(short, long, help = h::MEMO_OUTPUT.get())]
        output: Option<PathBuf>,
        #[arg(long, help = h::MEMO_ORIGINAL.get())]
        original: bool,
    },
    #[command(about = h::TEXT.get())]
    Text {
        #[arg(help = h::REPORT_FILE.get())]
        file: PathBuf,
    },
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
    #[value(help = h::MEMO_XLSX.get())]
    Xlsx,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum ExportFormat {
    #[value(help = h::EXPORT_JSON.get())]
    Json,
    #[value(help = h::EXPORT_CSV.get())]
    Csv,
    #[value(help = h::EXPORT_GRID.get())]
    Grid,
    #[value(help = h::EXPORT_XLSX.get())]
    Xlsx,
}

/// Reading a report makes many small allocations (tokens, candidate readings, findings);
/// mimalloc serves them faster than the system allocator (`cargo bench --bench check`).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn parse_lang(s: &str) -> Result<Lang, String> {
    Lang::parse(s).ok_or_else(|| says::LANGS.fill(&[("s", &s)]))
}

/// The language to speak: `--lang`, else config.toml's `lang`, else the environment.
fn choose_lang(arg: Option<Lang>) -> Lang {
    let configured = || nianbao::tui::config::read().and_then(|c| c.language());
    arg.or_else(configured).unwrap_or_else(Lang::from_env)
}

/// The `--lang` of the command line (`--lang zh`, `--lang=zh`), found before clap reads
/// it so that help and clap's errors are in the language chosen; the last valid one
/// counts, and nothing after `--`.
fn lang_in_args(args: impl IntoIterator<Item = std::ffi::OsString>) -> Option<Lang> {
    let mut args = args.into_iter().skip(1);
    let mut found = None;
    while let Some(a) = args.next() {
        let value = match a.to_str() {
            Some("--") => break,
            Some("--lang") => args.next(),
            Some(s) => s.strip_prefix("--lang=").map(Into::into),
            None => None,
        };
        found = value.and_then(|v| Lang::parse(v.to_str()?)).or(found);
    }
    found
}

/// The command line, read with its help in the language chosen: the language is set
/// before anything is said, the help first, and set again from what clap read.
fn parse_cli() -> Cli {
    use clap::{CommandFactory, FromArgMatches};
    nianbao::lang::set(choose_lang(lang_in_args(std::env::args_os())));
    let mut matches = match cli_help::localise(Cli::command()).try_get_matches() {
        Ok(m) => m,
        Err(e) => match cli_help::error_in_words(&e) {
            Some(said) => {
                eprintln!("{said}");
                std::process::exit(e.exit_code())
            }
            None => e.exit(),
        },
    };
    let cli = Cli::from_arg_matches_mut(&mut matches)
        .unwrap_or_else(|e| e.format(&mut Cli::command()).exit());
    if let Some(lang) = cli.lang {
        nianbao::lang::set(lang);
    }
    cli
}

fn main() -> ExitCode {
    let cli = parse_cli();
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

/// Why the review screen cannot run here, said, when it cannot: it needs a terminal on
/// both ends, and one that can move the cursor (`TERM=dumb` cannot).
fn no_screen_here() -> Option<ExitCode> {
    let why = if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        says::NEEDS_TERMINAL
    } else if std::env::var_os("TERM").is_some_and(|t| t == "dumb") {
        says::DUMB_TERMINAL
    } else {
        return None;
    };
    eprintln!("nianbao: {why}");
    Some(ExitCode::from(2))
}

fn run_review(
    file: Option<PathBuf>,
    prior: Option<&str>,
    threshold: f64,
    keymap: Option<PathBuf>,
    screen: &ScreenArgs,
) -> ExitCode {
    if let Some(refused) = no_screen_here() {
        return refused;
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
        eprintln!("nianbao: {}", says::FOLDER_PRIOR);
        return ExitCode::from(2);
    }
    if let Some(refused) = no_screen_here() {
        return refused;
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

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;
    use nianbao::lang::with;

    /// The arguments that have no help in either language (none: every argument says
    /// what it is).
    const UNDOCUMENTED: &[(&str, &str)] = &[];

    fn chinese(s: &str) -> bool {
        s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
    }

    /// Every about, help and value help of `cmd` and of its commands, in Chinese.
    fn assert_chinese(cmd: &clap::Command, seen: &mut Vec<(String, String)>) {
        let name = cmd.get_name();
        let about = cmd.get_about().map(|a| a.to_string()).unwrap_or_default();
        assert!(chinese(&about), "{name}: about {about:?}");
        for arg in cmd.get_arguments() {
            let id = arg.get_id().as_str();
            let help = arg.get_help().map(|h| h.to_string());
            if UNDOCUMENTED.contains(&(name, id)) {
                assert_eq!(
                    help, None,
                    "{name} {id} has a help now: take it off UNDOCUMENTED"
                );
                seen.push((name.to_string(), id.to_string()));
            } else {
                let help = help.unwrap_or_default();
                assert!(chinese(&help), "{name} {id}: help {help:?}");
            }
            for v in arg.get_possible_values() {
                let help = v.get_help().map(|h| h.to_string());
                assert!(
                    help.is_none_or(|h| chinese(&h)),
                    "{name} {id} {}",
                    v.get_name()
                );
            }
        }
        for sub in cmd.get_subcommands() {
            assert_chinese(sub, seen);
        }
    }

    #[test]
    fn every_command_and_argument_has_its_chinese_help() {
        with(Lang::Zh, || {
            let mut seen = Vec::new();
            assert_chinese(&cli_help::localise(Cli::command()), &mut seen);
            for (name, id) in UNDOCUMENTED {
                assert!(
                    seen.contains(&(name.to_string(), id.to_string())),
                    "{name} {id}"
                );
            }
        });
    }

    #[test]
    fn the_english_help_is_the_catalogue_s() {
        let cmd = with(Lang::En, || cli_help::localise(Cli::command()));
        let check = cmd.find_subcommand("check").unwrap();
        assert_eq!(check.get_about().unwrap().to_string(), cli_help::CHECK.en);
        let lang = cmd.get_arguments().find(|a| a.get_id() == "lang").unwrap();
        assert_eq!(lang.get_help().unwrap().to_string(), cli_help::LANG.en);
    }

    #[test]
    fn the_language_is_found_among_the_arguments_before_they_are_read() {
        let args = |s: &str| {
            s.split(' ')
                .map(std::ffi::OsString::from)
                .collect::<Vec<_>>()
        };
        let found = |s: &str| lang_in_args(args(s));
        assert_eq!(found("nianbao check --lang zh a.txt"), Some(Lang::Zh));
        assert_eq!(found("nianbao --lang=zh_CN.UTF-8 --help"), Some(Lang::Zh));
        assert_eq!(found("nianbao --lang zh --lang en -h"), Some(Lang::En));
        assert_eq!(found("nianbao --lang fr -h"), None);
        assert_eq!(found("nianbao --lang"), None);
        assert_eq!(found("nianbao check -- --lang zh"), None);
        assert_eq!(found("nianbao check zh"), None);
    }
}
