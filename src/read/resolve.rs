//! Number tokens → candidate row readings → settled cells.
//!
//! A row's tokens may match its columns one to one, be glued together (flattened web
//! text: `54000830137`), miss a value, or carry one too many. Each case yields the
//! candidate readings that the row's own identity allows; the table's identities
//! (column totals, the balance) then choose between candidates across rows. What
//! stays undecided is left `null` with the candidates kept, never guessed.

use crate::model::format::{Kind, Role};
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

/// A row's identities: `sum(parts) = whole`, by column index.
#[derive(Debug, Clone)]
pub struct RowSum {
    pub parts: Vec<usize>,
    pub whole: usize,
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

/// Every way to split the tokens' digits into exactly `k` values: those that satisfy
/// the row's identities in `out_ok`, else all of them in `out_bad`. False when the
/// search stopped before it had weighed every split.
fn splits(
    tokens: &[Token],
    k: usize,
    sums: &[RowSum],
    kinds: &[Kind],
    out_ok: &mut Vec<Cand>,
    out_bad: &mut Vec<Cand>,
    limit_bad: usize,
) -> bool {
    struct St<'a> {
        tokens: &'a [Token],
        k: usize,
        sums: &'a [RowSum],
        kinds: &'a [Kind],
        budget: usize,
        cur: Vec<Option<Val>>,
        prune: bool,
        truncated: bool,
    }
    fn rec(
        st: &mut St,
        ti: usize,
        off: usize,
        ok: &mut Vec<Cand>,
        bad: &mut Vec<Cand>,
        limit_bad: usize,
    ) {
        if st.budget == 0 {
            st.truncated = true;
            return;
        }
        st.budget -= 1;
        let placed = st.cur.len();
        if ti == st.tokens.len() {
            if placed == st.k {
                let (all, violated) = sums_state(&st.cur, st.sums);
                let c = Cand {
                    cells: st.cur.clone(),
                    how: How::Split,
                    uncertain: vec![false; st.k],
                };
                if all || (!violated && st.sums.is_empty()) {
                    ok.push(c);
                } else if bad.len() < limit_bad {
                    bad.push(c);
                } else if limit_bad > 0 {
                    st.truncated = true;
                }
            }
            return;
        }
        let t = &st.tokens[ti];
        let remaining_tokens = st.tokens.len() - ti - 1;
        if !t.splittable() {
            if off != 0 {
                return;
            }
            if placed + 1 + remaining_tokens > st.k {
                return;
            }
            st.cur.push(t.num.map(|n| Val {
                num: n,
                tok: Some((t.a, t.b)),
            }));
            rec(st, ti + 1, 0, ok, bad, limit_bad);
            st.cur.pop();
            return;
        }
        // The sign of a run that starts with `-` belongs to its first part, which only
        // a column that may be negative (本年增/减) can take.
        let sign = usize::from(off == 0 && t.text.starts_with('-'));
        if sign == 1 && st.kinds.get(placed) != Some(&Kind::Change) {
            return;
        }
        let digits = &t.text[off + sign..];
        let max_len = digits.len().min(MAX_PART_DIGITS);
        for len in 1..=max_len {
            let part = &digits[..len];
            if !valid_part(part) {
                break; // a leading zero only ever allows "0"
            }
            let rest = digits.len() - len;
            let parts_after = placed + 1;
            if parts_after > st.k {
                break;
            }
            // the rest of this token needs at least one more part, later tokens one each
            let min_more = usize::from(rest > 0) + remaining_tokens;
            if parts_after + min_more > st.k {
                continue;
            }
            let n = Num::parse(&t.text[off..off + sign + len]).unwrap();
            st.cur.push(Some(Val {
                num: n,
                tok: Some((t.a + off, t.a + off + sign + len)),
            }));
            // prune on an identity whose whole is this part and whose parts are all placed
            let idx = st.cur.len() - 1;
            let mut pruned = false;
            for s in st.sums {
                if s.whole == idx && s.parts.iter().all(|&p| p < idx) {
                    let p = Num::sum(
                        s.parts
                            .iter()
                            .filter_map(|&p| st.cur[p].as_ref().map(|v| v.num)),
                    );
                    if st.prune && p != Some(n) {
                        pruned = true;
                    }
                }
            }
            if !pruned {
                if rest == 0 {
                    rec(st, ti + 1, 0, ok, bad, limit_bad);
                } else {
                    rec(st, ti, off + sign + len, ok, bad, limit_bad);
                }
            }
            st.cur.pop();
        }
    }
    let mut st = St {
        tokens,
        k,
        sums,
        kinds,
        budget: SPLIT_BUDGET,
        cur: Vec::with_capacity(k),
        prune: true,
        truncated: false,
    };
    let mut none: Vec<Cand> = Vec::new();
    rec(&mut st, 0, 0, out_ok, &mut none, 0);
    if out_ok.is_empty() {
        // No split satisfies the row: keep them all for the table's identities to weigh.
        st.prune = false;
        st.budget = SPLIT_BUDGET;
        st.truncated = false;
        rec(&mut st, 0, 0, out_ok, out_bad, limit_bad);
    }
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

/// Reads a row's tokens into candidate readings.
pub fn read_row(tokens: &[Token], k: usize, sums: &[RowSum], kinds: &[Kind]) -> Reading {
    let n = tokens.len();
    // A digit run too long for one number is glued values, not unreadable text.
    let unreadable_tokens: Vec<&Token> = tokens
        .iter()
        .filter(|t| t.num.is_none() && !t.splittable())
        .collect();
    let mut reading = Reading {
        cands: Vec::new(),
        tokens: n,
        broken: false,
        incomplete: false,
        unreadable: Vec::new(),
    };
    let val = |t: &Token| {
        t.num.map(|num| Val {
            num,
            tok: Some((t.a, t.b)),
        })
    };
    if n == k {
        let cells: Vec<Option<Val>> = tokens.iter().map(val).collect();
        reading.unreadable = tokens
            .iter()
            .enumerate()
            .filter(|(_, t)| t.num.is_none())
            .map(|(i, t)| (t.clone(), Some(i)))
            .collect();
        let mut c = Cand {
            cells,
            how: How::Direct,
            uncertain: vec![false; k],
        };
        let (_, violated) = sums_state(&c.cells, sums);
        let filled = complete(&mut c, sums, kinds);
        reading.broken = violated;
        if !filled {
            // keep the text's values; the rules will report the contradiction
            c = Cand {
                cells: tokens.iter().map(val).collect(),
                how: How::Direct,
                uncertain: vec![false; k],
            };
        }
        reading.cands.push(c);
        return reading;
    }
    reading.unreadable = unreadable_tokens
        .into_iter()
        .map(|t| (t.clone(), None))
        .collect();
    if n == 0 {
        reading.cands.push(Cand {
            cells: vec![None; k],
            how: How::Placed,
            uncertain: vec![false; k],
        });
        return reading;
    }
    let mut ok: Vec<Cand> = Vec::new();
    let mut bad: Vec<Cand> = Vec::new();
    // Digits are taken as glued only where the row is mostly glued: with a row identity
    // to check the split, at most half as many runs as columns; without one, a single
    // run. Separate values just short of the columns are more likely a lost value than
    // two glued ones.
    let may_split = if sums.is_empty() { n == 1 } else { n * 2 <= k };
    if n < k
        && may_split
        && tokens.iter().any(|t| t.splittable())
        && !splits(tokens, k, sums, kinds, &mut ok, &mut bad, BAD_LIMIT)
    {
        reading.incomplete = true;
        reading.cands.push(Cand {
            cells: vec![None; k],
            how: How::Split,
            uncertain: vec![false; k],
        });
        return reading;
    }
    // With nothing to check it, the one split of a lone run is taken only where text
    // touches the run (规章835行政…, the flattened layout); "| 20 |" in a row of two
    // columns is as likely one value with the other lost.
    if sums.is_empty() && ok.len() == 1 && !tokens[0].glued {
        ok.clear();
    }
    let mut placed: Vec<Cand> = Vec::new();
    if n < k && k - n <= 2 {
        for missing in combinations(k, k - n) {
            let mut cells = Vec::with_capacity(k);
            let mut it = tokens.iter();
            for i in 0..k {
                cells.push(if missing.contains(&i) {
                    None
                } else {
                    it.next().and_then(val)
                });
            }
            let mut c = Cand {
                cells,
                how: How::Placed,
                uncertain: vec![true; k],
            };
            if complete(&mut c, sums, kinds) {
                placed.push(c);
            }
        }
    } else if n > k && n - k <= 2 {
        for extra in combinations(n, n - k) {
            let cells: Vec<Option<Val>> = tokens
                .iter()
                .enumerate()
                .filter(|(i, _)| !extra.contains(i))
                .map(|(_, t)| val(t))
                .collect();
            let mut c = Cand {
                cells,
                how: How::Placed,
                uncertain: vec![true; k],
            };
            if complete(&mut c, sums, kinds) {
                placed.push(c);
            }
        }
    }
    // Prefer readings that satisfy the row's identity, then those that fill more cells.
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
    if good.is_empty() {
        reading.cands.push(Cand {
            cells: vec![None; k],
            how: How::Placed,
            uncertain: vec![false; k],
        });
        return reading;
    }
    let min_none = good
        .iter()
        .map(|c| c.cells.iter().filter(|x| x.is_none()).count())
        .min()
        .unwrap();
    good.retain(|c| c.cells.iter().filter(|x| x.is_none()).count() == min_none);
    reading.cands = dedupe(good);
    reading
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

/// Chooses between rows' candidates by the t3 identities across rows (column totals
/// and the balance). Returns, per row, whether it was narrowed to one candidate here.
pub fn settle_t3(readings: &mut [Option<Reading>], roles: &[Role], k: usize) -> Vec<bool> {
    let n = readings.len();
    let mut settled = vec![false; n];
    let open: Vec<usize> = (0..n)
        .filter(|&i| readings[i].as_ref().is_some_and(|r| r.cands.len() > 1))
        .collect();
    if open.is_empty() {
        return settled;
    }
    let broken_open: Vec<usize> = open
        .iter()
        .copied()
        .filter(|&i| readings[i].as_ref().unwrap().broken)
        .collect();
    // With two broken rows the search has nothing firm to stand on: leave them open.
    let vars: Vec<usize> = if broken_open.len() > 1 {
        open.iter()
            .copied()
            .filter(|i| !broken_open.contains(i))
            .collect()
    } else {
        open.clone()
    };
    if vars.is_empty() {
        return settled;
    }
    let sizes: Vec<usize> = vars
        .iter()
        .map(|&i| readings[i].as_ref().unwrap().cands.len())
        .collect();
    let mut total: usize = 1;
    for &s in &sizes {
        total = total.saturating_mul(s);
    }
    if total > GLOBAL_BUDGET {
        return settled;
    }
    // Fixed contributions per role and column.
    let value = |r: &Option<Reading>, choice: usize, c: usize| -> Option<Num> {
        r.as_ref().and_then(|r| {
            if r.cands.len() == 1 || choice != usize::MAX {
                r.cands[if choice == usize::MAX { 0 } else { choice }].cells[c]
                    .as_ref()
                    .map(|v| v.num)
            } else {
                None
            }
        })
    };
    let mut choice = vec![usize::MAX; n];
    let mut counter = vec![0usize; vars.len()];
    // (violations, unsatisfied, size of the discrepancies): fewest broken identities
    // first, then the most that hold, then the smallest total error.
    let mut best: Option<(usize, usize, i128)> = None;
    let mut used: Vec<Vec<bool>> = sizes.iter().map(|&s| vec![false; s]).collect();
    loop {
        for (vi, &ri) in vars.iter().enumerate() {
            choice[ri] = counter[vi];
        }
        let mut viol = 0;
        let mut sat = 0;
        let mut gap: i128 = 0;
        let diff = |a: Num, b: Num| {
            a.checked_sub(b)
                .map_or(i128::MAX / 64, |d| (d.units as i128).abs())
        };
        for c in 0..k {
            let mut leaves = Some(Num::ZERO);
            let (mut tot, mut new, mut cin, mut cout) = (None, None, None, None);
            for r in 0..n {
                if readings[r].is_none() {
                    if roles[r] == Role::Leaf {
                        leaves = None;
                    }
                    continue;
                }
                let v = value(&readings[r], choice[r], c);
                match roles[r] {
                    Role::Leaf => leaves = leaves.and_then(|s| v.and_then(|v| s.checked_add(v))),
                    Role::Total => tot = v,
                    Role::New => new = v,
                    Role::CarriedIn => cin = v,
                    Role::CarriedOut => cout = v,
                    _ => {}
                }
            }
            if let (Some(l), Some(t)) = (leaves, tot) {
                if l == t {
                    sat += 1
                } else {
                    viol += 1;
                    gap += diff(l, t)
                }
            }
            if let (Some(a), Some(b), Some(t), Some(o)) = (new, cin, tot, cout) {
                match (a.checked_add(b), t.checked_add(o)) {
                    (Some(x), Some(y)) if x == y => sat += 1,
                    (Some(x), Some(y)) => {
                        viol += 1;
                        gap += diff(x, y)
                    }
                    _ => viol += 1,
                }
            }
        }
        let score = (viol, usize::MAX - sat, gap);
        if best.is_none_or(|b| score < b) {
            best = Some(score);
            for u in used.iter_mut() {
                u.iter_mut().for_each(|x| *x = false);
            }
        }
        if best == Some(score) {
            for (vi, &ci) in counter.iter().enumerate() {
                used[vi][ci] = true;
            }
        }
        // next combination
        let mut d = 0;
        loop {
            if d == counter.len() {
                // done
                for (vi, &ri) in vars.iter().enumerate() {
                    let r = readings[ri].as_mut().unwrap();
                    let keep: Vec<Cand> = r
                        .cands
                        .iter()
                        .enumerate()
                        .filter(|(i, _)| used[vi][*i])
                        .map(|(_, c)| c.clone())
                        .collect();
                    if keep.len() == 1 {
                        settled[ri] = true;
                    }
                    r.cands = keep;
                }
                return settled;
            }
            counter[d] += 1;
            if counter[d] < sizes[d] {
                break;
            }
            counter[d] = 0;
            d += 1;
        }
    }
}

/// Broken t3 identities (column totals, balances, row sums) given one reading per row,
/// and whether a column total, a balance is among them; rows without a reading and
/// cells without a value are skipped.
fn t3_violations(
    rows: &[Option<Vec<Option<Num>>>],
    roles: &[Role],
    k: usize,
) -> (usize, bool, bool) {
    let mut viol = 0;
    let (mut total_broken, mut balance_broken) = (false, false);
    for c in 0..k {
        let v = |r: usize| rows[r].as_ref().and_then(|x| x[c]);
        let mut leaves = Some(Num::ZERO);
        let (mut tot, mut new, mut cin, mut cout) = (None, None, None, None);
        for (r, role) in roles.iter().enumerate() {
            match role {
                Role::Leaf => leaves = leaves.and_then(|s| v(r).and_then(|x| s.checked_add(x))),
                Role::Total => tot = v(r),
                Role::New => new = v(r),
                Role::CarriedIn => cin = v(r),
                Role::CarriedOut => cout = v(r),
                _ => {}
            }
        }
        if let (Some(l), Some(t)) = (leaves, tot) {
            viol += usize::from(l != t);
            total_broken |= l != t;
        }
        if let (Some(a), Some(b), Some(t), Some(o)) = (new, cin, tot, cout) {
            let broken = a.checked_add(b) != t.checked_add(o);
            viol += usize::from(broken);
            balance_broken |= broken;
        }
    }
    for row in rows.iter().flatten() {
        if let Some(vals) = row.iter().copied().collect::<Option<Vec<Num>>>() {
            viol += usize::from(Num::sum(vals[..k - 1].iter().copied()) != Some(vals[k - 1]));
        }
    }
    (viol, total_broken, balance_broken)
}

/// A lost (or extra) value placed by its row's identity is trusted only while the
/// table's identities hold: with the row's total among the cells placed, the row's own
/// sum checks nothing, so only the columns can confirm the placement. When they fail,
/// such rows are left empty for the reviewer rather than placed by guess.
pub fn distrust_placed(readings: &mut [Option<Reading>], roles: &[Role], k: usize) {
    let single = |r: &Option<Reading>| {
        r.as_ref()
            .filter(|r| r.cands.len() == 1)
            .map(|r| r.cands[0].values())
    };
    let mut current: Vec<Option<Vec<Option<Num>>>> = readings.iter().map(single).collect();
    for i in 0..readings.len() {
        let Some(r) = readings[i].as_ref() else {
            continue;
        };
        let placed = r.tokens != k
            && r.cands.iter().all(|c| c.how == How::Placed)
            && r.cands.iter().any(|c| c.cells.iter().any(|v| v.is_some()));
        if !placed {
            continue;
        }
        let before = current[i].take();
        let confirmed = r.cands.iter().any(|c| {
            current[i] = Some(c.values());
            t3_violations(&current, roles, k).0 == 0
        });
        current[i] = before;
        if !confirmed {
            let r = readings[i].as_mut().unwrap();
            r.cands = vec![Cand {
                cells: vec![None; k],
                how: How::Placed,
                uncertain: vec![false; k],
            }];
            current[i] = None;
        }
    }
}

/// After `settle_t3`: a glued row read by the only split whose own sum holds may still
/// contradict the table, when the text itself is wrong (`471152038000985` split as
/// 47,115,20,3,800,0,985 breaks five column balances, while 471,152,0,380,0,0,985 only
/// breaks its row sum and one balance: one wrong cell). When one other split of one such
/// row leaves strictly fewer broken identities than any reading now, and no other split
/// does as well, the row takes it. Returns the rows changed.
pub fn reconsider_t3(
    readings: &mut [Option<Reading>],
    tokens: &[Option<&[Token]>],
    roles: &[Role],
    k: usize,
) -> Vec<usize> {
    let single = |r: &Option<Reading>| {
        r.as_ref()
            .filter(|r| r.cands.len() == 1)
            .map(|r| r.cands[0].values())
    };
    let mut current: Vec<Option<Vec<Option<Num>>>> = readings.iter().map(single).collect();
    let (base, total_broken, balance_broken) = t3_violations(&current, roles, k);
    if base == 0 {
        return Vec::new();
    }
    // Only a row in a broken identity can mend one: the others' identities all hold.
    let involved = |role: Role| match role {
        Role::Leaf => total_broken,
        Role::Total => total_broken || balance_broken,
        Role::New | Role::CarriedIn | Role::CarriedOut => balance_broken,
        _ => false,
    };
    let kinds = vec![Kind::Count; k];
    // (violations, row, reading); `tied` when another reading does as well
    let mut best: Option<(usize, usize, Cand)> = None;
    let mut tied = false;
    for r in 0..readings.len() {
        let glued = readings[r]
            .as_ref()
            .is_some_and(|x| x.cands.len() == 1 && x.cands[0].how == How::Split && !x.incomplete);
        let Some(toks) = tokens[r].filter(|_| glued && involved(roles[r])) else {
            continue;
        };
        let mut all: Vec<Cand> = Vec::new();
        if !splits(toks, k, &[], &kinds, &mut all, &mut Vec::new(), 0) {
            continue;
        }
        let now = current[r].take();
        for c in all {
            let vals = c.values();
            if Some(&vals) == now.as_ref() {
                continue;
            }
            current[r] = Some(vals);
            let (v, _, _) = t3_violations(&current, roles, k);
            match &best {
                Some((b, _, _)) if v > *b => {}
                Some((b, _, _)) if v == *b => tied = true,
                _ if v < base => {
                    best = Some((v, r, c));
                    tied = false;
                }
                _ => {}
            }
        }
        current[r] = now;
    }
    match best {
        Some((_, r, c)) if !tied => {
            let reading = readings[r].as_mut().unwrap();
            reading.cands = vec![c];
            reading.broken = true;
            vec![r]
        }
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::text::NormText;

    fn toks(s: &str) -> Vec<Token> {
        let t = NormText::new(s);
        crate::read::locate::segments(&t, 0..t.chars.len())
            .into_iter()
            .flat_map(|s| s.tokens)
            .collect()
    }

    fn t3_sum() -> Vec<RowSum> {
        vec![RowSum {
            parts: (0..6).collect(),
            whole: 6,
        }]
    }

    #[test]
    fn glued_row_splits_only_one_way() {
        let r = read_row(&toks("713000074"), 7, &t3_sum(), &[Kind::Count; 7]);
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
        let r = read_row(&toks("1010002"), 7, &t3_sum(), &[Kind::Count; 7]);
        assert!(!r.cands.is_empty());
        for c in &r.cands {
            let v: Vec<Num> = c.values().into_iter().map(|v| v.unwrap()).collect();
            assert_eq!(Num::sum(v[..6].iter().copied()), Some(v[6]));
        }
    }

    #[test]
    fn a_lost_value_is_placed_only_when_the_row_fixes_it() {
        let r = read_row(&toks("0 0 0 0 0 0"), 7, &t3_sum(), &[Kind::Count; 7]);
        assert_eq!(r.cands.len(), 1, "all placements give zeros");
        assert!(r.cands[0].values().iter().all(|v| *v == Some(Num::ZERO)));
        let r = read_row(&toks("2 3 0 0 0 5"), 7, &t3_sum(), &[Kind::Count; 7]);
        assert!(
            r.cands.len() > 1,
            "where the lost value was is not in the text"
        );
        let agreed = agreed(&r.cands, 7);
        assert!(agreed[0].is_none());
    }

    #[test]
    fn an_extra_value_is_dropped_when_harmless() {
        let r = read_row(&toks("0 0 0 0 0 0 0 0"), 7, &t3_sum(), &[Kind::Count; 7]);
        assert_eq!(r.cands.len(), 1);
    }
}
