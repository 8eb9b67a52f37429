//! Number tokens → candidate row readings → settled cells.
//!
//! A row's tokens may match its columns one to one, be glued together (flattened web
//! text: `54000830137`), miss a value, or carry one too many. Each case yields the
//! candidate readings that the row's own identity allows; the table's identities
//! (column totals, the balance) then choose between candidates across rows. What
//! stays undecided is left `null` with the candidates kept, never guessed.

use crate::model::claim::Claim;
use crate::model::format::{Bound, Column, Kind, Role, Table};
use crate::model::identity::{role_sums, row_sum, RoleSum, RowSum};
use crate::model::num::Num;
use crate::read::locate::Token;

/// One cell of a candidate reading.
#[derive(Debug, Clone, PartialEq)]
pub struct Val {
    pub num: Num,
    /// Char range of the digits it was read from; `None` when computed.
    pub tok: Option<(usize, usize)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum How {
    /// One token per column.
    Direct,
    /// Glued digits split.
    Split,
    /// Values missing or extra, placed by the row's identity.
    Placed,
}

#[derive(Debug, Clone)]
pub struct Cand {
    pub cells: Vec<Option<Val>>,
    pub how: How,
    /// Some cell was computed from an identity or its token is uncertain.
    pub uncertain: Vec<bool>,
}

impl Cand {
    pub fn values(&self) -> Vec<Option<Num>> {
        self.cells
            .iter()
            .map(|c| c.as_ref().map(|v| v.num))
            .collect()
    }
}

#[derive(Debug, Clone)]
pub struct Reading {
    pub cands: Vec<Cand>,
    /// How many value tokens the text gave.
    pub tokens: usize,
    /// No candidate satisfies the row's own identity.
    pub broken: bool,
    /// Glued digits allow more splits than the search could weigh: no candidate is
    /// trusted, since the text's true reading may be among those not reached.
    pub incomplete: bool,
    /// Placeholders (/, —, 无) where values belong, with the column they fill if known.
    pub unreadable: Vec<(Token, Option<usize>)>,
    /// What beyond the identities narrowed the readings to one.
    pub narrowed: Option<Narrowed>,
}

/// Evidence beyond the identities that leaves one reading of glued digits.
#[derive(Debug, Clone)]
pub enum Narrowed {
    /// The only split a true row could print.
    Bound(&'static Bound),
    /// The only split that agrees with what the prose says (its phrases).
    Text(String),
}

const SPLIT_BUDGET: usize = 200_000;
/// Splits kept of a row no split satisfies, for the table's identities to weigh: all of
/// them, or the row is left unread (a subset chosen by search order could miss the
/// text's reading and have the identities pick a wrong one).
const BAD_LIMIT: usize = 50_000;
const MAX_PART_DIGITS: usize = 9;

fn sums_state(cells: &[Option<Val>], sums: &[RowSum]) -> (bool, bool) {
    // (all checkable hold, some identity violated)
    let mut violated = false;
    let mut all = true;
    for s in sums {
        let parts: Option<Vec<Num>> = s
            .parts
            .iter()
            .map(|&i| cells[i].as_ref().map(|v| v.num))
            .collect();
        match (parts.and_then(Num::sum), cells[s.whole].as_ref()) {
            (Some(p), Some(w)) => {
                if p != w.num {
                    violated = true;
                    all = false;
                }
            }
            _ => all = false,
        }
    }
    (all, violated)
}

/// Fills cells that a row identity fixes; false if a filled value would be impossible.
fn complete(c: &mut Cand, sums: &[RowSum], kinds: &[Kind]) -> bool {
    loop {
        let mut changed = false;
        for s in sums {
            let unknown: Vec<usize> = s
                .parts
                .iter()
                .copied()
                .chain([s.whole])
                .filter(|&i| c.cells[i].is_none())
                .collect();
            if unknown.len() != 1 {
                continue;
            }
            let u = unknown[0];
            let known_parts = Num::sum(
                s.parts
                    .iter()
                    .filter(|&&i| i != u)
                    .map(|&i| c.cells[i].as_ref().unwrap().num),
            );
            let v = if u == s.whole {
                known_parts
            } else {
                known_parts.and_then(|p| c.cells[s.whole].as_ref().unwrap().num.checked_sub(p))
            };
            let Some(v) = v else { return false };
            if v.is_negative() && kinds[u] != Kind::Change {
                return false;
            }
            c.cells[u] = Some(Val { num: v, tok: None });
            c.uncertain[u] = true;
            changed = true;
        }
        if !changed {
            return true;
        }
    }
}

fn valid_part(s: &str) -> bool {
    !s.is_empty() && s.len() <= MAX_PART_DIGITS && (s == "0" || !s.starts_with('0'))
}

/// The search for splits of glued digits: one value per column, depth first.
struct Search<'a> {
    tokens: &'a [Token],
    /// Each token's [`Token::splittable`], found once: it reads the whole token, and
    /// the search asks at every step (a long glued run made that quadratic).
    splittable: Vec<bool>,
    k: usize,
    sums: &'a [RowSum],
    kinds: &'a [Kind],
    budget: usize,
    cur: Vec<Option<Val>>,
    /// Cut a branch as soon as a row sum whose cells are all placed fails.
    prune: bool,
    truncated: bool,
    /// How many splits that fail the row's sums to keep.
    limit_bad: usize,
    ok: Vec<Cand>,
    bad: Vec<Cand>,
}

impl Search<'_> {
    fn walk(&mut self, ti: usize, off: usize) {
        if self.budget == 0 {
            self.truncated = true;
            return;
        }
        self.budget -= 1;
        if ti == self.tokens.len() {
            self.finish();
        } else if !self.splittable[ti] {
            self.whole_token(ti, off);
        } else {
            self.parts_of(ti, off);
        }
    }

