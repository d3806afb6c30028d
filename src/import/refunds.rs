//! One row, more than one transaction, and what a charge's row says beyond its amount. A payments export such as
//! Stripe's writes one line a charge and on it what became of the charge:
//!
//! * **Refunded** (`Amount Refunded 12.50`; other processors' exports carry a refunded-amount column too): the
//!   row is the sale **and** a refund, so the payout that is net of the refund balances instead of looking
//!   short. The refund is the sale's copy with amount −refunded, kind refund, the same reference, card, terminal
//!   and merchant, on the same physical line (a report names the line a user finds it on), at the refund date
//!   when the file has one (`refund_date`), else at the sale's time. A refunded amount says nothing about fees,
//!   so the refund gives none back (fee 0, net −refunded): Stripe keeps its fee on a refunded charge; a
//!   processor that returns fees lists its refunds as rows of their own, with their fee.
//! * **Disputed and lost** (`Disputed Amount 60.00`, `Dispute Status lost`): the card's bank took the money back,
//!   a chargeback: a refund row made the same way, dated when the dispute was opened (`dispute_date`, the day the
//!   disputed money left the balance). A dispute in another state takes no money for good: an open one
//!   (`needs_response`, `under_review`, an inquiry `warning_…`) or one closed for the shop (`won`,
//!   `warning_closed` …) adds no row, but the sale's description says so — the owner should know a charge is
//!   disputed. The disputed amount is in the customer's currency; where the row was paid out in another, the
//!   chargeback is converted at the charge's own rate and the description says so. Processors also charge a
//!   dispute fee that a payments export does not carry.
//! * **Not captured** (`Captured false`): an authorisation that was never captured moved no money: declined, so
//!   it is kept and shown but takes no part in matching, and it gets no refund row for the authorisation being
//!   released (Stripe writes a released one as refunded in full).
//! * **Paid in another currency** (`Amount 50.00 eur` beside `Converted Amount 54.90 usd`): the row is read in
//!   the currency the shop was paid in, the only figures a payout adds up to; what the customer paid is said in
//!   the description (`Order 1005 · customer paid EUR 50.00`), where the owner sees it beside the row in every
//!   report and in the app, and which no matching reads.
//!
//! ```
//! use chrono::NaiveDate;
//! use posrecon::import::refunds::{DisputeStage, dispute_stage, refund_of};
//! use posrecon::model::{Money, RowRef, Side, SourceId, Txn, TxnKind};
//! use rust_decimal_macros::dec;
//!
//! let time = NaiveDate::from_ymd_opt(2026, 11, 24).and_then(|d| d.and_hms_opt(15, 30, 0)).unwrap_or_default();
//! let sale = Txn::new(RowRef { source: SourceId(0), line: 3 }, Side::Terminal, time, Money(dec!(12.50)));
//! let refund = refund_of(&sale, dec!(12.50), None).expect("a refunded sale has a refund");
//! assert_eq!((refund.amount, refund.kind, refund.row.line), (Money(dec!(-12.50)), TxnKind::Refund, 3));
//! assert_eq!(refund_of(&sale, dec!(0.00), None), None);
//! assert_eq!((dispute_stage("lost"), dispute_stage("Under review")), (DisputeStage::Lost, DisputeStage::Open));
//! ```

use chrono::NaiveDateTime;
use rust_decimal::{Decimal, RoundingStrategy};

use super::error::RowError;
use super::mapping::Field;
use super::parse::{FieldError, clean_cell, parse_datetime};
use super::rows::{Row, RowReader};
use super::table::{Cells, is_blank};
use crate::model::{Currency, Money, Txn, TxnKind, TxnStatus};

/// What the customer paid, where the file says it beside the amount the shop was paid.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Customer {
    amount: Option<Decimal>,
    currency: Option<Currency>,
}

/// A dispute a charge's row carries.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Dispute {
    /// As written, in the customer's currency; None when not given (then the whole charge).
    amount: Option<Decimal>,
    /// The status word as written (trimmed), empty when not given.
    status: String,
    when: Option<(NaiveDateTime, bool)>,
}

