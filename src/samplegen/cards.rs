//! Payment cards of the simulated customers: Luhn-valid 16–19-digit numbers from real Chinese and
//! international BIN ranges, masked the way acquirers export them (`622848******1234`), and a [`Wallet`] of
//! regular customers' cards that keeps every use of a card at least a given gap away from its other uses, so
//! normal shopping never looks like a double charge or card velocity.

use std::collections::BTreeSet;

use chrono::NaiveDateTime;
use rand::Rng;
use rand_chacha::ChaCha8Rng;

/// Issuer prefixes (BINs) and card lengths: ABC, ICBC, CCB debit (19 digits); CMB, CCB Visa, UnionPay
/// credit, BOC, ICBC (16 digits).
const BINS: &[(&str, usize)] = &[
    ("622848", 19),
    ("622202", 19),
    ("621700", 19),
    ("622588", 16),
    ("436742", 16),
    ("625807", 16),
    ("622609", 16),
    ("621483", 16),
];

/// One customer card: the full number (only ever written for the few rows that prove masking at import)
/// and its masked form.
#[derive(Clone, Debug)]
pub(crate) struct Card {
    pub number: String,
    pub masked: String,
}

/// The Luhn check digit for a number without its last digit.
pub(crate) fn luhn_check_digit(payload: &str) -> u32 {
    let mut sum = 0;
    for (i, d) in payload
        .bytes()
        .rev()
        .filter(u8::is_ascii_digit)
        .map(|b| u32::from(b - b'0'))
        .enumerate()
    {
        let v = if i % 2 == 0 { d * 2 } else { d };
        sum += if v > 9 { v - 9 } else { v };
    }
    (10 - sum % 10) % 10
}

/// True when the digits pass the Luhn check.
pub(crate) fn is_luhn_valid(number: &str) -> bool {
    match number.len().checked_sub(1) {
        Some(last) if number.bytes().all(|b| b.is_ascii_digit()) => {
            let check = number.as_bytes().get(last).map(|b| u32::from(b - b'0'));
            check == Some(luhn_check_digit(&number[..last]))
        }
        _ => false,
    }
}

/// First 6 + `******` + last 4, as Chinese acquirers print card numbers.
pub(crate) fn mask(number: &str) -> String {
    let head: String = number.chars().take(6).collect();
    let tail: String = number
        .chars()
        .rev()
        .take(4)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    format!("{head}******{tail}")
}

/// The cards of a shop's customers and when each was used.
pub(crate) struct Wallet {
    cards: Vec<Card>,
    uses: Vec<Vec<NaiveDateTime>>,
    masked_seen: BTreeSet<String>,
    regulars: usize,
}

impl Wallet {
    /// A wallet with `regulars` cards of returning customers; more cards are issued on demand.
    pub fn new(rng: &mut ChaCha8Rng, regulars: usize) -> Wallet {
        let mut wallet = Wallet {
            cards: Vec::new(),
            uses: Vec::new(),
            masked_seen: BTreeSet::new(),
            regulars,
        };
        for _ in 0..regulars {
            wallet.issue(rng);
        }
        wallet
    }

    /// A new card nobody has used yet (its masked form is unique in the wallet).
    pub fn issue(&mut self, rng: &mut ChaCha8Rng) -> usize {
        loop {
            let (bin, len) = BINS[rng.random_range(0..BINS.len())];
            let mut number = bin.to_string();
            while number.len() < len - 1 {
                number.push(char::from(b'0' + rng.random_range(0..10u8)));
            }
            let check = luhn_check_digit(&number);
            number.push(char::from_digit(check, 10).unwrap_or('0'));
            let masked = mask(&number);
            if self.masked_seen.insert(masked.clone()) {
                self.cards.push(Card { number, masked });
                self.uses.push(Vec::new());
                return self.cards.len() - 1;
            }
        }
    }

    pub fn card(&self, id: usize) -> &Card {
        &self.cards[id]
    }

    /// True when the card has no use closer than `gap_secs` to `time`.
    pub fn is_free(&self, id: usize, time: NaiveDateTime, gap_secs: i64) -> bool {
        self.uses[id]
            .iter()
            .all(|u| (time - *u).num_seconds().abs() >= gap_secs)
    }

    pub fn record_use(&mut self, id: usize, time: NaiveDateTime) {
        self.uses[id].push(time);
    }

    /// A card for a payment at `time`: mostly a returning customer's card (the first ones more often), else
    /// a new one; never a card used within `gap_secs` of `time`. The use is recorded.
    pub fn pick(&mut self, rng: &mut ChaCha8Rng, time: NaiveDateTime, gap_secs: i64) -> usize {
        for _ in 0..12 {
            if self.regulars == 0 || rng.random_range(0..100) < 15 {
                break;
            }
            // Skewed towards the first cards: a few very regular customers, many occasional ones.
            let a = rng.random_range(0..self.regulars);
            let b = rng.random_range(0..self.regulars);
            let id = a.min(b);
            if self.is_free(id, time, gap_secs) {
                self.record_use(id, time);
                return id;
            }
        }
        let id = self.issue(rng);
        self.record_use(id, time);
        id
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    #[test]
    fn issued_cards_are_luhn_valid_and_masked_six_four() {
        let mut rng = ChaCha8Rng::seed_from_u64(7);
        let mut wallet = Wallet::new(&mut rng, 50);
        for id in 0..50 {
            let card = wallet.card(id).clone();
            assert!(is_luhn_valid(&card.number), "{}", card.number);
            assert!((16..=19).contains(&card.number.len()));
            assert_eq!(card.masked.len(), 16);
            assert!(card.masked.starts_with(&card.number[..6]));
            assert!(card.masked.ends_with(&card.number[card.number.len() - 4..]));
        }
        let fresh = wallet.issue(&mut rng);
        assert_eq!(fresh, 50);
    }

    #[test]
    fn luhn_accepts_known_numbers_and_rejects_a_changed_digit() {
        assert!(is_luhn_valid("4111111111111111"));
        assert!(!is_luhn_valid("4111111111111112"));
        assert!(!is_luhn_valid("622848******1234"));
    }
}
