//! Every fixture of the corpus (`tests/fixtures/corpus/{seeds,dev,real}`, and any further
//! one in `../shared/corpus` when that exists) scored against its
//! gold file exactly as `shared/tools/score-gold` scores an export: the template, every
//! cell (null allowed only for cells under `inferable`, never a wrong value), `lines`,
//! `must_find`, `must_not_error` and `must_flag`.

use nianbao::model::num::Num;
use serde_json::Value;
use std::path::{Path, PathBuf};

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/corpus")
}

/// The shared corpus beside a development checkout, when it exists: its gold files that
/// the repository's copy lacks are scored too (never instead of the copy's).
fn shared_corpus() -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    p.is_dir().then_some(p)
}

fn gold_in(root: &Path, dir: &str) -> Vec<PathBuf> {
    let d = root.join(dir);
    let entries = std::fs::read_dir(&d).unwrap_or_else(|e| panic!("{}: {e}", d.display()));
    let mut out: Vec<PathBuf> = entries
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(".gold.json"))
        .collect();
    out.sort();
    out
}

fn gold_files() -> Vec<PathBuf> {
    let mut out = Vec::new();
    for dir in ["seeds", "dev", "real"] {
        let ours = gold_in(&corpus(), dir);
        if let Some(shared) = shared_corpus().filter(|s| s.join(dir).is_dir()) {
            let names: Vec<_> = ours
                .iter()
                .map(|p| p.file_name().map(|n| n.to_owned()))
                .collect();
            let extra = gold_in(&shared, dir)
                .into_iter()
                .filter(|p| !names.contains(&p.file_name().map(|n| n.to_owned())));
            out.extend(extra);
        }
        out.extend(ours);
    }
    assert!(
        out.len() >= 16,
        "the repository's fixtures are missing: {}",
        corpus().display()
    );
    out
}

/// A value as an exact decimal, as score-gold's `Decimal(str(v))` takes it: a JSON
/// number, or a string holding one (gold files write amounts as "96171.6").
fn num(v: &Value) -> Option<Num> {
    let s = match v {
        Value::Null => return None,
        Value::Number(n) => n.to_string(),
        Value::String(s) => s.clone(),
        other => panic!("not a number: {other}"),
    };
    Some(Num::parse(&s).unwrap_or_else(|| panic!("not a decimal: {s:?}")))
}

/// Scores one export against one gold file: (passed, problems).
fn score(gold: &Value, got: &Value) -> (usize, Vec<String>) {
    let mut ok = 0;
    let mut bad = Vec::new();
    let cells: std::collections::HashMap<&str, &Value> = got["cells"]
        .as_array()
        .map(|a| a.iter().map(|c| (c["key"].as_str().unwrap(), c)).collect())
        .unwrap_or_default();
    let tpl = &got["meta"]["template"];
    if tpl != &gold["template"] {
        bad.push(format!("template: got {tpl}, want {}", gold["template"]));
    }
    let inferable: Vec<&str> = gold["inferable"]
        .as_array()
        .map(|a| a.iter().filter_map(|v| v.as_str()).collect())
        .unwrap_or_default();
    for (key, want) in gold["cells"].as_object().expect("gold cells") {
        match cells.get(key.as_str()) {
            None => bad.push(format!("{key}: absent from export")),
            Some(c) => {
                let have = num(&c["value"]);
                if have.is_none() && inferable.contains(&key.as_str()) {
                    ok += 1;
                } else if have != num(want) {
                    bad.push(format!("{key}: got {}, want {want}", c["value"]));
                } else {
                    ok += 1;
                }
            }
        }
    }
    if let Some(lines) = gold["lines"].as_object() {
        for (key, line) in lines {
            let have = cells.get(key.as_str()).map(|c| &c["line"]);
            if have != Some(line) {
                bad.push(format!("{key}: line {have:?}, want {line}"));
            } else {
                ok += 1;
            }
        }
    }
    let findings = got["findings"].as_array().cloned().unwrap_or_default();
    let rules: Vec<&str> = findings.iter().filter_map(|f| f["rule"].as_str()).collect();
    let errors: Vec<&Value> = findings
        .iter()
        .filter(|f| f["severity"] == "error")
        .collect();
    for rule in gold["must_find"].as_array().into_iter().flatten() {
        if rules.contains(&rule.as_str().unwrap()) {
            ok += 1;
        } else {
            bad.push(format!("finding {rule}: not reported"));
        }
    }
    for rule in gold["must_not_error"].as_array().into_iter().flatten() {
        if errors.iter().any(|f| &f["rule"] == rule) {
            bad.push(format!(
                "finding {rule}: reported as an error, but the report satisfies it"
            ));
        } else {
            ok += 1;
        }
    }
    if let Some(flag) = gold["must_flag"].as_str() {
        let named = |f: &&Value| {
            f["cells"]
                .as_array()
                .is_some_and(|c| c.iter().any(|k| k == flag))
        };
        if errors.iter().any(named) {
            ok += 1;
        } else {
            bad.push(format!(
                "{flag}: holds an injected error, but no error finding names it"
            ));
        }
    }
    (ok, bad)
}