impl RowReader<'_> {
    /// One row as its transactions, appended to `out`: the row's own ([`RowReader::txn`], read as declined
    /// when it was never captured, its description saying what the customer paid and any dispute), and after
    /// it the refund and the chargeback the row carries, if any. Nothing is appended when any cell cannot be
    /// read.
    pub fn push_txns<C: Cells + ?Sized>(&self, row: &Row<'_, C>, out: &mut impl Extend<Txn>) -> Result<(), RowError> {
        let mut txn = self.txn(row)?;
        let customer = self.customer(row)?;
        if let Some(currency) = customer.and_then(|c| c.currency).filter(|_| self.amount_blank(row)) {
            // The customer's amount stood in for a blank amount paid out (RowReader::amount): theirs is the currency.
            txn.currency = currency;
        }
        if let Some(note) = customer.and_then(|c| paid_note(&txn, c)) {
            add_note(&mut txn, &note);
        }
        if self.captured(row)? == Some(false) && txn.status == TxnStatus::Ok {
            txn.status = TxnStatus::Declined;
            add_note(&mut txn, "authorised, never captured");
        }
        let refund = match self.money(row, Field::AmountRefunded)? {
            Some(refunded) => refund_of(&txn, refunded, self.date_of(row, Field::RefundDate)?),
            None => None,
        };
        let chargeback = match self.dispute(row)? {
            Some(dispute) => dispute_of(&mut txn, customer, &dispute),
            None => None,
        };
        out.extend(std::iter::once(txn).chain(refund).chain(chargeback));
        Ok(())
    }

    /// A date cell of `field`, read like every date of the file; None when unmapped or blank.
    fn date_of<C: Cells + ?Sized>(
        &self,
        row: &Row<'_, C>,
        field: Field,
    ) -> Result<Option<(NaiveDateTime, bool)>, RowError> {
        let Some(col) = self.map.get(field) else {
            return Ok(None);
        };
        let cell = row.cells.cell(col);
        if is_blank(cell) {
            return Ok(None);
        }
        parse_datetime(cell, self.date_order)
            .map(Some)
            .map_err(|e| self.error(row, col, e))
    }

    /// Whether the amount column is mapped and blank on this row.
    fn amount_blank<C: Cells + ?Sized>(&self, row: &Row<'_, C>) -> bool {
        self.map
            .get(Field::Amount)
            .is_some_and(|col| is_blank(row.cells.cell(col)))
    }

    /// The customer's amount and currency; None when the file says neither.
    fn customer<C: Cells + ?Sized>(&self, row: &Row<'_, C>) -> Result<Option<Customer>, RowError> {
        let amount = self.money(row, Field::CustomerAmount)?;
        let currency = self
            .map
            .get(Field::CustomerCurrency)
            .and_then(|col| Currency::parse(&clean_cell(row.cells.cell(col))));
        Ok((amount.is_some() || currency.is_some()).then_some(Customer { amount, currency }))
    }

    /// The captured cell: true/yes/是 or false/no/否 (any case), or the time of the capture (captured); None when
    /// unmapped or blank.
    fn captured<C: Cells + ?Sized>(&self, row: &Row<'_, C>) -> Result<Option<bool>, RowError> {
        let Some(col) = self.map.get(Field::Captured) else {
            return Ok(None);
        };
        let cell = row.cells.cell(col);
        if is_blank(cell) {
            return Ok(None);
        }
        let captured =
            yes_or_no(&clean_cell(cell)).or_else(|| parse_datetime(cell, self.date_order).ok().map(|_| true));
        let expected = "true or false (yes or no), or when it was captured";
        captured
            .map(Some)
            .ok_or_else(|| self.error(row, col, FieldError::new(expected, cell)))
    }

    /// The dispute on the row: a disputed amount above zero or a dispute status; None when neither.
    fn dispute<C: Cells + ?Sized>(&self, row: &Row<'_, C>) -> Result<Option<Dispute>, RowError> {
        let amount = self
            .money(row, Field::DisputedAmount)?
            .map(|a| a.abs())
            .filter(|a| !a.is_zero());
        let status = self
            .map
            .get(Field::DisputeStatus)
            .map(|col| clean_cell(row.cells.cell(col)))
            .unwrap_or_default();
        let status = status.trim();
        if amount.is_none() && status.is_empty() {
            return Ok(None);
        }
        let when = self.date_of(row, Field::DisputeDate)?;
        Ok(Some(Dispute {
            amount,
            status: status.to_owned(),
            when,
        }))
    }
}

