//! What the rules run over: the [`Ledger`] of the rows that take part, and the facts several rules share, each
//! worked out once and only when a rule first asks for it — the sale behind every refund (`refund_origin`, for
//! the three refund rules) and where every terminal and merchant ID was seen (`newcomers`, for the two
//! unknown-ID rules). Kept apart from the ledger, which those facts are worked out from.

use std::cell::OnceCell;

use super::RuleInput;
use super::ledger::Ledger;
use super::newcomers::IdSurvey;
use super::refund_origin::{self, RefundCheck};

/// The ledger and the facts worked out from it on first use.
pub(super) struct Facts<'a> {
    pub ledger: Ledger<'a>,
    refund_checks: OnceCell<Vec<RefundCheck>>,
    id_survey: OnceCell<IdSurvey<'a>>,
}

impl<'a> Facts<'a> {
    pub fn new(input: &'a RuleInput<'a>) -> Facts<'a> {
        Facts {
            ledger: Ledger::new(input),
            refund_checks: OnceCell::new(),
            id_survey: OnceCell::new(),
        }
    }

    /// Every refund with a card or a reference, and the sale it gives money back for (worked out once).
    pub fn refund_checks(&self) -> &[RefundCheck] {
        self.refund_checks.get_or_init(|| refund_origin::trace(&self.ledger))
    }

    /// Every terminal and merchant ID and where it was seen (worked out once).
    pub fn id_survey(&self) -> &IdSurvey<'a> {
        self.id_survey.get_or_init(|| IdSurvey::new(self.ledger.input.terminal))
    }
}