    /// Every token used: a candidate when it filled every column.
    fn finish(&mut self) {
        if self.cur.len() != self.k {
            return;
        }
        let (all, violated) = sums_state(&self.cur, self.sums);
        let c = Cand {
            cells: self.cur.clone(),
            how: How::Split,
            uncertain: vec![false; self.k],
        };
        if all || (!violated && self.sums.is_empty()) {
            self.ok.push(c);
        } else if self.bad.len() < self.limit_bad {
            self.bad.push(c);
        } else if self.limit_bad > 0 {
            self.truncated = true;
        }
    }

    /// A token that is not glued digits fills one column as it stands.
    fn whole_token(&mut self, ti: usize, off: usize) {
        let t = &self.tokens[ti];
        let remaining = self.tokens.len() - ti - 1;
        if off != 0 || self.cur.len() + 1 + remaining > self.k {
            return;
        }
        self.cur.push(t.num.map(|n| Val {
            num: n,
            tok: Some((t.a, t.b)),
        }));
        self.walk(ti + 1, 0);
        self.cur.pop();
    }

    /// Every first part of the glued digits left in token `ti` from `off`.
    fn parts_of(&mut self, ti: usize, off: usize) {
        let t = &self.tokens[ti];
        let remaining = self.tokens.len() - ti - 1;
        let placed = self.cur.len();
        // The sign of a run that starts with `-` belongs to its first part, which only
        // a column that may be negative (本年增/减) can take.
        let sign = usize::from(off == 0 && t.text.starts_with('-'));
        if sign == 1 && self.kinds.get(placed) != Some(&Kind::Change) {
            return;
        }
        let digits = &t.text[off + sign..];
        for len in 1..=digits.len().min(MAX_PART_DIGITS) {
            if !valid_part(&digits[..len]) {
                break; // a leading zero only ever allows "0"
            }
            if placed + 1 > self.k {
                break;
            }
            // the rest of this token needs at least one more part, later tokens one each
            let rest = digits.len() - len;
            if placed + 1 + usize::from(rest > 0) + remaining > self.k {
                continue;
            }
            let n = Num::parse(&t.text[off..off + sign + len]).unwrap();
            self.cur.push(Some(Val {
                num: n,
                tok: Some((t.a + off, t.a + off + sign + len)),
            }));
            if !self.prunes(n) {
                if rest == 0 {
                    self.walk(ti + 1, 0);
                } else {
                    self.walk(ti, off + sign + len);
                }
            }
            self.cur.pop();
        }
    }

    /// True when the part just placed is the whole of a row sum whose parts are all
    /// placed, and they do not add up to it.
    fn prunes(&self, n: Num) -> bool {
        let idx = self.cur.len() - 1;
        self.prune
            && self.sums.iter().any(|s| {
                s.whole == idx
                    && s.parts.iter().all(|&p| p < idx)
                    && Num::sum(
                        s.parts
                            .iter()
                            .filter_map(|&p| self.cur[p].as_ref().map(|v| v.num)),
                    ) != Some(n)
            })
    }
}

