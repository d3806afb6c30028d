//! The trade day(s) or month a bank row's memo names: "POS清算款 1014", "银联POS结算 20261014", "商户结算 10月14日",
//! "Card settlement 14/10", "MERCHANT DEPOSIT Oct 14", "结算 1012-1014", "POS手续费 2026年09月", "Merchant fees
//! Sept 2026". When the acquirer prints the day it pays, that is better evidence than any amount: the engine ties
//! the credit to the day its memo names, whatever its amount, and a monthly fee debit to its month.
//!
//! Only the text is read here, relative to the row's posting date: a day written without a year is the latest
//! such day on or before the posting date (up to 3 days after it, for banks that post value-dated); a day written
//! with its year is taken as written when it lies within 400 days before or 31 days after the posting date.
//!
//! Memos are full of numbers that are not days: batch, voucher and terminal numbers ("批次号1014", "Batch 1014"),
//! ids and card numbers ("TRX10140001", "622848******1014"), amounts ("1014.50", "¥1014"), times ("10:14"). A
//! number is read as a day only when it stands alone, is not labelled as something else and is a valid date. Two
//! days joined by "-", "至", "to", "bis", … are a range of at most 31 days. A memo that names two different things,
//! or a day that reads both ways (11/10: 11 October or 10 November) with both readings recent, names nothing:
//! this is evidence, never a guess.
//!
//! The text is split into runs of digits, letters, single CJK characters and punctuation (full-width forms
//! narrowed first), then small recognisers look for each written form.

use chrono::{Datelike, NaiveDate};

/// What a memo names as the period a bank row pays or charges for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Named {
    /// One trade day, or a range of days (first <= last; first == last for one day).
    Days { first: NaiveDate, last: NaiveDate },
    /// A calendar month (first = the 1st, last = its last day).
    Month { first: NaiveDate, last: NaiveDate },
}

impl Named {
    pub fn first(&self) -> NaiveDate {
        match *self {
            Named::Days { first, .. } | Named::Month { first, .. } => first,
        }
    }

    pub fn last(&self) -> NaiveDate {
        match *self {
            Named::Days { last, .. } | Named::Month { last, .. } => last,
        }
    }
}

/// A day written with its year counts from this many days before the posting date…
const WRITTEN_BEFORE: i64 = 400;
/// …to this many after.
const WRITTEN_AFTER: i64 = 31;
/// A day written without a year may lie this many days after the posting date (value-dated posting).
const VALUE_DATED: i64 = 3;
/// Of the two readings of 05/10, the one at most this many days before the posting date is the day paid.
const PAID_WITHIN: i64 = 62;
/// The longest range, in days.
const LONGEST_RANGE: i64 = 31;

/// Words that label the number after them as something other than a day (space-separated, lower case).
const LABELS_EN: &str = "batch no nr num number ref reference id terminal term tid mid merchant voucher trace auth seq \
    invoice inv order txn trx card acct account rmb cny usd eur hkd gbp amount amt total";
const LABELS_ZH: &str = "批次 批次号 凭证 凭证号 流水 流水号 终端 终端号 商户 商户号 参考号 检索号 授权号 编号 单号 订单 卡号 \
    账号 尾号 序号 金额";
const CURRENCY_AFTER: &str = "rmb cny usd eur hkd gbp yuan";
const RANGE_WORDS: &str = "to bis au through thru until till";
/// The names and abbreviations of each month: English, German, French (lower case, without the dot).
const MONTHS: [&str; 12] = [
    "jan january januar janv janvier",
    "feb february februar fév févr février",
    "mar march mär märz mrz mars",
    "apr april avr avril",
    "may mai",
    "jun june juni juin",
    "jul july juli juil juillet",
    "aug august août aout",
    "sep sept september septembre",
    "oct october okt oktober octobre",
    "nov november novembre",
    "dec december dez dezember déc décembre decembre",
];

/// Whether `word` is one of the space-separated `list`.
fn listed(list: &str, word: &str) -> bool {
    list.split_whitespace().any(|w| w == word)
}