#[test]
fn every_fixture_scores_without_failure() {
    score_all(|_, bytes| bytes);
}

/// Each fixture with every line followed by a blank one, as text copied from a page
/// that makes each line a paragraph: the same cells, each on line 2n-1 for n. 003 places
/// rows that lost their labels by the blank lines between them; here two blank lines
/// part rows, one does not.
#[test]
fn every_fixture_double_spaced_scores_alike() {
    score_all(|gold, bytes| {
        if let Some(lines) = gold["lines"].as_object_mut() {
            for v in lines.values_mut() {
                *v = Value::from(v.as_u64().unwrap() * 2 - 1);
            }
        }
        let text = String::from_utf8(bytes).expect("the fixtures are UTF-8");
        text.lines()
            .flat_map(|l| [l, "\n\n"])
            .collect::<String>()
            .into_bytes()
    });
}

/// The table sections numbered otherwise: "2. 主动公开…", "(三)收到和处理…",
/// "第四部分 政府信息公开行政复议…". A number left out of its heading would end the
/// table before it as a stray value.
#[test]
fn every_fixture_with_other_heading_numbers_scores_alike() {
    let heading = regex::Regex::new(
        r"(?m)^[ \t\u{3000}]*([二三四])[、.．]\s*(主动公开|收到和处理|政府信息公开行政复议)",
    )
    .unwrap();
    for style in 0..3 {
        score_all(|_, bytes| {
            let text = String::from_utf8(bytes).expect("the fixtures are UTF-8");
            let out = heading.replace_all(&text, |c: &regex::Captures| {
                let (cn, rest) = (&c[1], &c[2]);
                let ar = match cn {
                    "二" => "2",
                    "三" => "3",
                    _ => "4",
                };
                match style {
                    0 => format!("{ar}. {rest}"),
                    1 => format!("（{cn}）{rest}"),
                    _ => format!("第{cn}部分 {rest}"),
                }
            });
            assert_ne!(out, text, "no heading renumbered");
            out.into_owned().into_bytes()
        });
    }
}

/// A short t2 label with one wrong char (OCR, a typo) still finds its row: every cell
/// reads as before, the row flagged PARSE-LABEL.
#[test]
fn every_fixture_with_a_damaged_t2_label_scores_alike() {
    for (label, damaged) in [
        ("规章", "规草"),
        ("行政许可", "行政许司"),
        ("行政处罚", "行政处置"),
        ("行政强制", "行证强制"),
        ("规范性文件", "规范姓文件"),
    ] {
        score_all(|gold, bytes| {
            let text = String::from_utf8(bytes).expect("the fixtures are UTF-8");
            match gold["must_find"].as_array_mut() {
                Some(rules) => rules.push("PARSE-LABEL".into()),
                None => gold["must_find"] = serde_json::json!(["PARSE-LABEL"]),
            }
            text.replace(label, damaged).into_bytes()
        });
    }
}

/// A t3 row whose label was lost in extraction is placed by position (PARSE-LABEL):
/// after a heading without values of its own, on its own line below the row before, or
/// as the next run of glued digits in the flattened layout. Every cell reads as before
/// (in the flattened layout t3 cells may stay null, never wrong).
#[test]
fn every_fixture_with_a_lost_t3_label_scores_alike() {
    let glued = regex::Regex::new(r"\d{10}").unwrap();
    for label in [
        r"[(（]一[)）]\s*予以公开",
        r"[(（]二[)）]\s*部分公开(?:\s*[(（][^)）\n]*[)）])?",
        r"2[.、．]重复申请",
        r"4[.、．]保护第三方合法权益",
    ] {
        let re = regex::Regex::new(label).unwrap();
        let dressed = std::cell::Cell::new(0);
        score_all(|gold, bytes| {
            let text = String::from_utf8(bytes).expect("the fixtures are UTF-8");
            // 2019's (五)不予处理 has no numbered rows
            if !re.is_match(&text) {
                return text.into_bytes();
            }
            dressed.set(dressed.get() + 1);
            // the flattened layout glues a row's digits into one run
            let flat = glued.is_match(&text);
            if flat {
                let mut open: Vec<Value> = gold["cells"]
                    .as_object()
                    .unwrap()
                    .keys()
                    .filter(|k| k.starts_with("t3/"))
                    .map(|k| Value::from(k.as_str()))
                    .collect();
                open.extend(gold["inferable"].as_array().cloned().unwrap_or_default());
                gold["inferable"] = Value::from(open);
            }
            re.replace(&text, "").into_owned().into_bytes()
        });
        assert!(
            dressed.get() >= 6,
            "{label}: in {} fixtures only",
            dressed.get()
        );
    }
}