/// Every way to split the tokens' digits into exactly `kinds.len()` values: those that
/// satisfy the row's identities in `out_ok`, else all of them (up to `limit_bad`) in
/// `out_bad`. False when the search stopped before it had weighed every split.
fn splits(
    tokens: &[Token],
    sums: &[RowSum],
    kinds: &[Kind],
    out_ok: &mut Vec<Cand>,
    out_bad: &mut Vec<Cand>,
    limit_bad: usize,
) -> bool {
    let mut st = Search {
        tokens,
        splittable: tokens.iter().map(Token::splittable).collect(),
        k: kinds.len(),
        sums,
        kinds,
        budget: SPLIT_BUDGET,
        cur: Vec::with_capacity(kinds.len()),
        prune: true,
        truncated: false,
        limit_bad: 0,
        ok: Vec::new(),
        bad: Vec::new(),
    };
    st.walk(0, 0);
    if st.ok.is_empty() {
        // No split satisfies the row: keep them all for the table's identities to weigh.
        st.prune = false;
        st.budget = SPLIT_BUDGET;
        st.truncated = false;
        st.limit_bad = limit_bad;
        st.walk(0, 0);
    }
    out_ok.append(&mut st.ok);
    out_bad.append(&mut st.bad);
    !st.truncated
}

fn combinations(n: usize, r: usize) -> Vec<Vec<usize>> {
    let mut out = Vec::new();
    let mut cur = Vec::new();
    fn go(start: usize, n: usize, r: usize, cur: &mut Vec<usize>, out: &mut Vec<Vec<usize>>) {
        if cur.len() == r {
            out.push(cur.clone());
            return;
        }
        for i in start..n {
            cur.push(i);
            go(i + 1, n, r, cur, out);
            cur.pop();
        }
    }
    go(0, n, r, &mut cur, &mut out);
    out
}

fn val(t: &Token) -> Option<Val> {
    t.num.map(|num| Val {
        num,
        tok: Some((t.a, t.b)),
    })
}

fn empty(k: usize, how: How) -> Cand {
    Cand {
        cells: vec![None; k],
        how,
        uncertain: vec![false; k],
    }
}

/// Reads a row's tokens into candidate readings, one value per column of `kinds`,
/// weighed by the row's own sums.
pub fn read_row(tokens: &[Token], sums: &[RowSum], kinds: &[Kind]) -> Reading {
    let (n, k) = (tokens.len(), kinds.len());
    let mut reading = Reading {
        cands: Vec::new(),
        tokens: n,
        broken: false,
        incomplete: false,
        unreadable: Vec::new(),
        narrowed: None,
    };
    if n == k {
        read_direct(&mut reading, tokens, sums, kinds);
        return reading;
    }
    // A digit run too long for one number is glued values, not unreadable text.
    reading.unreadable = tokens
        .iter()
        .filter(|t| t.num.is_none() && !t.splittable())
        .map(|t| (t.clone(), None))
        .collect();
    if n == 0 {
        reading.cands.push(empty(k, How::Placed));
        return reading;
    }
    let mut ok: Vec<Cand> = Vec::new();
    let mut bad: Vec<Cand> = Vec::new();
    // Digits are taken as glued only where the row is mostly glued: with a row identity
    // to check the split, at most half as many runs as columns; without one, a single
    // run, or runs that touch (`1-10`: 1, then -1 and 0). Separate values just short of
    // the columns are more likely a lost value than two glued ones.
    let contiguous = n >= 2 && tokens.windows(2).all(|w| w[1].a == w[0].b);
    // A run with a leading zero (`00`, `05`) is no value a report prints: it is glued
    // digits whatever the rest of the row, the evidence a split needs.
    let zero_led = tokens.iter().any(|t| {
        let digits = t.text.strip_prefix('-').unwrap_or(&t.text);
        t.splittable() && digits.starts_with('0')
    });
    let may_split = zero_led
        || if sums.is_empty() {
            n == 1 || contiguous
        } else {
            n * 2 <= k
        };
    if n < k
        && may_split
        && tokens.iter().any(|t| t.splittable())
        && !splits(tokens, sums, kinds, &mut ok, &mut bad, BAD_LIMIT)
    {
        reading.incomplete = true;
        reading.cands.push(empty(k, How::Split));
        return reading;
    }
    // With nothing to check it, the one split of a lone run is taken only where text
    // touches the run (规章835行政…, the flattened layout); "| 20 |" in a row of two
    // columns is as likely one value with the other lost.
    if sums.is_empty() && ok.len() == 1 && !tokens[0].glued {
        ok.clear();
    }
    // Touching runs print every digit of the row: nothing was lost to place.
    let placed = if sums.is_empty() && contiguous && !ok.is_empty() {
        Vec::new()
    } else {
        placements(tokens, sums, kinds)
    };
    choose(&mut reading, ok, bad, placed, sums, k);
    reading
}