/// The period that `text` (memo, description, reference joined by spaces by the caller) names, read relative to
/// `posted` (the bank row's date): a day or range named without a year takes the year that puts it nearest
/// before or on `posted` (a trade day is paid 0..~60 days after it happened; a day up to 3 days AFTER posted is
/// also accepted, for banks that post value-dated); a full date (with year) is taken as written, but only when it
/// lies within 400 days before or 31 days after `posted`. None when the text names nothing, or names two
/// different things that are not a range (ambiguous → None, never a guess).
pub fn named_period(text: &str, posted: NaiveDate) -> Option<Named> {
    let t = tokens(text);
    let mut found = None;
    for item in items(&t) {
        match resolve(item, posted) {
            Read::Nothing => {}
            Read::Ambiguous => return None,
            Read::Named(n) if found.is_some_and(|f| f != n) => return None,
            Read::Named(n) => found = Some(n),
        }
    }
    found
}

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Num(String),
    /// Lower case.
    Word(String),
    Han(char),
    Sym(char),
    Space,
}

fn tokens(text: &str) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut chars = text.chars().map(narrow).peekable();
    while let Some(c) = chars.next() {
        if c.is_ascii_digit() || letter(c) {
            let digits = c.is_ascii_digit();
            let mut run = String::from(c);
            while let Some(n) = chars.next_if(|&n| if digits { n.is_ascii_digit() } else { letter(n) }) {
                run.push(n);
            }
            out.push(if digits {
                Tok::Num(run)
            } else {
                Tok::Word(run.to_lowercase())
            });
        } else if c.is_whitespace() {
            while chars.next_if(|n| n.is_whitespace()).is_some() {}
            out.push(Tok::Space);
        } else {
            out.push(if han(c) { Tok::Han(c) } else { Tok::Sym(c) });
        }
    }
    out
}

/// Full-width ASCII forms ("２０２６", "：", "～") and the ideographic space as their narrow selves.
fn narrow(c: char) -> char {
    match c {
        '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
        '\u{3000}' => ' ',
        '\u{ffe5}' => '¥',
        _ => c,
    }
}

fn han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{f900}'..='\u{faff}')
}

fn letter(c: char) -> bool {
    c.is_alphabetic() && !han(c)
}

/// A month and day (day 0: the whole month), with the year when written.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Ymd {
    y: Option<i32>,
    m: u32,
    d: u32,
}

/// The readings of one written form: [day first, month first]. Forms that read one way hold it in both slots.
type Readings = [Option<Ymd>; 2];

struct Mention {
    start: usize,
    end: usize,
    readings: Readings,
    /// Whether a bare day after a range sign completes a range ("10月12日至14日", "Oct 12-14").
    takes_tail: bool,
}

/// A form found at a token: its readings, the token after it, and whether it takes a tail.
type Found = (Readings, usize, bool);

fn ymd(y: Option<i32>, m: u32, d: u32) -> Option<Ymd> {
    let valid = if d == 0 {
        (1..=12).contains(&m)
    } else {
        NaiveDate::from_ymd_opt(y.unwrap_or(2000), m, d).is_some()
    };
    valid.then_some(Ymd { y, m, d })
}

fn fixed(y: Option<i32>, m: u32, d: u32) -> Readings {
    let r = ymd(y, m, d);
    [r, r]
}

/// "a/b": a the day and b the month, or the other way round; "a.b" is always day first (14.10.2026).
fn either(y: Option<i32>, a: u32, b: u32, sep: char) -> Readings {
    [ymd(y, b, a), if sep == '.' { ymd(y, b, a) } else { ymd(y, a, b) }]
}

/// The mentions, with two days joined by a range sign made one range: per reading, (first, last).
fn items(t: &[Tok]) -> Vec<[Option<(Ymd, Ymd)>; 2]> {
    let ms = mentions(t);
    let is_day = |m: &Mention| m.readings.iter().flatten().all(|r| r.d != 0);
    let mut out = Vec::new();
    let mut k = 0;
    while let Some(a) = ms.get(k) {
        match ms.get(k + 1) {
            Some(b) if is_day(a) && is_day(b) && joined(t.get(a.end..b.start).unwrap_or(&[])) => {
                out.push(std::array::from_fn(|s| a.readings[s].zip(b.readings[s])));
                k += 2;
            }
            _ => {
                out.push(a.readings.map(|r| r.map(|r| (r, r))));
                k += 1;
            }
        }
    }
    out
}

