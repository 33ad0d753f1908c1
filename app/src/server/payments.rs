//! Payments behind the catalogue's checkout: the one interface a payment provider
//! implements for Packagento, and the test mode, the only provider so far, which
//! charges nothing.

use std::future::Future;
use std::pin::Pin;

/// A charge for a year of a licence.
#[derive(Debug, Clone, Copy)]
pub struct Charge<'a> {
    /// The workspace that pays.
    pub workspace_id: i64,
    /// What is bought, as the statement shows it.
    pub description: &'a str,
    /// In cents.
    pub amount_cents: i64,
    /// Its currency.
    pub currency: &'a str,
    /// The same for a retry of the same purchase: a provider charges it once.
    pub idempotency_key: &'a str,
}

/// Why a provider declined a charge, in words for the buyer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Declined(pub String);

/// The answer of [`PaymentProvider::charge`].
pub type Charged<'a> = Pin<Box<dyn Future<Output = Result<String, Declined>> + Send + 'a>>;

/// What a payment provider does for Packagento.
pub trait PaymentProvider: Send + Sync {
    /// Whether nothing is really charged (the checkout says so in words).
    fn test_mode(&self) -> bool;

    /// Charges `charge` once per idempotency key; answers the provider's reference of
    /// the payment, which the invoice keeps.
    fn charge<'a>(&'a self, charge: Charge<'a>) -> Charged<'a>;
}

/// The test-mode checkout: every charge succeeds at once and nothing leaves the
/// server; its references start with `test_`.
#[derive(Debug, Clone, Copy, Default)]
pub struct TestMode;

impl PaymentProvider for TestMode {
    fn test_mode(&self) -> bool {
        true
    }

    fn charge<'a>(&'a self, charge: Charge<'a>) -> Charged<'a> {
        Box::pin(async move { Ok(format!("test_{}", charge.idempotency_key)) })
    }
}