/// One token per column: the text's values, with cells a row sum fixes filled.
fn read_direct(reading: &mut Reading, tokens: &[Token], sums: &[RowSum], kinds: &[Kind]) {
    let k = kinds.len();
    reading.unreadable = tokens
        .iter()
        .enumerate()
        .filter(|(_, t)| t.num.is_none())
        .map(|(i, t)| (t.clone(), Some(i)))
        .collect();
    let text = || Cand {
        cells: tokens.iter().map(val).collect(),
        how: How::Direct,
        uncertain: vec![false; k],
    };
    let mut c = text();
    let (_, violated) = sums_state(&c.cells, sums);
    reading.broken = violated;
    if !complete(&mut c, sums, kinds) {
        // keep the text's values; the rules will report the contradiction
        c = text();
    }
    reading.cands.push(c);
}

/// One or two values lost or extra: every placement of the tokens the row sums allow.
fn placements(tokens: &[Token], sums: &[RowSum], kinds: &[Kind]) -> Vec<Cand> {
    let (n, k) = (tokens.len(), kinds.len());
    let mut placed: Vec<Cand> = Vec::new();
    let mut consider = |cells: Vec<Option<Val>>| {
        let mut c = Cand {
            cells,
            how: How::Placed,
            uncertain: vec![true; k],
        };
        if complete(&mut c, sums, kinds) {
            placed.push(c);
        }
    };
    if n < k && k - n <= 2 {
        for missing in combinations(k, k - n) {
            let mut it = tokens.iter();
            let cells = (0..k)
                .map(|i| match missing.contains(&i) {
                    true => None,
                    false => it.next().and_then(val),
                })
                .collect();
            consider(cells);
        }
    } else if n > k && n - k <= 2 {
        for extra in combinations(n, n - k) {
            let cells = tokens
                .iter()
                .enumerate()
                .filter(|(i, _)| !extra.contains(i))
                .map(|(_, t)| val(t))
                .collect();
            consider(cells);
        }
    }
    placed
}

/// The row's candidates: those that satisfy its sums (splits and placements), else the
/// splits that do not; of them, those that fill the most cells.
fn choose(
    reading: &mut Reading,
    ok: Vec<Cand>,
    mut bad: Vec<Cand>,
    placed: Vec<Cand>,
    sums: &[RowSum],
    k: usize,
) {
    let mut good: Vec<Cand> = ok;
    for c in placed {
        let (_, violated) = sums_state(&c.cells, sums);
        if !violated {
            good.push(c);
        } else if bad.len() < BAD_LIMIT {
            bad.push(c);
        }
    }
    if good.is_empty() {
        reading.broken = true;
        // A lost or extra value cannot be placed by a sum that fails wherever it goes:
        // any placement would be a guess. (Glued digits are another matter: every split
        // reads the text's own digits, and the table's identities weigh them.)
        bad.retain(|c| c.how != How::Placed);
        good = bad;
    }
    let nones = |c: &Cand| c.cells.iter().filter(|x| x.is_none()).count();
    let Some(min_none) = good.iter().map(nones).min() else {
        reading.cands.push(empty(k, How::Placed));
        return;
    };
    good.retain(|c| nones(c) == min_none);
    reading.cands = dedupe(good);
}

/// The splits of a row's glued digits narrowed by evidence beyond the identities: first
/// those no true row could print (the format's bounds), then those that disagree with
/// what the prose says of the row's cells, where exactly one split agrees with most of
/// it. Either only drops readings of the text's own digits; none is dropped when none
/// would be left.
pub fn narrow(reading: &mut Reading, columns: &[Column], claims: &[&Claim]) {
    // Only splits: a value lost from a row that breaks a bound is no rarer than the
    // bound's break itself, and placing it by the bound would then be a guess.
    if reading.cands.len() < 2 || reading.cands.iter().any(|c| c.how != How::Split) {
        return;
    }
    for bound in Bound::of(columns) {
        let keep: Vec<Cand> = reading
            .cands
            .iter()
            .filter(|c| within(c, columns, bound))
            .cloned()
            .collect();
        if !keep.is_empty() && keep.len() < reading.cands.len() {
            reading.cands = keep;
            if reading.cands.len() == 1 {
                reading.narrowed = Some(Narrowed::Bound(bound));
                return;
            }
        }
    }
    let agree = |c: &Cand| -> Vec<&Claim> {
        claims
            .iter()
            .copied()
            .filter(|cl| {
                let col = cl.column_in(|k| columns.iter().any(|c| c.key == k));
                let i = col.and_then(|k| columns.iter().position(|c| c.key == k));
                i.is_some_and(|i| c.cells[i].as_ref().is_some_and(|v| v.num == cl.value))
            })
            .collect()
    };
    let scores: Vec<usize> = reading.cands.iter().map(|c| agree(c).len()).collect();
    let best = scores.iter().copied().max().unwrap_or(0);
    if best > 0 && scores.iter().filter(|&&s| s == best).count() == 1 {
        let i = scores.iter().position(|&s| s == best).unwrap_or(0);
        let phrases: Vec<String> = agree(&reading.cands[i])
            .iter()
            .map(|c| c.phrase.clone())
            .collect();
        reading.cands = vec![reading.cands.swap_remove(i)];
        reading.narrowed = Some(Narrowed::Text(phrases.join("、")));
    }
}