/// The forms written in `t`, left to right: at each token the first recogniser that reads one there (the longest
/// forms first); a form's tokens are not read again.
fn mentions(t: &[Tok]) -> Vec<Mention> {
    let mut out: Vec<Mention> = Vec::new();
    let mut i = 0;
    while i < t.len() {
        let found = match &t[i] {
            Tok::Num(_) => cjk(t, i)
                .or_else(|| year_first(t, i))
                .or_else(|| day_month(t, i))
                .or_else(|| day_word(t, i))
                .or_else(|| digits(t, i))
                .or_else(|| head(t, i))
                .or_else(|| out.last().and_then(|prev| tail(t, i, prev))),
            Tok::Word(_) => word_day(t, i),
            _ => None,
        };
        let Some((readings, end, takes_tail)) = found else {
            i += 1;
            continue;
        };
        if readings.iter().any(Option::is_some) {
            out.push(Mention {
                start: i,
                end,
                readings,
                takes_tail,
            });
        }
        i = end.max(i + 1);
    }
    out
}

fn num(t: &[Tok], i: usize) -> Option<&str> {
    match t.get(i) {
        Some(Tok::Num(s)) => Some(s),
        _ => None,
    }
}

/// A number of one or two digits (a day or month).
fn short(t: &[Tok], i: usize) -> Option<u32> {
    num(t, i).filter(|s| s.len() <= 2).and_then(|s| s.parse().ok())
}

fn year(t: &[Tok], i: usize) -> Option<i32> {
    num(t, i)
        .filter(|s| s.len() == 4)
        .and_then(|s| s.parse().ok())
        .filter(|y| (1990..=2099).contains(y))
}

fn sym(t: &[Tok], i: usize) -> Option<char> {
    match t.get(i) {
        Some(Tok::Sym(c)) => Some(*c),
        _ => None,
    }
}

fn is_han(t: &[Tok], i: usize, set: &str) -> bool {
    matches!(t.get(i), Some(Tok::Han(c)) if set.contains(*c))
}

fn month_word(t: &[Tok], i: usize) -> Option<u32> {
    match t.get(i) {
        Some(Tok::Word(w)) => (1..).zip(MONTHS).find_map(|(m, names)| listed(names, w).then_some(m)),
        _ => None,
    }
}

/// Past spaces and at most one of ". - ," ("14. Okt", "14-Oct-2026", "October 14, 2026").
fn gap(t: &[Tok], mut i: usize) -> usize {
    let mut sign = false;
    loop {
        match t.get(i) {
            Some(Tok::Space) => {}
            Some(Tok::Sym('.' | '-' | ',')) if !sign => sign = true,
            _ => return i,
        }
        i += 1;
    }
}

/// Tokens past an ordinal suffix ("14th", "1er").
fn ordinal(t: &[Tok], i: usize) -> usize {
    usize::from(matches!(t.get(i), Some(Tok::Word(w)) if listed("st nd rd th er", w)))
}

/// "2026年10月14日", "10月14号", "2026年9月", "9月份".
fn cjk(t: &[Tok], i: usize) -> Option<Found> {
    let y = year(t, i).filter(|_| is_han(t, i + 1, "年"));
    let j = if y.is_some() { i + 2 } else { i };
    let m = short(t, j).filter(|_| is_han(t, j + 1, "月"))?;
    match short(t, j + 2) {
        Some(d) => Some((fixed(y, m, d), j + 3 + usize::from(is_han(t, j + 3, "日号")), true)),
        None => Some((fixed(y, m, 0), j + 2 + usize::from(is_han(t, j + 2, "份")), false)),
    }
}

