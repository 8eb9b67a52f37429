//! Views of a checked report for other programs: JSON as report-model.md fixes it (with
//! a reviewer's notes on cells, `note`, `note_by`, `note_time`, and the review state in
//! `meta.review`), and CSV with one row per cell.

use crate::model::{Finding, Report};
use crate::output::terminal::{csv_field, json_safe};
use serde_json::{json, Map, Value};

fn num_value(n: crate::model::num::Num) -> Value {
    // arbitrary_precision keeps 6.8178 as written, never a binary float
    serde_json::from_str::<serde_json::Number>(&n.to_string())
        .map(Value::Number)
        .unwrap_or(Value::Null)
}

/// The JSON object of one report (schema 1).
pub fn to_json(report: &Report, findings: &[Finding]) -> Value {
    let cells: Vec<Value> = report
        .cells
        .iter()
        .map(|c| {
            let mut m = Map::new();
            m.insert("key".into(), json!(c.key));
            m.insert(
                "value".into(),
                c.value.map(num_value).unwrap_or(Value::Null),
            );
            m.insert(
                "raw".into(),
                c.raw.as_ref().map(|r| json!(r)).unwrap_or(Value::Null),
            );
            m.insert("origin".into(), json!(c.origin.name()));
            m.insert(
                "line".into(),
                c.line.map(|l| json!(l)).unwrap_or(Value::Null),
            );
            m.insert(
                "span".into(),
                c.span.map(|(a, b)| json!([a, b])).unwrap_or(Value::Null),
            );
            if let Some(n) = report.marks.note(&c.key) {
                m.insert("note".into(), json!(n.text));
                m.insert("note_by".into(), json!(n.reviewer));
                m.insert("note_time".into(), json!(n.time));
            }
            Value::Object(m)
        })
        .collect();
    json!({
        "schema": 1,
        "source": report.source,
        "meta": {
            "agency": report.meta.agency,
            "year": report.meta.year,
            "template": report.meta.template.map(|t| t.id()),
            "template_heads": report.meta.why.template_heads,
            "tables": report.meta.why.tables.iter().map(|t| json!({
                "table": t.table.key(),
                "line": t.line,
                "opened_by": t.opened_by,
                "heading_line": t.heading_line,
            })).collect::<Vec<_>>(),
            "review": review(report),
        },
        "cells": cells,
        "findings": findings,
    })
}

/// The report's review state: `state` (new, in_progress, reviewed, signed_off), who
/// reviewed it and when, who signed it off and when (null when not).
fn review(report: &Report) -> Value {
    let r = &report.marks.review;
    let by = |m: &Option<crate::model::marks::Mark>| m.as_ref().map(|m| m.reviewer.clone());
    let at = |m: &Option<crate::model::marks::Mark>| m.as_ref().map(|m| m.time.clone());
    json!({
        "state": r.state.name(),
        "reviewed_by": by(&r.reviewed),
        "reviewed_at": at(&r.reviewed),
        "signed_off_by": by(&r.signed_off),
        "signed_off_at": at(&r.signed_off),
    })
}

/// `export --format json`: the report's object, pretty, ending in a newline, with
/// terminal-driving characters escaped ([`json_safe`]).
pub fn to_json_text(report: &Report, findings: &[Finding]) -> serde_json::Result<String> {
    Ok(json_safe(serde_json::to_string_pretty(&to_json(report, findings))?) + "\n")
}

/// CSV, one row per cell: key, row label, column label, value, origin, line; its
/// fields sanitised ([`csv_field`]).
pub fn to_csv(report: &Report) -> String {
    let mut s = String::from("key,row,column,value,origin,line\n");
    for c in &report.cells {
        let fields = [
            c.key.to_string(),
            c.row_label.to_string(),
            c.column.label.to_string(),
            c.value.map(|v| v.to_string()).unwrap_or_default(),
            c.origin.name().to_string(),
            c.line.map(|l| l.to_string()).unwrap_or_default(),
        ];
        s.push_str(
            &fields
                .iter()
                .map(|f| csv_field(f))
                .collect::<Vec<_>>()
                .join(","),
        );
        s.push('\n');
    }
    s
}