/// The candidate keeps the bound, or lacks a cell to tell.
fn within(c: &Cand, columns: &[Column], bound: &Bound) -> bool {
    let side = |keys: &[&str]| -> Option<Num> {
        let vals: Option<Vec<Num>> = keys
            .iter()
            .map(|k| {
                let i = columns.iter().position(|c| c.key == *k)?;
                c.cells[i].as_ref().map(|v| v.num)
            })
            .collect();
        Num::sum(vals?)
    };
    match (side(bound.plus), side(bound.minus)) {
        (Some(p), Some(m)) => p >= m,
        _ => true,
    }
}

/// Merges candidates with equal values; a cell whose token differs becomes uncertain.
pub fn dedupe(cands: Vec<Cand>) -> Vec<Cand> {
    let mut out: Vec<Cand> = Vec::new();
    let mut index: std::collections::HashMap<Vec<Option<Num>>, usize> =
        std::collections::HashMap::new();
    for c in cands {
        if let Some(&i) = index.get(&c.values()) {
            let o = &mut out[i];
            for i in 0..o.cells.len() {
                let differ =
                    o.cells[i].as_ref().map(|v| v.tok) != c.cells[i].as_ref().map(|v| v.tok);
                if differ || c.uncertain[i] && c.cells[i].as_ref().is_some_and(|v| v.tok.is_none())
                {
                    o.uncertain[i] = true;
                    if c.cells[i].as_ref().is_some_and(|v| v.tok.is_none()) {
                        if let Some(v) = o.cells[i].as_mut() {
                            v.tok = None;
                        }
                    }
                }
            }
        } else {
            index.insert(c.values(), out.len());
            out.push(c);
        }
    }
    out
}

/// The cells all candidates agree on; the rest `None`.
pub fn agreed(cands: &[Cand], k: usize) -> Vec<Option<Val>> {
    (0..k)
        .map(|i| {
            let first = cands.first()?.cells[i].clone()?;
            if cands
                .iter()
                .all(|c| c.cells[i].as_ref().map(|v| v.num) == Some(first.num))
            {
                let same_tok = cands
                    .iter()
                    .all(|c| c.cells[i].as_ref().map(|v| v.tok) == Some(first.tok));
                Some(Val {
                    num: first.num,
                    tok: if same_tok {
                        first.tok
                    } else {
                        cands
                            .iter()
                            .find_map(|c| c.cells[i].as_ref().and_then(|v| v.tok))
                    },
                })
            } else {
                None
            }
        })
        .collect()
}

const GLOBAL_BUDGET: usize = 300_000;

/// A table's identities as they weigh its rows' readings, taken from `model::identity`.
#[derive(Debug)]
pub struct TableSums {
    /// Each row's role, groups included (they have no reading).
    pub roles: Vec<Role>,
    /// The identities across rows, column by column.
    pub across: &'static [RoleSum],
    /// The identity across each row's columns.
    pub row: Option<RowSum>,
    /// Columns per row.
    pub k: usize,
    /// For each identity across rows, the rows of its parts and of its whole.
    members: Vec<(Vec<usize>, Vec<usize>)>,
}

impl TableSums {
    /// The identities of `table` as `model::identity` derives them from its roles.
    pub fn of(table: &Table) -> TableSums {
        let columns = table
            .rows
            .iter()
            .find(|r| r.role != Role::Group)
            .map_or(&[][..], |r| r.columns);
        let roles: Vec<Role> = table.rows.iter().map(|r| r.role).collect();
        let across = role_sums(table.id);
        let rows_of = |want: &[Role]| -> Vec<usize> {
            (0..roles.len())
                .filter(|&i| want.contains(&roles[i]))
                .collect()
        };
        let members = across
            .iter()
            .map(|s| (rows_of(s.parts), rows_of(s.whole)))
            .collect();
        TableSums {
            roles,
            across,
            row: row_sum(table.id, columns),
            k: columns.len(),
            members,
        }
    }

    /// Both sides of identity `i` in one column, summed over its rows found once:
    /// `None` when a row it reads has no value.
    fn sides(&self, i: usize, value: impl Fn(usize) -> Option<Num>) -> Option<(Num, Num)> {
        let side = |rows: &[usize]| {
            rows.iter()
                .try_fold(Num::ZERO, |a, &r| a.checked_add(value(r)?))
        };
        let (parts, whole) = &self.members[i];
        Some((side(parts)?, side(whole)?))
    }
}