/// "2026-10-14", "2026/10/14", "2026.10.14"; "2026-09", "2026/09" (a month).
fn year_first(t: &[Tok], i: usize) -> Option<Found> {
    let y = year(t, i)?;
    let s = sym(t, i + 1).filter(|c| "-/.".contains(*c))?;
    let m = short(t, i + 2)?;
    if sym(t, i + 3) == Some(s) && num(t, i + 4).is_some() {
        let d = short(t, i + 4)?;
        return alone(t, i, i + 5, false).then(|| (fixed(Some(y), m, d), i + 5, true));
    }
    (s != '.' && alone(t, i, i + 3, false)).then(|| (fixed(Some(y), m, 0), i + 3, false))
}

/// "14/10", "10/14", "14.10"; "14/10/2026", "10/14/2026", "14.10.2026", "14-10-2026"; "09/2026" (a month).
fn day_month(t: &[Tok], i: usize) -> Option<Found> {
    let a = short(t, i)?;
    let s = sym(t, i + 1).filter(|c| "/.-".contains(*c))?;
    if let Some(y) = year(t, i + 2) {
        return (s != '.' && alone(t, i, i + 3, true)).then(|| (fixed(Some(y), a, 0), i + 3, false));
    }
    let b = short(t, i + 2)?;
    if sym(t, i + 3) == Some(s) && num(t, i + 4).is_some() {
        let y = year(t, i + 4)?;
        return alone(t, i, i + 5, false).then(|| (either(Some(y), a, b, s), i + 5, false));
    }
    // Without a year, a dash is a range sign, and "12.5" is an amount.
    let shape = s == '/' || (s == '.' && num(t, i + 2).is_some_and(|n| n.len() == 2));
    (shape && alone(t, i, i + 3, true)).then(|| (either(None, a, b, s), i + 3, false))
}

/// "14 Oct", "14-OCT-2026", "14. Oktober 2026", "3 déc.".
fn day_word(t: &[Tok], i: usize) -> Option<Found> {
    let d = short(t, i)?;
    let j = gap(t, i + 1 + ordinal(t, i + 1));
    let m = month_word(t, j)?;
    let (y, end) = year_after(t, j + 1);
    glued_before(t, i).is_none().then(|| (fixed(y, m, d), end, false))
}

/// "Oct 14", "October 14, 2026", "Sept 14th"; "Sept 2026", "Sep-2026" (a month); "for September" (a month).
fn word_day(t: &[Tok], i: usize) -> Option<Found> {
    let m = month_word(t, i)?;
    let j = gap(t, i + 1);
    if let Some(d) = short(t, j) {
        let k = j + 1 + ordinal(t, j + 1);
        let (y, end) = year_after(t, k);
        if y.is_some() || glued_after(t, k).is_none() {
            return Some((fixed(y, m, d), end, true));
        }
    }
    if let Some(y) = year(t, j).filter(|_| glued_after(t, j + 1).is_none()) {
        return Some((fixed(Some(y), m, 0), j + 1, false));
    }
    let k = if i > 0 && t.get(i - 1) == Some(&Tok::Space) {
        i - 1
    } else {
        i
    };
    let lead = k.checked_sub(1).and_then(|k| t.get(k));
    let named = matches!(lead, Some(Tok::Word(w)) if listed("for of für pour", w));
    named.then(|| (fixed(None, m, 0), i + 1, false))
}

/// The year after a day and a gap ("14 Oct 2026", "October 14, 2026"), with the token after it (past the dot
/// that ends an abbreviation: "14 oct.").
fn year_after(t: &[Tok], i: usize) -> (Option<i32>, usize) {
    let k = gap(t, i);
    match year(t, k) {
        Some(y) if glued_after(t, k + 1).is_none() => (Some(y), k + 1),
        _ => (None, i + usize::from(sym(t, i) == Some('.'))),
    }
}

/// "1014" (month and day), "20261014".
fn digits(t: &[Tok], i: usize) -> Option<Found> {
    let s = num(t, i)?;
    let v: u32 = s.parse().ok()?;
    let readings = match s.len() {
        4 => fixed(None, v / 100, v % 100),
        8 => fixed(Some(i32::try_from(v / 10_000).ok()?), v / 100 % 100, v % 100),
        _ => return None,
    };
    alone(t, i, i + 1, true).then_some((readings, i + 1, true))
}