/// `true`, `yes`, `y`, `1`, `是` → true; `false`, `no`, `n`, `0`, `否` → false (any case); None otherwise.
fn yes_or_no(text: &str) -> Option<bool> {
    let word = text.trim().to_ascii_lowercase();
    match word.as_str() {
        "true" | "yes" | "y" | "1" | "是" => Some(true),
        "false" | "no" | "n" | "0" | "否" => Some(false),
        _ => None,
    }
}

/// Where a dispute (a chargeback, or the inquiry before one) stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DisputeStage {
    /// Decided for the cardholder: the money is taken back for good (`lost`, `chargeback`).
    Lost,
    /// Over without the money leaving for good (`won`, `warning_closed`, `prevented`, `charge_refunded`,
    /// `closed`).
    Closed,
    /// Anything else: waiting for evidence or a decision (`needs_response`, `under_review`, an inquiry
    /// `warning_needs_response` …), or a word not known.
    Open,
}

/// The stage of a dispute status word, Stripe's (`needs_response`, `lost` …) or written out (`Under review`).
pub fn dispute_stage(status: &str) -> DisputeStage {
    let word: String = status
        .trim()
        .chars()
        .map(|c| {
            if c == ' ' || c == '-' {
                '_'
            } else {
                c.to_ascii_lowercase()
            }
        })
        .collect();
    match word.as_str() {
        "lost" | "chargeback" | "charged_back" => DisputeStage::Lost,
        "won" | "warning_closed" | "prevented" | "charge_refunded" | "closed" => DisputeStage::Closed,
        _ => DisputeStage::Open,
    }
}

/// "customer paid EUR 50.00" (or, on money going back to them, "customer got back EUR 10.00") when the customer
/// paid in another currency than the row is read in.
fn paid_note(txn: &Txn, customer: Customer) -> Option<String> {
    let (Some(amount), Some(currency)) = (customer.amount, customer.currency) else {
        return None;
    };
    let back = amount < Decimal::ZERO || txn.amount.0 < Decimal::ZERO;
    let verb = if back { "got back" } else { "paid" };
    (currency != txn.currency).then(|| format!("customer {verb} {currency} {}", amount.abs()))
}

/// Appends `note` to the row's description, after ` · `.
fn add_note(txn: &mut Txn, note: &str) {
    txn.description = Some(match txn.description.as_deref() {
        Some(text) if !text.is_empty() => format!("{text} · {note}").into(),
        _ => note.into(),
    });
}

/// Says the dispute in the sale's description and, when it was lost, gives the chargeback: the sale's refund
/// ([`refund_of`]) of the disputed amount in the row's currency, at the dispute date, described like the sale.
fn dispute_of(sale: &mut Txn, customer: Option<Customer>, dispute: &Dispute) -> Option<Txn> {
    let stage = dispute_stage(&dispute.status);
    let paid_in = customer.and_then(|c| c.currency).unwrap_or(sale.currency);
    let disputed = match dispute.amount {
        Some(amount) => format!("{paid_in} {amount}"),
        None => format!("{} {}", sale.currency, sale.amount.0.abs()),
    };
    let taken = taken_back(sale, customer, dispute.amount);
    let note = match (stage, taken) {
        (DisputeStage::Lost, Some(taken)) if dispute.amount.is_some() && paid_in != sale.currency => {
            format!(
                "dispute lost: {disputed} taken back, {} {taken} at the charge's rate",
                sale.currency
            )
        }
        (DisputeStage::Lost, Some(_)) => format!("dispute lost: {disputed} taken back"),
        (DisputeStage::Lost, None) => {
            format!(
                "dispute lost: {disputed} taken back (no rate to read it in {})",
                sale.currency
            )
        }
        (DisputeStage::Closed, _) => format!("dispute {}: {disputed} disputed", dispute.status),
        (DisputeStage::Open, _) if dispute.status.is_empty() => format!("dispute open: {disputed} disputed"),
        // An inquiry (Stripe's warning_…) moves no money; a chargeback holds the disputed money back.
        (DisputeStage::Open, _) if dispute.status.to_ascii_lowercase().starts_with("warning") => {
            format!("dispute inquiry open ({}): {disputed} disputed", dispute.status)
        }
        (DisputeStage::Open, _) => {
            format!(
                "dispute open ({}): {disputed} disputed, held back until decided",
                dispute.status
            )
        }
    };
    add_note(sale, &note);
    if stage != DisputeStage::Lost {
        return None;
    }
    refund_of(sale, taken?, dispute.when)
}

