use clap::{Parser, Subcommand, ValueEnum};
use nianbao::batch::{self, Outcome};
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
}

#[derive(Subcommand)]
enum Command {
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
    },
    /// Export one report's cells and findings.
    Export {
        file: PathBuf,
        #[arg(long, value_enum, default_value_t = ExportFormat::Json)]
        format: ExportFormat,
    },
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum CheckFormat {
    Text,
    Json,
    Jsonl,
    Csv,
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

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(Command::Check { paths, format, color, errors_only }) => run_check(&paths, format, color, errors_only),
        Some(Command::Export { file, format }) => run_export(&file, format),
        None => {
            eprintln!("nianbao: the review screen is not built yet; try `nianbao check FILE`");
            ExitCode::from(2)
        }
    }
}

fn no_prepare(_: &Path, _: &mut Report) -> Result<(), String> {
    Ok(())
}

fn run_export(file: &Path, format: ExportFormat) -> ExitCode {
    match batch::check_file(file, &no_prepare) {
        Outcome::Unreadable { path, reason } => {
            eprintln!("nianbao: {}: {reason}", path.display());
            ExitCode::from(2)
        }
        Outcome::Checked { report, findings } => {
            let out = match format {
                ExportFormat::Json => serde_json::to_string_pretty(&nianbao::export::to_json(&report, &findings)).unwrap() + "\n",
                ExportFormat::Csv => nianbao::export::to_csv(&report),
            };
            let mut so = std::io::stdout().lock();
            if so.write_all(out.as_bytes()).is_err() {
                return ExitCode::from(2);
            }
            ExitCode::SUCCESS
        }
    }
}

fn run_check(paths: &[PathBuf], format: CheckFormat, color: Color, errors_only: bool) -> ExitCode {
    let inputs = batch::gather(paths);
    let show_progress = std::io::stderr().is_terminal() && inputs.len() >= 500;
    let bar = if show_progress {
        let b = indicatif::ProgressBar::new(inputs.len() as u64);
        b.set_style(indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} reports {per_sec} eta {eta}").unwrap());
        Some(b)
    } else {
        None
    };
    let outcomes = batch::check_all(&inputs, &no_prepare, &|| {
        if let Some(b) = &bar {
            b.inc(1);
        }
    });
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    let colour = match color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").map_or(true, |v| v.is_empty()),
    };
    let mut so = std::io::BufWriter::new(std::io::stdout().lock());
    let mut unreadable = false;
    let mut errors = false;
    let mut json_all = Vec::new();
    if format == CheckFormat::Csv {
        let _ = writeln!(so, "path,rule,severity,cells,message,expected,actual,fix_cell,fix_value,line");
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
                    let _ = nianbao::report_text::write_block(&mut so, report, findings, colour, errors_only);
                }
                CheckFormat::Json => json_all.push(nianbao::export::to_json(report, findings)),
                CheckFormat::Jsonl => {
                    let _ = writeln!(so, "{}", serde_json::to_string(&nianbao::export::to_json(report, findings)).unwrap());
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
                        let _ = writeln!(so, "{}", fields.iter().map(|s| nianbao::report_text::csv_field(s)).collect::<Vec<_>>().join(","));
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
        let n_bad = outcomes.iter().filter(|o| matches!(o, Outcome::Unreadable { .. })).count();
        let _ = writeln!(so, "{} reports checked: {} with errors, {} unreadable", outcomes.len(), n_err, n_bad);
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