/// The bare day that ends a range after `prev` ("10月12日至14日", "Oct 12-14", "1012-14"): same month and year.
fn tail(t: &[Tok], i: usize, prev: &Mention) -> Option<Found> {
    if !prev.takes_tail || !joined(t.get(prev.end..i)?) {
        return None;
    }
    let d = short(t, i)?;
    let suffix = usize::from(is_han(t, i + 1, "日号")) + ordinal(t, i + 1);
    let end = i + 1 + suffix;
    let loose = matches!(t.get(end), Some(Tok::Han(_) | Tok::Word(_))) && suffix == 0;
    if loose || glued_after(t, end).is_some() {
        return None;
    }
    Some((prev.readings.map(|r| r.and_then(|r| ymd(r.y, r.m, d))), end, false))
}

/// The bare day that starts a range before a day with a month name ("12-14 Oct", "du 12 au 14 octobre", "12.-14.
/// Oktober 2026"): same month and year.
fn head(t: &[Tok], i: usize) -> Option<Found> {
    let d = short(t, i).filter(|_| glued_before(t, i).is_none())?;
    let end = i + 1 + ordinal(t, i + 1);
    let end = end + usize::from(sym(t, end) == Some('.'));
    let next = (end + 1..t.len().min(end + 4)).find(|&j| t.get(end..j).is_some_and(joined) && short(t, j).is_some())?;
    let (readings, _, _) = day_word(t, next)?;
    Some((readings.map(|r| r.and_then(|r| ymd(r.y, r.m, d))), end, false))
}

/// Whether the tokens between two days are one range sign (and spaces).
fn joined(between: &[Tok]) -> bool {
    let mut signs = between.iter().filter(|t| **t != Tok::Space);
    let sign = match signs.next() {
        Some(Tok::Sym(c)) => "-–—~〜".contains(*c),
        Some(Tok::Han(c)) => "至到".contains(*c),
        Some(Tok::Word(w)) => listed(RANGE_WORDS, w),
        _ => false,
    };
    sign && signs.next().is_none()
}

/// What glues a number to the token before it, making it part of something longer: letters (`strict`), a mask or
/// currency sign, or another number joined by ". , : /" ("1.1014", "10:14").
fn glued_before(t: &[Tok], i: usize) -> Option<()> {
    let prev = t.get(i.checked_sub(1)?)?;
    let joined = i >= 2 && num(t, i - 2).is_some();
    match prev {
        Tok::Sym('*' | '$' | '€' | '£' | '¥') => Some(()),
        Tok::Sym('.' | ',' | ':' | '/') if joined => Some(()),
        _ => None,
    }
}

/// What glues a number to the token after it: a mask, "元", or another number joined by ". , : /" ("1014.50").
fn glued_after(t: &[Tok], i: usize) -> Option<()> {
    match t.get(i)? {
        Tok::Sym('*') | Tok::Han('元') => Some(()),
        Tok::Sym('.' | ',' | ':' | '/') if num(t, i + 1).is_some() => Some(()),
        _ => None,
    }
}

/// Whether the numeric form t[start..end] stands as a date of its own: not glued to a longer id, amount or time,
/// not followed by a currency, not labelled as another number; `strict`: no letters directly around it ("A1014").
fn alone(t: &[Tok], start: usize, end: usize, strict: bool) -> bool {
    let word = |i: Option<usize>| matches!(i.and_then(|i| t.get(i)), Some(Tok::Word(_)));
    let next = if t.get(end) == Some(&Tok::Space) { end + 1 } else { end };
    let currency = matches!(t.get(next), Some(Tok::Word(w)) if listed(CURRENCY_AFTER, w));
    let lettered = strict && (word(start.checked_sub(1)) || word(Some(end)));
    !(lettered || currency || labelled(t, start))
        && glued_before(t, start).is_none()
        && glued_after(t, end).is_none()
        && !is_han(t, next, "元")
}

