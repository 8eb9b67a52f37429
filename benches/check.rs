//! Throughput of `check` over a directory of reports: 10,000 generated reports of mixed
//! formats and layouts (one in ten with a wrong cell), read and checked by
//! `batch::check_all` as `nianbao check DIR` does, best of 3. For scale, `rg -c 总计`
//! over the same files, when ripgrep is installed.
//!
//!     cargo bench --bench check            (NIANBAO_BENCH_REPORTS=N for another count,
//!                                           NIANBAO_BENCH_KEEP=1 keeps the reports to profile)

#[path = "../tests/common/gen.rs"]
#[allow(dead_code)] // the generator is shared with the tests; the bench uses part of it
mod gen;

use gen::Generated;
use nianbao::check::batch::{self, Outcome};
use nianbao::Report;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The binary's allocator, so the figure is what `nianbao check` does.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn no_prepare(_: &Path, _: &mut Report) -> Result<(), String> {
    Ok(())
}

fn best_of<T>(runs: usize, mut f: impl FnMut() -> T) -> (Duration, T) {
    let mut best: Option<(Duration, T)> = None;
    for _ in 0..runs {
        let start = Instant::now();
        let out = f();
        let took = start.elapsed();
        if best.as_ref().is_none_or(|(b, _)| took < *b) {
            best = Some((took, out));
        }
    }
    best.unwrap()
}

fn main() {
    let n: u64 = std::env::var("NIANBAO_BENCH_REPORTS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(10_000);
    let dir: PathBuf = std::env::temp_dir().join(format!("nianbao-bench-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");

    let start = Instant::now();
    let mut bytes = 0usize;
    for i in 0..n {
        let mut g = Generated::random(0xBE7C_0000 + i);
        if i % 10 == 9 {
            g.inject_error(if i % 20 == 9 { "t3" } else { "t4" }, i);
        }
        let text = g.render();
        bytes += text.len();
        std::fs::write(
            dir.join(format!(
                "{:05}-{}-{}.txt",
                i,
                g.template.id(),
                g.layout.name()
            )),
            text,
        )
        .expect("write report");
    }
    let mb = bytes as f64 / (1024.0 * 1024.0);
    println!(
        "generated {n} reports ({mb:.1} MB) in {:.1?} into {}",
        start.elapsed(),
        dir.display()
    );

    let inputs = batch::gather(std::slice::from_ref(&dir));
    assert_eq!(inputs.len() as u64, n);
    let (took, outcomes) = best_of(3, || batch::check_all(&inputs, &no_prepare, &|| {}));
    let errors = outcomes.iter().filter(|o| o.has_errors()).count();
    let unreadable = outcomes
        .iter()
        .filter(|o| matches!(o, Outcome::Unreadable { .. }))
        .count();
    let secs = took.as_secs_f64();
    println!(
        "check_all: {n} reports in {:.2} s (best of 3, {} threads): {:.0} reports/s, {:.1} MB/s; {errors} with errors, {unreadable} unreadable",
        secs,
        rayon::current_num_threads(),
        n as f64 / secs,
        mb / secs
    );

    match Command::new("rg")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
    {
        Ok(s) if s.success() => {
            let (took, status) = best_of(3, || {
                Command::new("rg")
                    .arg("-c")
                    .arg("总计")
                    .arg(&dir)
                    .stdout(Stdio::null())
                    .status()
                    .expect("run rg")
            });
            let secs = took.as_secs_f64();
            println!(
                "rg -c 总计: {n} files in {:.3} s (best of 3, exit {:?}): {:.0} files/s, {:.1} MB/s",
                secs,
                status.code(),
                n as f64 / secs,
                mb / secs
            );
        }
        _ => println!("rg -c 总计: skipped, ripgrep (rg) is not on PATH"),
    }
    if std::env::var_os("NIANBAO_BENCH_KEEP").is_none() {
        let _ = std::fs::remove_dir_all(&dir);
    }
}