/// The identities a set of readings breaks and holds.
#[derive(Debug, Default)]
struct Tally {
    broken: usize,
    held: usize,
    /// The size of the discrepancies, in the values' units.
    gap: i128,
    /// The rules of the identities across rows that break.
    rules: Vec<&'static str>,
}

impl TableSums {
    /// The identities across rows, given each row's value in each column.
    fn across_tally(&self, value: impl Fn(usize, usize) -> Option<Num>) -> Tally {
        let mut t = Tally::default();
        for c in 0..self.k {
            for (i, s) in self.across.iter().enumerate() {
                let Some((l, r)) = self.sides(i, |row| value(row, c)) else {
                    continue;
                };
                if l == r {
                    t.held += 1;
                    continue;
                }
                t.broken += 1;
                t.gap += l
                    .checked_sub(r)
                    .map_or(i128::MAX / 64, |d| (d.units as i128).abs());
                if !t.rules.contains(&s.rule) {
                    t.rules.push(s.rule);
                }
            }
        }
        t
    }

    /// Every identity (across rows, and each complete row's sum) given one reading
    /// per row; rows without a reading and cells without a value are skipped.
    fn violations(&self, rows: &[Option<Vec<Option<Num>>>]) -> Tally {
        let mut t = self.across_tally(|r, c| rows[r].as_ref().and_then(|x| x[c]));
        let Some(s) = &self.row else {
            return t;
        };
        for row in rows.iter().flatten() {
            t.broken += usize::from(row_breaks(s, row));
        }
        t
    }

    /// The broken identities that read row `r` (those across rows that read its role,
    /// and its own sum): the part of [`Self::violations`]' count that changes when only
    /// row `r` does.
    fn broken_touching(&self, rows: &[Option<Vec<Option<Num>>>], r: usize) -> usize {
        let role = self.roles[r];
        let mut broken = 0;
        for c in 0..self.k {
            for i in (0..self.across.len()).filter(|&i| self.across[i].reads(role)) {
                let value = |row: usize| rows[row].as_ref().and_then(|x| x[c]);
                if let Some((l, rr)) = self.sides(i, value) {
                    broken += usize::from(l != rr);
                }
            }
        }
        if let (Some(s), Some(row)) = (&self.row, &rows[r]) {
            broken += usize::from(row_breaks(s, row));
        }
        broken
    }

    /// True when a row of this role is read by one of the broken `rules`.
    fn involved(&self, role: Role, rules: &[&str]) -> bool {
        self.across
            .iter()
            .any(|s| rules.contains(&s.rule) && s.reads(role))
    }
}

/// True when a complete row breaks its own sum (a row with a cell missing breaks none).
fn row_breaks(s: &RowSum, row: &[Option<Num>]) -> bool {
    if !row.iter().all(Option::is_some) {
        return false;
    }
    let parts = s
        .parts
        .iter()
        .try_fold(Num::ZERO, |a, &p| a.checked_add(row[p]?));
    parts != row[s.whole]
}

/// Each row's one reading, where it has exactly one.
fn current(readings: &[Option<Reading>]) -> Vec<Option<Vec<Option<Num>>>> {
    readings
        .iter()
        .map(|r| {
            r.as_ref()
                .filter(|r| r.cands.len() == 1)
                .map(|r| r.cands[0].values())
        })
        .collect()
}

/// Chooses between rows' candidates by the table's identities across rows. Returns,
/// per row, whether it was narrowed to one candidate here.
pub fn settle(readings: &mut [Option<Reading>], sums: &TableSums) -> Vec<bool> {
    let mut settled = vec![false; readings.len()];
    let vars = open_rows(readings);
    let sizes: Vec<usize> = vars
        .iter()
        .map(|&i| readings[i].as_ref().map_or(0, |r| r.cands.len()))
        .collect();
    let combinations = sizes.iter().fold(1usize, |t, &s| t.saturating_mul(s));
    if vars.is_empty() || combinations > GLOBAL_BUDGET {
        return settled;
    }
    let used = best_choices(readings, sums, &vars, &sizes);
    for (vi, &ri) in vars.iter().enumerate() {
        let Some(r) = readings[ri].as_mut() else {
            continue;
        };
        let keep: Vec<Cand> = r
            .cands
            .iter()
            .zip(&used[vi])
            .filter(|(_, &u)| u)
            .map(|(c, _)| c.clone())
            .collect();
        settled[ri] = keep.len() == 1;
        r.cands = keep;
    }
    settled
}