/// Whether the number at `i` follows a label or mask ("批次号1014", "Batch No. 1014", "#1014", "RMB 1014",
/// "6228 **** 1014").
fn labelled(t: &[Tok], i: usize) -> bool {
    for (k, tok) in t.get(..i).unwrap_or(&[]).iter().enumerate().rev() {
        match tok {
            Tok::Space | Tok::Sym(':' | '.' | '=') => {}
            Tok::Sym('#' | '*' | '$' | '€' | '£' | '¥') => return true,
            Tok::Word(w) => return listed(LABELS_EN, w) || w.chars().all(|c| c == 'x'),
            Tok::Han(_) => {
                let run: Vec<char> = t[..=k]
                    .iter()
                    .rev()
                    .map_while(|x| if let Tok::Han(c) = x { Some(*c) } else { None })
                    .collect();
                let run: String = run.into_iter().rev().collect();
                return LABELS_ZH.split_whitespace().any(|l| run.ends_with(l));
            }
            _ => return false,
        }
    }
    false
}

enum Read {
    Nothing,
    Ambiguous,
    Named(Named),
}

/// One mention or range: the period of each reading; of two different ones, the only recent one.
fn resolve(item: [Option<(Ymd, Ymd)>; 2], posted: NaiveDate) -> Read {
    let recent = |n: &Named| (-PAID_WITHIN..=VALUE_DATED).contains(&(n.last() - posted).num_days());
    match item.map(|p| p.and_then(|(a, b)| period(a, b, posted))) {
        [Some(x), Some(y)] if x != y => match (recent(&x), recent(&y)) {
            (true, false) => Read::Named(x),
            (false, true) => Read::Named(y),
            _ => Read::Ambiguous,
        },
        [Some(x), _] | [None, Some(x)] => Read::Named(x),
        [None, None] => Read::Nothing,
    }
}

/// The period from `a` to `b` (a month when `a` is one), its years filled in relative to `posted`, or None when
/// it falls outside the windows or is not a range.
fn period(a: Ymd, b: Ymd, posted: NaiveDate) -> Option<Named> {
    let offset = |d: NaiveDate| (d - posted).num_days();
    let date = |y: i32, r: Ymd| NaiveDate::from_ymd_opt(y, r.m, r.d);
    if a.d == 0 {
        let y = a.y.unwrap_or(posted.year() - i32::from(a.m > posted.month()));
        let first = NaiveDate::from_ymd_opt(y, a.m, 1)?;
        let last = NaiveDate::from_ymd_opt(y + i32::from(a.m == 12), a.m % 12 + 1, 1)?.pred_opt()?;
        return (offset(last) >= -WRITTEN_BEFORE && offset(first) <= WRITTEN_AFTER)
            .then_some(Named::Month { first, last });
    }
    // The latest date of r's month and day at most `slack` days after `limit`.
    let on_or_before = |r: Ymd, limit: NaiveDate, slack: i64| {
        (limit.year() - 4..=limit.year() + 1)
            .rev()
            .find_map(|y| date(y, r).filter(|d| (*d - limit).num_days() <= slack))
    };
    let last = match (b.y, a.y) {
        (Some(y), _) => date(y, b)?,
        (None, Some(y)) => {
            let start = date(y, a)?;
            (y..=y + 1).find_map(|y| date(y, b).filter(|d| *d >= start))?
        }
        (None, None) => on_or_before(b, posted, VALUE_DATED)?,
    };
    let first = match a.y {
        Some(y) => date(y, a)?,
        None => on_or_before(a, last, 0)?,
    };
    let latest = if a.y.is_some() || b.y.is_some() {
        WRITTEN_AFTER
    } else {
        VALUE_DATED
    };
    let fits = first <= last
        && (last - first).num_days() < LONGEST_RANGE
        && offset(first) >= -WRITTEN_BEFORE
        && offset(last) <= latest;
    fits.then_some(Named::Days { first, last })
}

#[cfg(test)]
mod tests;
