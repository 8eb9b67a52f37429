//! Exact decimal values as the report writes them.
//!
//! Amounts in 万元 must survive a round trip unchanged (6.8178 stays 6.8178), so a value
//! is an integer mantissa with a decimal scale, never a float.

use std::cmp::Ordering;
use std::fmt;

/// A number exactly as written: `units × 10^-scale`.
#[derive(Clone, Copy, Debug)]
pub struct Num {
    pub units: i64,
    pub scale: u8,
}

const MAX_SCALE: u8 = 6;

impl Num {
    pub const ZERO: Num = Num { units: 0, scale: 0 };

    pub fn int(v: i64) -> Num {
        Num { units: v, scale: 0 }
    }

    /// Parses `-12`, `3`, `6.8178`, and thousands grouped as `12,345.6789`. Returns
    /// `None` for anything else or on overflow.
    pub fn parse(s: &str) -> Option<Num> {
        let (neg, body) = match s.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, s),
        };
        let (int_part, frac_part) = match body.split_once('.') {
            Some((i, f)) => (i, f),
            None => (body, ""),
        };
        let ungrouped;
        let int_part = if int_part.contains(',') {
            let mut groups = int_part.split(',');
            let lead = groups.next().unwrap_or("");
            if lead.is_empty() || lead.len() > 3 || !groups.all(|g| g.len() == 3) {
                return None;
            }
            ungrouped = int_part.replace(',', "");
            ungrouped.as_str()
        } else {
            int_part
        };
        if int_part.is_empty() || !int_part.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        if !frac_part.bytes().all(|b| b.is_ascii_digit()) || frac_part.len() > MAX_SCALE as usize {
            return None;
        }
        if body.contains('.') && frac_part.is_empty() {
            return None;
        }
        let mut units: i64 = 0;
        for b in int_part.bytes().chain(frac_part.bytes()) {
            units = units.checked_mul(10)?.checked_add((b - b'0') as i64)?;
        }
        Some(Num {
            units: if neg { -units } else { units },
            scale: frac_part.len() as u8,
        })
    }

    fn widen(self, scale: u8) -> Option<i64> {
        let mut u = self.units;
        for _ in self.scale..scale {
            u = u.checked_mul(10)?;
        }
        Some(u)
    }

    pub fn checked_add(self, o: Num) -> Option<Num> {
        let s = self.scale.max(o.scale);
        Some(Num {
            units: self.widen(s)?.checked_add(o.widen(s)?)?,
            scale: s,
        })
    }

    pub fn checked_sub(self, o: Num) -> Option<Num> {
        let s = self.scale.max(o.scale);
        Some(Num {
            units: self.widen(s)?.checked_sub(o.widen(s)?)?,
            scale: s,
        })
    }

    pub fn is_negative(self) -> bool {
        self.units < 0
    }

    /// True when the value has no fractional part (6.0 is whole, 6.5 is not).
    pub fn is_whole(self) -> bool {
        let mut p: i64 = 1;
        for _ in 0..self.scale {
            p *= 10;
        }
        self.units % p == 0
    }

    /// The value as an integer when it is whole.
    pub fn as_i64(self) -> Option<i64> {
        if !self.is_whole() {
            return None;
        }
        let mut u = self.units;
        for _ in 0..self.scale {
            u /= 10;
        }
        Some(u)
    }

    /// Floating approximation, only for plausibility thresholds, never for storage.
    pub fn approx(self) -> f64 {
        self.units as f64 / 10f64.powi(self.scale as i32)
    }

    pub fn sum<I: IntoIterator<Item = Num>>(it: I) -> Option<Num> {
        it.into_iter().try_fold(Num::ZERO, |a, b| a.checked_add(b))
    }
}

impl PartialEq for Num {
    fn eq(&self, o: &Num) -> bool {
        self.cmp(o) == Ordering::Equal
    }
}
impl Eq for Num {}

impl PartialOrd for Num {
    fn partial_cmp(&self, o: &Num) -> Option<Ordering> {
        Some(self.cmp(o))
    }
}

impl Ord for Num {
    fn cmp(&self, o: &Num) -> Ordering {
        let s = self.scale.max(o.scale);
        match (self.widen(s), o.widen(s)) {
            (Some(a), Some(b)) => a.cmp(&b),
            _ => (self.units as i128 * 10i128.pow((s - self.scale) as u32))
                .cmp(&(o.units as i128 * 10i128.pow((s - o.scale) as u32))),
        }
    }
}

impl std::hash::Hash for Num {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        // Equal values must hash alike whatever their scale.
        let mut u = self.units;
        let mut s = self.scale;
        while s > 0 && u % 10 == 0 {
            u /= 10;
            s -= 1;
        }
        u.hash(h);
        s.hash(h);
    }
}

impl fmt::Display for Num {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.scale == 0 {
            return write!(f, "{}", self.units);
        }
        let neg = self.units < 0;
        let digits = self.units.unsigned_abs().to_string();
        let scale = self.scale as usize;
        let padded = if digits.len() <= scale {
            format!("{}{}", "0".repeat(scale + 1 - digits.len()), digits)
        } else {
            digits
        };
        let (i, fr) = padded.split_at(padded.len() - scale);
        write!(f, "{}{}.{}", if neg { "-" } else { "" }, i, fr)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints_exactly() {
        for s in ["0", "73", "-1", "6.8178", "10.8280", "0.05", "96171.6"] {
            assert_eq!(Num::parse(s).unwrap().to_string(), s);
        }
        assert!(Num::parse("1.").is_none());
        assert!(Num::parse("").is_none());
        assert!(Num::parse("1a").is_none());
        assert!(Num::parse("99999999999999999999").is_none());
    }

    #[test]
    fn thousands_grouped_by_commas() {
        for (s, v) in [
            ("12,345.6789", "12345.6789"),
            ("1,000", "1000"),
            ("-2,631", "-2631"),
            ("1,234,567", "1234567"),
        ] {
            assert_eq!(Num::parse(s).unwrap().to_string(), v, "{s}");
        }
        for s in [
            "1,23",
            "1234,567",
            ",123",
            "1,2345",
            "12,",
            "1,,234",
            "1,234.5,6",
        ] {
            assert!(Num::parse(s).is_none(), "{s}");
        }
    }

    #[test]
    fn arithmetic_across_scales() {
        let a = Num::parse("6.8178").unwrap();
        let b = Num::parse("3.2").unwrap();
        assert_eq!(a.checked_add(b).unwrap().to_string(), "10.0178");
        assert_eq!(
            Num::parse("10.8280").unwrap(),
            Num::parse("10.828").unwrap()
        );
        assert!(Num::parse("2.5").unwrap() > Num::int(2));
        assert!(!Num::parse("2.5").unwrap().is_whole());
        assert!(Num::parse("2.0").unwrap().is_whole());
    }
}
