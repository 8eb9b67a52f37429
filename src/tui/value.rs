//! A value typed into the editor, read as the cell's type: counts are non-negative
//! whole numbers, 本年增/减 (`t2/*/change`) whole and possibly negative, amounts
//! non-negative decimals in 万元. Full-width digits and a trailing unit that fits the
//! cell (件 for counts, 万元 or 元 for amounts; 元 is turned into 万元) are accepted;
//! anything else is refused with the reason, shown under the field.

use super::says;
use crate::model::format::Kind;
use crate::model::num::Num;

const CHINESE_DIGITS: &str = "〇零一二三四五六七八九十百千万亿两壹贰叁肆伍陆柒捌玖拾佰仟";

/// The typed text without a trailing unit, and how many places the decimal point moves
/// left (4 for 元 in a 万元 cell).
fn strip_unit(kind: Kind, t: &str) -> Result<(&str, usize), &'static str> {
    let amount = kind == Kind::Amount;
    if let Some(rest) = t.strip_suffix("万元") {
        return if amount {
            Ok((rest, 0))
        } else {
            Err(says::V_UNIT_COUNT.get())
        };
    }
    if let Some(rest) = t.strip_suffix('元') {
        return if amount {
            Ok((rest, 4))
        } else {
            Err(says::V_UNIT_COUNT.get())
        };
    }
    if let Some(rest) = t.strip_suffix('件') {
        return if amount {
            Err(says::V_UNIT_AMOUNT.get())
        } else {
            Ok((rest, 0))
        };
    }
    Ok((t, 0))
}

/// `digits` (a plain decimal) with its point moved `places` to the left.
fn shift_left(digits: &str, places: usize) -> String {
    if places == 0 {
        return digits.to_string();
    }
    let (neg, body) = match digits.strip_prefix('-') {
        Some(b) => ("-", b),
        None => ("", digits),
    };
    let (int, frac) = body.split_once('.').unwrap_or((body, ""));
    let int = format!("{int:0>width$}", width = places + 1);
    let (hi, lo) = int.split_at(int.len() - places);
    let frac = format!("{lo}{frac}");
    let frac = frac.trim_end_matches('0');
    if frac.is_empty() {
        format!("{neg}{hi}")
    } else {
        format!("{neg}{hi}.{frac}")
    }
}

/// The value `typed` gives a cell of `kind`: `None` (missing) when empty, else the
/// number, or why it is refused.
pub fn parse(kind: Kind, typed: &str) -> Result<Option<Num>, String> {
    let norm: String = typed
        .trim()
        .chars()
        .map(crate::read::text::normalize_char)
        .collect();
    let t = norm.trim();
    if t.is_empty() {
        return Ok(None);
    }
    let (t, places) = strip_unit(kind, t)?;
    let t = t.trim_end();
    if t.contains(char::is_whitespace) {
        return Err(says::V_SPACE.get().into());
    }
    if t.chars().any(|c| CHINESE_DIGITS.contains(c)) {
        return Err(says::V_CHINESE.get().into());
    }
    if t.chars().any(|c| c == 'e' || c == 'E') && t.chars().any(|c| c.is_ascii_digit()) {
        return Err(says::V_EXPONENT.get().into());
    }
    let n = Num::parse(t).ok_or(says::V_NOT_NUMBER.get())?;
    let n = match places {
        0 => n,
        p => Num::parse(&shift_left(&n.to_string(), p)).ok_or(says::V_NOT_NUMBER.get())?,
    };
    match kind {
        Kind::Count if n.is_negative() => Err(says::V_NEGATIVE_COUNT.get().into()),
        Kind::Amount if n.is_negative() => Err(says::V_NEGATIVE_AMOUNT.get().into()),
        Kind::Count | Kind::Change if !n.is_whole() => Err(says::V_FRACTION.get().into()),
        _ => Ok(Some(n)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(kind: Kind, s: &str) -> String {
        parse(kind, s)
            .unwrap()
            .map_or("missing".into(), |n| n.to_string())
    }

    #[test]
    fn counts_are_whole_and_not_negative() {
        assert_eq!(ok(Kind::Count, "3"), "3");
        assert_eq!(ok(Kind::Count, "３"), "3");
        assert_eq!(ok(Kind::Count, "3件"), "3");
        assert_eq!(ok(Kind::Count, "1,234"), "1234");
        assert_eq!(ok(Kind::Count, "  "), "missing");
        for bad in ["-5", "5.5", "1 2", "abc", "1e9", "五", "3万元"] {
            assert!(parse(Kind::Count, bad).is_err(), "{bad} must be refused");
        }
        assert!(parse(Kind::Count, "1 2").unwrap_err().contains("space"));
        assert!(parse(Kind::Count, "五").unwrap_err().contains("digits"));
    }

    #[test]
    fn a_change_may_be_negative_but_whole() {
        assert_eq!(ok(Kind::Change, "-5"), "-5");
        assert_eq!(ok(Kind::Change, "－５"), "-5");
        assert!(parse(Kind::Change, "1.5").is_err());
    }

    #[test]
    fn amounts_are_decimals_in_wan_yuan() {
        assert_eq!(ok(Kind::Amount, "6.8178"), "6.8178");
        assert_eq!(ok(Kind::Amount, "6.8万元"), "6.8");
        assert_eq!(ok(Kind::Amount, "30000元"), "3");
        assert_eq!(ok(Kind::Amount, "12345元"), "1.2345");
        assert!(parse(Kind::Amount, "3件").is_err());
        assert!(parse(Kind::Amount, "-1").is_err());
    }
}