/// Deleting any one value from a fixture's tables gives no cell a wrong value: the
/// row it leaves short is placed by its identities, or left empty, never shifted.
/// Cells of identities the printed report already breaks are left out (009's t4 prints
/// wrong totals, dev/*-err carry a wrong cell): there a deletion can make the rest look
/// consistent, and the wrong cell may even be inferred to its true value.
#[test]
fn deleting_any_one_value_gives_no_cell_a_wrong_value() {
    const IDENTITIES: [&str; 5] = ["T3-BALANCE", "T3-TOTAL", "T3-ROWSUM", "T4-SUM", "SUBTOTAL"];
    let number = regex::Regex::new(r"-?\d+(?:\.\d+)?").unwrap();
    let mut failures = Vec::new();
    let mut deletions = 0;
    for g in gold_files() {
        let gold: Value = serde_json::from_str(&std::fs::read_to_string(&g).unwrap()).unwrap();
        let txt = PathBuf::from(g.to_string_lossy().replace(".gold.json", ".txt"));
        let base = nianbao::read_bytes("base.txt", &std::fs::read(&txt).unwrap()).unwrap();
        let broken: std::collections::HashSet<String> = nianbao::check::rules::check(&base)
            .into_iter()
            .filter(|f| IDENTITIES.contains(&f.rule))
            .flat_map(|f| f.cells)
            .collect();
        let text = &base.text;
        let (start, end) = (
            base.table_spans.iter().map(|s| s.0).min().unwrap(),
            base.table_spans.iter().map(|s| s.1).max().unwrap(),
        );
        for m in number.find_iter(&text[start..end]) {
            let (a, b) = (start + m.start(), start + m.end());
            // a whole value, not the tail of a longer run or of an item number
            let before = text[..a].chars().last();
            let after = text[b..].chars().next();
            if before.is_some_and(|c| c.is_ascii_digit() || c == '.')
                || after.is_some_and(|c| c.is_ascii_digit() || c == '.')
            {
                continue;
            }
            deletions += 1;
            let short = format!("{}{}", &text[..a], &text[b..]);
            let r = nianbao::read_bytes("short.txt", short.as_bytes()).unwrap();
            for c in &r.cells {
                let want = gold["cells"].get(&*c.key).and_then(num);
                if let (Some(v), Some(want)) = (c.value, want) {
                    if v != want && !broken.contains(&*c.key) {
                        let at: String = text[..a]
                            .chars()
                            .rev()
                            .take(12)
                            .collect::<Vec<_>>()
                            .into_iter()
                            .rev()
                            .collect();
                        failures.push(format!(
                            "{}: without {:?} after {at:?}: {} = {v} ({:?}), want {want}",
                            txt.display(),
                            m.as_str(),
                            c.key,
                            c.origin
                        ));
                    }
                }
            }
        }
    }
    assert!(deletions > 2000, "only {deletions} deletions");
    assert!(
        failures.is_empty(),
        "{} wrong values:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Scores every fixture, each text (and its gold file) passed through `dress` first.
fn score_all(dress: impl Fn(&mut Value, Vec<u8>) -> Vec<u8>) {
    let golds = gold_files();
    assert!(
        golds.len() >= 16,
        "expected the corpus's 16 gold files, found {}",
        golds.len()
    );
    let mut failures = Vec::new();
    for g in &golds {
        let mut gold: Value = serde_json::from_str(&std::fs::read_to_string(g).unwrap()).unwrap();
        let txt = PathBuf::from(g.to_string_lossy().replace(".gold.json", ".txt"));
        let bytes = dress(
            &mut gold,
            std::fs::read(&txt).unwrap_or_else(|e| panic!("{}: {e}", txt.display())),
        );
        let report = nianbao::read_bytes(&txt.to_string_lossy(), &bytes)
            .unwrap_or_else(|e| panic!("{}: {e}", txt.display()));
        let findings = nianbao::check::rules::check(&report);
        // through text, as score-gold reads the export
        let json =
            serde_json::to_string(&nianbao::output::export::to_json(&report, &findings)).unwrap();
        let got: Value = serde_json::from_str(&json).unwrap();
        let (ok, bad) = score(&gold, &got);
        let name = txt
            .strip_prefix(corpus())
            .unwrap_or(&txt)
            .display()
            .to_string();
        eprintln!("{name}: {ok} passed, {} failed", bad.len());
        for b in &bad {
            failures.push(format!("{name}: {b}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} problems:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn the_scorer_catches_wrong_values_and_misses() {
    // score() itself, on a made-up gold file, so a lenient scorer cannot pass the corpus
    let gold: Value = serde_json::json!({
        "template": "2021",
        "cells": {"t2/fees/amount": "6.8178", "t3/new/total": 5, "t3/total/total": 4},
        "inferable": ["t3/total/total"],
        "lines": {"t3/new/total": 7},
        "must_find": ["PARSE-COUNT"],
        "must_not_error": ["T3-BALANCE"],
        "must_flag": "t3/new/total"
    });
    let good: Value = serde_json::from_str(
        r#"{"meta": {"template": "2021"}, "cells": [
        {"key": "t2/fees/amount", "value": 6.81780, "line": 3},
        {"key": "t3/new/total", "value": 5, "line": 7},
        {"key": "t3/total/total", "value": null, "line": null}],
        "findings": [{"rule": "PARSE-COUNT", "severity": "warning", "cells": []},
                     {"rule": "T3-TOTAL", "severity": "error", "cells": ["t3/new/total"]}]}"#,
    )
    .unwrap();
    let (ok, bad) = score(&gold, &good);
    assert!(bad.is_empty(), "{bad:?}");
    assert_eq!(ok, 7);
    let wrong: Value = serde_json::from_str(
        r#"{"meta": {"template": "2019"}, "cells": [
        {"key": "t2/fees/amount", "value": 6.8177, "line": 3},
        {"key": "t3/new/total", "value": null, "line": 8},
        {"key": "t3/total/total", "value": 3, "line": null}],
        "findings": [{"rule": "T3-BALANCE", "severity": "error", "cells": ["t3/total/total"]}]}"#,
    )
    .unwrap();
    let (_, bad) = score(&gold, &wrong);
    // template, three cells, line, must_find, must_not_error, must_flag
    assert_eq!(bad.len(), 8, "{bad:#?}");
}

/// Rule ids whose findings are not in the catalogue, or whose messages have none of
/// their rule's forms, or (for the TUI's explain) whose formula is empty.
fn unworded(findings: &[nianbao::Finding], what: &str) -> Vec<String> {
    let mut out = Vec::new();
    for f in findings {
        match nianbao::check::rules::rule(f.rule) {
            None => out.push(format!("{what}: {} has no catalogue entry", f.rule)),
            Some(r) if r.formula.trim().is_empty() => {
                out.push(format!("{what}: {} has no formula", f.rule))
            }
            Some(r) if !r.worded(&f.message) => out.push(format!(
                "{what}: {} says {:?}, none of its forms",
                f.rule, f.message
            )),
            Some(_) => {}
        }
    }
    out
}

#[test]
fn every_finding_of_every_fixture_is_in_the_catalogue_with_a_formula_and_its_words() {
    let mut problems = Vec::new();
    let mut ids = std::collections::BTreeSet::new();
    let mut read = 0;
    for dir in ["seeds", "dev", "real", "published", "wild"] {
        let d = corpus().join(dir);
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for p in entries.map(|e| e.unwrap().path()) {
            if p.to_string_lossy().ends_with(".json") {
                continue;
            }
            let Ok(report) = nianbao::read_bytes(&p.to_string_lossy(), &std::fs::read(&p).unwrap())
            else {
                continue;
            };
            read += 1;
            let findings = nianbao::check::rules::check(&report);
            ids.extend(findings.iter().map(|f| f.rule));
            problems.extend(unworded(&findings, &p.display().to_string()));
        }
    }
    assert!(read >= 20, "only {read} fixtures read");
    // the reader's own findings are among them, worded by the catalogue too
    for id in [
        "PARSE-SEGMENTED",
        "PARSE-COUNT",
        "PARSE-ROW-MISSING",
        "T3-TOTAL",
    ] {
        assert!(ids.contains(id), "no fixture gives {id}: {ids:?}");
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