/// The disputed amount in the row's currency: as written when the customer paid in it (or the file does not
/// say), else converted at the charge's rate (row amount ÷ customer's amount), rounded to the row amount's
/// decimals; the whole charge when no amount is given. None when there is no rate to convert at.
fn taken_back(sale: &Txn, customer: Option<Customer>, disputed: Option<Decimal>) -> Option<Decimal> {
    let own = sale.amount.0.abs();
    let Some(disputed) = disputed else { return Some(own) };
    let Some(Customer {
        amount: paid,
        currency: Some(currency),
    }) = customer
    else {
        return Some(disputed);
    };
    if currency == sale.currency {
        return Some(disputed);
    }
    let paid = paid?.abs();
    if paid.is_zero() {
        return None;
    }
    let scale = sale.amount.0.scale();
    Some((disputed * own / paid).round_dp_with_strategy(scale, RoundingStrategy::MidpointAwayFromZero))
}

/// The refund a sale's row carries when `refunded` (as written, either sign) is more than zero: see the module
/// doc. None for anything but approved money in: a failed charge was never refunded, a row that is itself a
/// refund, void, fee or payout is not refunded again. Money in is a sale, or on the bank side (the export read
/// as the statement) a row of no particular kind.
pub fn refund_of(sale: &Txn, refunded: Decimal, when: Option<(NaiveDateTime, bool)>) -> Option<Txn> {
    let refunded = refunded.abs();
    let money_in = matches!(sale.kind, TxnKind::Sale | TxnKind::Other) && sale.amount.0 > Decimal::ZERO;
    if refunded.is_zero() || !money_in || sale.status != TxnStatus::Ok {
        return None;
    }
    let mut refund = sale.clone();
    refund.amount = Money(-refunded);
    refund.kind = TxnKind::Refund;
    refund.fee = Some(Money(Decimal::ZERO));
    refund.net = Some(Money(-refunded));
    refund.balance = None;
    if let Some((time, date_only)) = when {
        refund.time = time;
        refund.date_only = date_only;
    }
    Some(refund)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{RowRef, Side, SourceId};
    use rust_decimal_macros::dec;

    fn at(hour: u32) -> NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2026, 11, 24)
            .and_then(|d| d.and_hms_opt(hour, 0, 0))
            .unwrap_or_default()
    }

    fn sale(amount: Decimal) -> Txn {
        let mut t = Txn::new(
            RowRef {
                source: SourceId(2),
                line: 7,
            },
            Side::Terminal,
            at(15),
            Money(amount),
        );
        t.fee = Some(Money(dec!(0.66)));
        t.reference = Some("ch_2".into());
        t.card_masked = Some("4444".into());
        t.currency = Currency::USD;
        t
    }

    #[test]
    fn a_partly_refunded_sale_gives_a_refund_on_its_line_that_returns_no_fee() {
        let refund = refund_of(&sale(dec!(40.00)), dec!(15.00), None).expect("refund");
        assert_eq!(
            (refund.amount, refund.kind, refund.row),
            (Money(dec!(-15.00)), TxnKind::Refund, sale(dec!(1)).row)
        );
        assert_eq!(
            (refund.fee, refund.net),
            (Some(Money(dec!(0))), Some(Money(dec!(-15.00))))
        );
        assert_eq!(
            (refund.reference.as_deref(), refund.card_masked.as_deref()),
            (Some("ch_2"), Some("4444"))
        );
        assert_eq!(refund.time, at(15), "no refund date: the sale's time");
        // A refunded amount written negative reads the same; a refund date moves it.
        let later = refund_of(&sale(dec!(40.00)), dec!(-15.00), Some((at(18), false))).expect("refund");
        assert_eq!((later.amount, later.time), (Money(dec!(-15.00)), at(18)));
    }

    #[test]
    fn only_an_approved_sale_with_something_refunded_has_a_refund() {
        assert_eq!(refund_of(&sale(dec!(40.00)), dec!(0), None), None);
        let mut failed = sale(dec!(40.00));
        failed.status = TxnStatus::Declined;
        assert_eq!(refund_of(&failed, dec!(40.00), None), None);
        let mut refund = sale(dec!(-40.00));
        refund.kind = TxnKind::Refund;
        assert_eq!(refund_of(&refund, dec!(40.00), None), None);
    }

    #[test]
    fn the_customers_amount_is_said_only_in_another_currency_and_which_way_it_went() {
        let eur = |amount| Customer {
            amount: Some(amount),
            currency: Some(Currency::EUR),
        };
        assert_eq!(
            paid_note(&sale(dec!(54.90)), eur(dec!(50.00))).as_deref(),
            Some("customer paid EUR 50.00")
        );
        let back = Some("customer got back EUR 10.00");
        assert_eq!(paid_note(&sale(dec!(-10.98)), eur(dec!(-10.00))).as_deref(), back);
        assert_eq!(
            paid_note(&sale(dec!(-10.98)), eur(dec!(10.00))).as_deref(),
            back,
            "written unsigned"
        );
        let usd = Customer {
            amount: Some(dec!(54.90)),
            currency: Some(Currency::USD),
        };
        assert_eq!(paid_note(&sale(dec!(54.90)), usd), None, "the row's own currency");
    }

    #[test]
    fn dispute_words_are_read_as_lost_closed_or_open() {
        for word in ["lost", "LOST", "Chargeback", "charged back"] {
            assert_eq!(dispute_stage(word), DisputeStage::Lost, "{word}");
        }
        for word in ["won", "warning_closed", "prevented", "charge_refunded", "Closed"] {
            assert_eq!(dispute_stage(word), DisputeStage::Closed, "{word}");
        }
        for word in [
            "needs_response",
            "under_review",
            "Under review",
            "warning_needs_response",
            "",
            "pending",
        ] {
            assert_eq!(dispute_stage(word), DisputeStage::Open, "{word}");
        }
        let words = [" False ", "yes", "是", "maybe"].map(yes_or_no);
        assert_eq!(words, [Some(false), Some(true), Some(true), None]);
    }

    fn dispute(amount: Option<Decimal>, status: &str) -> Dispute {
        Dispute {
            amount,
            status: status.to_owned(),
            when: Some((at(19), false)),
        }
    }

    #[test]
    fn a_lost_dispute_is_a_chargeback_at_the_dispute_date_in_the_rows_currency() {
        let mut charge = sale(dec!(54.90));
        charge.description = Some("Order 1005".into());
        let eur = Some(Customer {
            amount: Some(dec!(50.00)),
            currency: Some(Currency::EUR),
        });
        let back = dispute_of(&mut charge, eur, &dispute(Some(dec!(20.00)), "lost")).expect("chargeback");
        // 20.00 of the customer's 50.00 EUR, at the charge's own rate (54.90 USD for 50.00 EUR).
        let got = (back.amount, back.kind, back.time, back.fee);
        assert_eq!(
            got,
            (Money(dec!(-21.96)), TxnKind::Refund, at(19), Some(Money(dec!(0))))
        );
        let said = "Order 1005 · dispute lost: EUR 20.00 taken back, USD 21.96 at the charge's rate";
        assert_eq!(
            (charge.description.as_deref(), back.description.as_deref()),
            (Some(said), Some(said))
        );
        // In the row's own currency, and with no amount given (the whole charge).
        let mut charge = sale(dec!(60.00));
        let back = dispute_of(&mut charge, None, &dispute(None, "lost")).expect("chargeback");
        let said = Some("dispute lost: USD 60.00 taken back");
        assert_eq!(
            (back.amount, charge.description.as_deref()),
            (Money(dec!(-60.00)), said)
        );
    }

    #[test]
    fn a_dispute_not_lost_gives_no_row_but_is_said_on_the_sale() {
        let mut charge = sale(dec!(30.00));
        assert_eq!(
            dispute_of(&mut charge, None, &dispute(Some(dec!(30.00)), "needs_response")),
            None
        );
        let said = "dispute open (needs_response): USD 30.00 disputed, held back until decided";
        assert_eq!(charge.description.as_deref(), Some(said));
        let mut charge = sale(dec!(30.00));
        charge.description = Some("Order 9".into());
        assert_eq!(dispute_of(&mut charge, None, &dispute(Some(dec!(30.00)), "won")), None);
        assert_eq!(
            charge.description.as_deref(),
            Some("Order 9 · dispute won: USD 30.00 disputed")
        );
        let mut charge = sale(dec!(30.00));
        assert_eq!(
            dispute_of(&mut charge, None, &dispute(Some(dec!(30.00)), "warning_needs_response")),
            None
        );
        let said = "dispute inquiry open (warning_needs_response): USD 30.00 disputed";
        assert_eq!(
            charge.description.as_deref(),
            Some(said),
            "an inquiry holds no money back"
        );
    }
}