/// The rows with more than one candidate; with two broken rows among them the search
/// has nothing firm to stand on, and those are left open.
fn open_rows(readings: &[Option<Reading>]) -> Vec<usize> {
    let open: Vec<(usize, bool)> = readings
        .iter()
        .enumerate()
        .filter_map(|(i, r)| {
            r.as_ref()
                .filter(|r| r.cands.len() > 1)
                .map(|r| (i, r.broken))
        })
        .collect();
    let broken = open.iter().filter(|(_, b)| *b).count();
    open.into_iter()
        .filter(|&(_, b)| broken <= 1 || !b)
        .map(|(i, _)| i)
        .collect()
}

/// Row `r`'s value in column `c` under candidate `choice` (`usize::MAX`: the row is not
/// being chosen, and counts only when it has one candidate).
fn chosen(r: &Option<Reading>, choice: usize, c: usize) -> Option<Num> {
    let r = r.as_ref()?;
    let i = match choice {
        usize::MAX if r.cands.len() == 1 => 0,
        usize::MAX => return None,
        i => i,
    };
    r.cands[i].cells[c].as_ref().map(|v| v.num)
}

/// Every combination of the open rows' candidates, scored by (identities broken, fewer
/// holding, size of the discrepancies): the candidates that take part in a best one.
fn best_choices(
    readings: &[Option<Reading>],
    sums: &TableSums,
    vars: &[usize],
    sizes: &[usize],
) -> Vec<Vec<bool>> {
    let mut choice = vec![usize::MAX; readings.len()];
    let mut counter = vec![0usize; vars.len()];
    let mut best: Option<(usize, usize, i128)> = None;
    let mut used: Vec<Vec<bool>> = sizes.iter().map(|&s| vec![false; s]).collect();
    loop {
        for (vi, &ri) in vars.iter().enumerate() {
            choice[ri] = counter[vi];
        }
        let t = sums.across_tally(|r, c| chosen(&readings[r], choice[r], c));
        let score = (t.broken, usize::MAX - t.held, t.gap);
        if best.is_none_or(|b| score < b) {
            best = Some(score);
            used.iter_mut().for_each(|u| u.fill(false));
        }
        if best == Some(score) {
            for (vi, &ci) in counter.iter().enumerate() {
                used[vi][ci] = true;
            }
        }
        if !advance(&mut counter, sizes) {
            return used;
        }
    }
}

/// The next combination, as an odometer; false after the last.
fn advance(counter: &mut [usize], sizes: &[usize]) -> bool {
    for (d, size) in sizes.iter().enumerate() {
        counter[d] += 1;
        if counter[d] < *size {
            return true;
        }
        counter[d] = 0;
    }
    false
}

/// A lost (or extra) value placed by its row's identity is trusted only while the
/// table's identities hold: with the row's total among the cells placed, the row's own
/// sum checks nothing, so only the columns can confirm the placement. When they fail,
/// such rows are left empty for the reviewer rather than placed by guess.
pub fn distrust_placed(readings: &mut [Option<Reading>], sums: &TableSums) {
    let k = sums.k;
    let mut now = current(readings);
    for i in 0..readings.len() {
        let Some(r) = readings[i].as_mut() else {
            continue;
        };
        let placed = r.tokens != k
            && r.cands.iter().all(|c| c.how == How::Placed)
            && r.cands.iter().any(|c| c.cells.iter().any(|v| v.is_some()));
        if !placed {
            continue;
        }
        let before = now[i].take();
        let confirmed = r.cands.iter().any(|c| {
            now[i] = Some(c.values());
            sums.violations(&now).broken == 0
        });
        now[i] = before;
        if !confirmed {
            r.cands = vec![empty(k, How::Placed)];
            now[i] = None;
        }
    }
}

