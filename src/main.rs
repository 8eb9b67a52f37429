use clap::{Parser, Subcommand, ValueEnum};
use nianbao::check::batch::{self, Outcome};
use nianbao::model::{Report, Severity};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

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
    /// Open the review screen on a report.
    Review {
        file: PathBuf,
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
    },
    /// Print the text nianbao reads a report as: the decoded text, or the text of an
    /// HTML page, Word file or PDF (what the review screen's raw pane shows; line
    /// numbers in findings count its lines). Control characters are shown as U+FFFD
    /// on a terminal.
    Text { file: PathBuf },
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum CheckFormat {
    Text,
    Json,
    Jsonl,
    Csv,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum DiffFormat {
    Text,
    Json,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum ExportFormat {
    Json,
    Csv,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum Color {
    Auto,
    Always,
    Never,
}

/// Reading a report makes many small allocations (tokens, candidate readings, findings);
/// mimalloc serves them faster than the system allocator (`cargo bench --bench check`).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    if cli.print_keymap {
        return match nianbao::tui::keymap::Keymap::from_config(cli.keymap.as_deref()) {
            Ok(k) => {
                print!("{}", k.to_toml());
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("nianbao: keymap: {e}");
                ExitCode::from(2)
            }
        };
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
        }) => run_check(
            &paths,
            format,
            color,
            errors_only,
            original,
            prior.as_deref(),
            copied_threshold,
        ),
        Some(Command::Export {
            file,
            format,
            original,
        }) => run_export(&file, format, original),
        Some(Command::Text { file }) => run_text(&file),
        Some(Command::Review {
            file,
            prior,
            copied_threshold,
        }) => run_review(
            Some(file),
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

/// Reads a report for a comparison, with its corrections unless `original`.
fn load(path: &Path, original: bool) -> Result<Report, String> {
    let prepare: &(dyn Fn(&Path, &mut Report) -> Result<(), String> + Sync) = if original {
        &no_prepare
    } else {
        &apply_corrections
    };
    match batch::check_file(path, prepare) {
        Outcome::Checked { report, .. } => Ok(*report),
        Outcome::Unreadable { path, reason } => Err(format!("{}: {reason}", path.display())),
    }
}

/// The prior report named on the command line, or found with `auto`.
fn resolve_prior(spec: &str, current_path: &Path, current: &Report) -> Result<PathBuf, String> {
    if spec == "auto" {
        let p = nianbao::check::diff::find_prior(current_path, current)
            .map_err(|e| format!("--prior auto: {e}"))?;
        eprintln!(
            "nianbao: {}: prior report: {}",
            current_path.display(),
            p.display()
        );
        Ok(p)
    } else {
        Ok(PathBuf::from(spec))
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
    let (p, c) = match (load(prior, original), load(file, original)) {
        (Ok(p), Ok(c)) => (p, c),
        (Err(e), _) | (_, Err(e)) => {
            eprintln!("nianbao: {e}");
            return ExitCode::from(2);
        }
    };
    let d = nianbao::check::diff::diff(&p, &c, threshold);
    let out = match format {
        DiffFormat::Json => serde_json::to_string_pretty(&d).unwrap() + "\n",
        DiffFormat::Text => {
            let colour = match color {
                Color::Always => true,
                Color::Never => false,
                Color::Auto => {
                    std::io::stdout().is_terminal()
                        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                }
            };
            nianbao::check::diff::to_text(&d, colour)
        }
    };
    let _ = std::io::stdout().lock().write_all(out.as_bytes());
    if d.findings.iter().any(|f| f.severity == Severity::Error) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
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
        eprintln!("nianbao: the review screen needs a terminal; use `nianbao check` or `nianbao export` in scripts");
        return ExitCode::from(2);
    }
    let cfg = nianbao::tui::config::load();
    let settings = nianbao::tui::app::Settings {
        color: std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
        ambiguous_width: screen.ambiguous_width.unwrap_or(cfg.ambiguous_width),
        ascii_borders: screen.ascii || cfg.ascii_borders,
    };
    let prior_report = match (prior, &file) {
        (Some(spec), Some(f)) => {
            let current = match load(f, false) {
                Ok(r) => r,
                Err(e) => {
                    eprintln!("nianbao: {e}");
                    return ExitCode::from(2);
                }
            };
            match resolve_prior(spec, f, &current).and_then(|p| load(&p, false)) {
                Ok(r) => Some(r),
                Err(e) => {
                    eprintln!("nianbao: {e}");
                    return ExitCode::from(2);
                }
            }
        }
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
            eprintln!("nianbao: {e}");
            ExitCode::from(2)
        }
    }
}

fn no_prepare(_: &Path, _: &mut Report) -> Result<(), String> {
    Ok(())
}

fn apply_corrections(path: &Path, report: &mut Report) -> Result<(), String> {
    nianbao::record::corrections::apply_saved(path, report).map(|_| ())
}

fn run_export(file: &Path, format: ExportFormat, original: bool) -> ExitCode {
    let prepare: &(dyn Fn(&Path, &mut Report) -> Result<(), String> + Sync) = if original {
        &no_prepare
    } else {
        &apply_corrections
    };
    match batch::check_file(file, prepare) {
        Outcome::Unreadable { path, reason } => {
            eprintln!("nianbao: {}: {reason}", path.display());
            ExitCode::from(2)
        }
        Outcome::Checked { report, findings } => {
            let out = match format {
                ExportFormat::Json => {
                    serde_json::to_string_pretty(&nianbao::output::export::to_json(
                        &report, &findings,
                    ))
                    .unwrap()
                        + "\n"
                }
                ExportFormat::Csv => nianbao::output::export::to_csv(&report),
            };
            let mut so = std::io::stdout().lock();
            if so.write_all(out.as_bytes()).is_err() {
                return ExitCode::from(2);
            }
            ExitCode::SUCCESS
        }
    }
}

fn run_text(file: &Path) -> ExitCode {
    match batch::check_file(file, &no_prepare) {
        Outcome::Unreadable { path, reason } => {
            eprintln!("nianbao: {}: {reason}", path.display());
            ExitCode::from(2)
        }
        Outcome::Checked { report, .. } => {
            let mut so = std::io::stdout().lock();
            let text = if so.is_terminal() {
                nianbao::output::terminal::safe_document(&report.text)
            } else {
                report.text
            };
            if so.write_all(text.as_bytes()).is_err() {
                return ExitCode::from(2);
            }
            ExitCode::SUCCESS
        }
    }
}

fn run_check(
    paths: &[PathBuf],
    format: CheckFormat,
    color: Color,
    errors_only: bool,
    original: bool,
    prior: Option<&str>,
    threshold: f64,
) -> ExitCode {
    let prepare: &(dyn Fn(&Path, &mut Report) -> Result<(), String> + Sync) = if original {
        &no_prepare
    } else {
        &apply_corrections
    };
    let inputs = batch::gather(paths);
    let show_progress = std::io::stderr().is_terminal() && inputs.len() >= 500;
    let bar = if show_progress {
        let b = indicatif::ProgressBar::new(inputs.len() as u64);
        b.set_style(
            indicatif::ProgressStyle::with_template(
                "{bar:40} {pos}/{len} reports {per_sec} eta {eta}",
            )
            .unwrap(),
        );
        Some(b)
    } else {
        None
    };
    let outcomes = batch::check_all(&inputs, prepare, &|| {
        if let Some(b) = &bar {
            b.inc(1);
        }
    });
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    let mut outcomes = outcomes;
    if let Some(spec) = prior {
        if spec != "auto" && outcomes.len() > 1 {
            eprintln!("nianbao: --prior FILE compares one report; use --prior auto with several");
            return ExitCode::from(2);
        }
        for o in outcomes.iter_mut() {
            let Outcome::Checked { report, findings } = o else {
                continue;
            };
            let path = PathBuf::from(&report.source.path);
            match resolve_prior(spec, &path, report).and_then(|p| load(&p, original)) {
                Ok(p) => {
                    findings.extend(nianbao::check::diff::diff(&p, report, threshold).findings)
                }
                Err(e) => {
                    *o = Outcome::Unreadable { path, reason: e };
                }
            }
        }
    }
    let colour = match color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => {
            std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    };
    let mut so = std::io::BufWriter::new(std::io::stdout().lock());
    let mut unreadable = false;
    let mut errors = false;
    let mut json_all = Vec::new();
    if format == CheckFormat::Csv {
        let _ = writeln!(
            so,
            "path,rule,severity,cells,message,expected,actual,fix_cell,fix_value,line"
        );
    }
    for o in &outcomes {
        errors |= o.has_errors();
        match o {
            Outcome::Unreadable { path, reason } => {
                unreadable = true;
                eprintln!("nianbao: {}: {reason}", path.display());
            }
            Outcome::Checked { report, findings } => match format {
                CheckFormat::Text => {
                    let _ = nianbao::output::terminal::write_block(
                        &mut so,
                        report,
                        findings,
                        colour,
                        errors_only,
                    );
                }
                CheckFormat::Json => {
                    json_all.push(nianbao::output::export::to_json(report, findings))
                }
                CheckFormat::Jsonl => {
                    let _ = writeln!(
                        so,
                        "{}",
                        serde_json::to_string(&nianbao::output::export::to_json(report, findings))
                            .unwrap()
                    );
                }
                CheckFormat::Csv => {
                    for f in findings {
                        if errors_only && f.severity != Severity::Error {
                            continue;
                        }
                        let fields = [
                            report.source.path.clone(),
                            f.rule.to_string(),
                            f.severity.name().to_string(),
                            f.cells.join(" "),
                            f.message.clone(),
                            f.expected.clone().unwrap_or_default(),
                            f.actual.clone().unwrap_or_default(),
                            f.fix.as_ref().map(|x| x.cell.clone()).unwrap_or_default(),
                            f.fix.as_ref().map(|x| x.value.clone()).unwrap_or_default(),
                            f.line.map(|l| l.to_string()).unwrap_or_default(),
                        ];
                        let _ = writeln!(
                            so,
                            "{}",
                            fields
                                .iter()
                                .map(|s| nianbao::output::terminal::csv_field(s))
                                .collect::<Vec<_>>()
                                .join(",")
                        );
                    }
                }
            },
        }
    }
    if format == CheckFormat::Json {
        let _ = writeln!(so, "{}", serde_json::to_string_pretty(&json_all).unwrap());
    }
    if format == CheckFormat::Text && outcomes.len() > 1 {
        let n_err = outcomes.iter().filter(|o| o.has_errors()).count();
        let n_bad = outcomes
            .iter()
            .filter(|o| matches!(o, Outcome::Unreadable { .. }))
            .count();
        let _ = writeln!(
            so,
            "{} reports checked: {} with errors, {} unreadable",
            outcomes.len(),
            n_err,
            n_bad
        );
    }
    let _ = so.flush();
    if unreadable {
        ExitCode::from(2)
    } else if errors {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
