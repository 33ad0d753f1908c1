//! What the billing section receives: subscriptions, invoices and refunds.

use serde::{Deserialize, Serialize};

/// Where a refund request stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum RefundStatus {
    /// Waiting for Packagento.
    Requested,
    /// Refunded.
    Approved,
    /// Not refunded.
    Declined,
}

impl RefundStatus {
    const ALL: [Self; 3] = [Self::Requested, Self::Approved, Self::Declined];

    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Requested => "requested",
            Self::Approved => "approved",
            Self::Declined => "declined",
        }
    }

    /// The words pages show.
    pub fn label(self) -> &'static str {
        match self {
            Self::Requested => "Refund requested",
            Self::Approved => "Refunded",
            Self::Declined => "Refund declined",
        }
    }

    /// The status a stored name stands for.
    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|status| status.as_str() == name)
    }
}

/// An invoice and its refund request, if any.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Invoice {
    /// The invoice.
    pub id: i64,
    /// Its number.
    pub number: String,
    /// When it was issued (Unix seconds).
    pub issued_at: i64,
    /// Its amount, formatted with the currency.
    pub amount: String,
    /// The refund requested for it, if any.
    pub refund: Option<RefundStatus>,
}

/// The subscription behind a licence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Subscription {
    /// The licence it pays for.
    pub licence_id: i64,
    /// The package, `vendor/name`.
    pub package: String,
    /// The licensed line, such as `2.x`.
    pub line: String,
    /// The yearly price, formatted with the currency.
    pub price: String,
    /// When the current period ends (Unix seconds).
    pub renews_at: i64,
    /// Whether it renews; false once cancelled.
    pub renewing: bool,
}

/// Everything the Billing section shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BillingOverview {
    /// Subscriptions, by package.
    pub subscriptions: Vec<Subscription>,
    /// Invoices, newest first.
    pub invoices: Vec<Invoice>,
}