/// After `settle`: a glued row read by the only split whose own sum holds may still
/// contradict the table, when the text itself is wrong (`471152038000985` split as
/// 47,115,20,3,800,0,985 breaks five column balances, while 471,152,0,380,0,0,985 only
/// breaks its row sum and one balance: one wrong cell). When one other split of one such
/// row leaves strictly fewer broken identities than any reading now, and no other split
/// does as well, the row takes it. Returns the rows changed.
pub fn reconsider(
    readings: &mut [Option<Reading>],
    tokens: &[Option<&[Token]>],
    sums: &TableSums,
) -> Vec<usize> {
    let mut now = current(readings);
    let base = sums.violations(&now);
    if base.broken == 0 {
        return Vec::new();
    }
    let kinds = vec![Kind::Count; sums.k];
    // (violations, row, reading); `tied` when another reading does as well
    let mut best: Option<(usize, usize, Cand)> = None;
    let mut tied = false;
    for r in 0..readings.len() {
        let glued = readings[r]
            .as_ref()
            .is_some_and(|x| x.cands.len() == 1 && x.cands[0].how == How::Split && !x.incomplete);
        // Only a row in a broken identity can mend one: the others' identities all hold.
        let Some(toks) = tokens[r].filter(|_| glued && sums.involved(sums.roles[r], &base.rules))
        else {
            continue;
        };
        let mut all: Vec<Cand> = Vec::new();
        if !splits(toks, &[], &kinds, &mut all, &mut Vec::new(), 0) {
            continue;
        }
        // only the identities that read row r change with its reading
        let before = sums.broken_touching(&now, r);
        let was = now[r].take();
        for c in all {
            let vals = c.values();
            if Some(&vals) == was.as_ref() {
                continue;
            }
            now[r] = Some(vals);
            let v = base.broken - before + sums.broken_touching(&now, r);
            match &best {
                Some((b, _, _)) if v > *b => {}
                Some((b, _, _)) if v == *b => tied = true,
                _ if v < base.broken => {
                    best = Some((v, r, c));
                    tied = false;
                }
                _ => {}
            }
        }
        now[r] = was;
    }
    match best {
        Some((_, r, c)) if !tied => {
            if let Some(reading) = readings[r].as_mut() {
                reading.cands = vec![c];
                reading.broken = true;
            }
            vec![r]
        }
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::format::{TableId, T3_COLUMNS};
    use crate::read::text::NormText;

    fn toks(s: &str) -> Vec<Token> {
        let t = NormText::new(s);
        crate::read::locate::segments(&t, 0..t.chars.len())
            .into_iter()
            .flat_map(|s| s.tokens)
            .collect()
    }

    fn t3_sum() -> Vec<RowSum> {
        let sum = crate::model::identity::row_sum(TableId::T3, T3_COLUMNS);
        assert_eq!(sum.as_ref().map(|s| (s.parts.len(), s.whole)), Some((6, 6)));
        sum.into_iter().collect()
    }

    #[test]
    fn a_zero_led_run_is_glued_digits() {
        // 10 0 00 0 1: `00` is no value a report prints, so the row is glued; the one
        // split into seven columns whose sum holds is 1,0,0,0,0,0,1
        let r = read_row(&toks("10 0 00 0 1"), &t3_sum(), &[Kind::Count; 7]);
        let vals: Vec<Vec<String>> = r
            .cands
            .iter()
            .map(|c| c.values().iter().map(|v| format!("{v:?}")).collect())
            .collect();
        assert_eq!(
            r.cands.len(),
            1,
            "{vals:?} {:?}",
            r.cands.first().map(|c| c.how)
        );
    }

    #[test]
    fn glued_row_splits_only_one_way() {
        let r = read_row(&toks("713000074"), &t3_sum(), &[Kind::Count; 7]);
        assert_eq!(r.cands.len(), 1);
        let v: Vec<String> = r.cands[0]
            .values()
            .iter()
            .map(|v| v.unwrap().to_string())
            .collect();
        assert_eq!(v, ["71", "3", "0", "0", "0", "0", "74"]);
        assert_eq!(r.cands[0].how, How::Split);
    }

    #[test]
    fn glued_row_with_several_readings_keeps_them_all() {
        // 1|1|0|0|0|0|2 … and 11 cannot be: 1+1=2 only; but 2|0|… with 0|2 etc.
        let r = read_row(&toks("1010002"), &t3_sum(), &[Kind::Count; 7]);
        assert!(!r.cands.is_empty());
        for c in &r.cands {
            let v: Vec<Num> = c.values().into_iter().map(|v| v.unwrap()).collect();
            assert_eq!(Num::sum(v[..6].iter().copied()), Some(v[6]));
        }
    }

    #[test]
    fn a_lost_value_is_placed_only_when_the_row_fixes_it() {
        let r = read_row(&toks("0 0 0 0 0 0"), &t3_sum(), &[Kind::Count; 7]);
        assert_eq!(r.cands.len(), 1, "all placements give zeros");
        assert!(r.cands[0].values().iter().all(|v| *v == Some(Num::ZERO)));
        let r = read_row(&toks("2 3 0 0 0 5"), &t3_sum(), &[Kind::Count; 7]);
        assert!(
            r.cands.len() > 1,
            "where the lost value was is not in the text"
        );
        let agreed = agreed(&r.cands, 7);
        assert!(agreed[0].is_none());
    }

    #[test]
    fn an_extra_value_is_dropped_when_harmless() {
        let r = read_row(&toks("0 0 0 0 0 0 0 0"), &t3_sum(), &[Kind::Count; 7]);
        assert_eq!(r.cands.len(), 1);
    }
}
