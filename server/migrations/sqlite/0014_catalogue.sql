-- The catalogue's offer: what a year of a package's major line costs (billing data,
-- read only by billing queries, so a page for anyone else never holds a price), and
-- the licence codes a vendor hands out, each activating a licence once.
CREATE TABLE catalogue_prices (
    package_id INTEGER PRIMARY KEY REFERENCES packages (id) ON DELETE CASCADE,
    price_cents INTEGER NOT NULL CHECK (price_cents >= 0),
    currency TEXT NOT NULL
);

CREATE TABLE licence_codes (
    id INTEGER PRIMARY KEY,
    code_hash TEXT NOT NULL UNIQUE,         -- keyed digest of the normalised code
    package_id INTEGER NOT NULL REFERENCES packages (id) ON DELETE CASCADE,
    major_version INTEGER NOT NULL CHECK (major_version >= 0),
    days INTEGER NOT NULL CHECK (days > 0),
    created_at INTEGER NOT NULL,
    redeemed_at INTEGER,
    workspace_id INTEGER REFERENCES workspaces (id) ON DELETE SET NULL
);

-- The payment provider's reference of the charge an invoice records, if it was paid
-- through the checkout.
ALTER TABLE invoices ADD COLUMN payment_reference TEXT;
