-- Money: gifts with everything a treasurer and a receipt need, voided and corrected rather than
-- deleted, with an audit trail; funds with a deadline; expenses; an event table's cash box;
-- the organization that issues receipts; exchange rates for estimates.
--
-- Exchanged tables only grow (see 006): donations is rebuilt to widen its method CHECK and to
-- let a gift in kind carry no value, its columns kept in order; new columns go at the end.
-- Amounts are integers of the currency's minor unit, never floats.

CREATE TABLE new_donations (
    id            BLOB NOT NULL PRIMARY KEY CHECK (length(id) = 16),
    person_id     BLOB REFERENCES people (id) ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED,
    fund_id       BLOB REFERENCES funds (id) ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED,
    event_id      BLOB REFERENCES events (id) ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED,
    -- Zero only for a gift in kind, which is described and never valued.
    amount_minor  INTEGER NOT NULL CHECK (amount_minor > 0 OR (amount_minor = 0 AND method = 'in_kind')),
    currency      TEXT NOT NULL CHECK (length(currency) = 3 AND currency = upper(currency)),
    fee_minor     INTEGER NOT NULL DEFAULT 0 CHECK (fee_minor >= 0 AND fee_minor <= amount_minor),
    method        TEXT NOT NULL CHECK (method IN ('cash', 'check', 'card', 'transfer', 'online',
                                                  'in_kind', 'other')),
    received_on   TEXT NOT NULL,  -- a date: YYYY-MM-DD
    reference     TEXT,           -- a check's number, a bank transfer's reference
    note          TEXT,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    written_by    BLOB NOT NULL CHECK (length(written_by) = 16),
    -- An anonymous gift may still carry a name the donor gave ("a friend from Oakland").
    donor_name    TEXT NOT NULL DEFAULT '',
    -- The online platform's transaction id: an import is idempotent by it (kept by core).
    transaction_id TEXT,
    -- A gift in kind: what was given (no value is recorded).
    in_kind       TEXT NOT NULL DEFAULT '',
    source_code   TEXT NOT NULL DEFAULT '',
    -- Goods or services given in return (a ticket's dinner, a book): a receipt states it.
    returned_minor INTEGER NOT NULL DEFAULT 0 CHECK (returned_minor >= 0 AND returned_minor <= amount_minor),
    -- gift, or sale (a book or a ticket sold at the table: money in, not a donation).
    kind          TEXT NOT NULL DEFAULT 'gift' CHECK (kind IN ('gift', 'sale')),
    recurring     INTEGER NOT NULL DEFAULT 0 CHECK (recurring IN (0, 1)),
    -- Who typed it in (a person's name, not a login).
    entered_by    TEXT NOT NULL DEFAULT '',
    -- Voided with a reason: it stays listed and counts nowhere.
    voided_at     TEXT,
    void_reason   TEXT NOT NULL DEFAULT '',
    -- Money given back (a platform's refund): counted against the gift.
    refunded_minor INTEGER NOT NULL DEFAULT 0 CHECK (refunded_minor >= 0 AND refunded_minor <= amount_minor),
    refunded_on   TEXT
) STRICT;

INSERT INTO new_donations (id, person_id, fund_id, event_id, amount_minor, currency, fee_minor,
                           method, received_on, reference, note, created_at, updated_at,
                           written_by)
SELECT id, person_id, fund_id, event_id, amount_minor, currency, fee_minor, method, received_on,
       reference, note, created_at, updated_at, written_by
  FROM donations;
DROP INDEX donations_by_person;
DROP INDEX donations_by_fund;
DROP INDEX donations_by_event;
DROP INDEX donations_by_date;
DROP TABLE donations;
ALTER TABLE new_donations RENAME TO donations;

CREATE INDEX donations_by_person ON donations (person_id);
CREATE INDEX donations_by_event ON donations (event_id, method, currency);
CREATE INDEX donations_by_transaction ON donations (transaction_id) WHERE transaction_id IS NOT NULL;
-- The ledger reads by date; a fund's running balance walks the second without touching rows.
-- (The totals come from money_sums, below.)
CREATE INDEX donations_by_date ON donations (received_on, id);
CREATE INDEX donations_by_fund ON donations (fund_id, currency, received_on, id, amount_minor, refunded_minor, fee_minor)
    WHERE voided_at IS NULL;

-- A fund's short name (for scripts: --fund SLUG; kept unique by core) and its deadline.
ALTER TABLE funds ADD COLUMN slug TEXT;
ALTER TABLE funds ADD COLUMN deadline TEXT;

-- Money spent, from a fund or from unrestricted money.
CREATE TABLE expenses (
    id            BLOB NOT NULL PRIMARY KEY CHECK (length(id) = 16),
    fund_id       BLOB REFERENCES funds (id) ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED,
    event_id      BLOB REFERENCES events (id) ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED,
    amount_minor  INTEGER NOT NULL CHECK (amount_minor > 0),
    currency      TEXT NOT NULL CHECK (length(currency) = 3 AND currency = upper(currency)),
    paid_on       TEXT NOT NULL,
    payee         TEXT NOT NULL CHECK (length(payee) >= 1),
    category      TEXT NOT NULL DEFAULT '',
    method        TEXT NOT NULL CHECK (method IN ('cash', 'check', 'card', 'transfer', 'online', 'other')),
    reference     TEXT,
    note          TEXT,
    entered_by    TEXT NOT NULL DEFAULT '',
    voided_at     TEXT,
    void_reason   TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    written_by    BLOB NOT NULL CHECK (length(written_by) = 16)
) STRICT;

CREATE INDEX expenses_by_date ON expenses (paid_on, id);
CREATE INDEX expenses_by_fund ON expenses (fund_id, currency, paid_on, id, amount_minor)
    WHERE voided_at IS NULL;

-- An event table's cash box: the float, then the count at the end. What was expected (float +
-- cash gifts + cash sales recorded at the event) is frozen at the close. A closed count is never
-- changed: a correction is a new count pointing at the one it corrects.
CREATE TABLE cash_counts (
    id             BLOB NOT NULL PRIMARY KEY CHECK (length(id) = 16),
    event_id       BLOB REFERENCES events (id) ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED,
    event_title    TEXT NOT NULL DEFAULT '',  -- kept should the event be removed
    currency       TEXT NOT NULL CHECK (length(currency) = 3 AND currency = upper(currency)),
    float_minor    INTEGER NOT NULL CHECK (float_minor >= 0),
    opened_by      TEXT NOT NULL DEFAULT '',
    opened_at      TEXT NOT NULL,
    -- {"2000": 3, "25": 4}: a note or coin's value in minor units, and how many.
    denominations  TEXT NOT NULL DEFAULT '',
    counted_minor  INTEGER CHECK (counted_minor IS NULL OR counted_minor >= 0),
    gifts_minor    INTEGER,
    sales_minor    INTEGER,
    expected_minor INTEGER,
    counted_by     TEXT NOT NULL DEFAULT '',
    second_counter TEXT NOT NULL DEFAULT '',
    closed_at      TEXT,
    note           TEXT NOT NULL DEFAULT '',
    corrects       BLOB REFERENCES cash_counts (id) ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    written_by     BLOB NOT NULL CHECK (length(written_by) = 16)
) STRICT;

CREATE INDEX cash_counts_by_event ON cash_counts (event_id, currency);
CREATE INDEX cash_counts_by_correction ON cash_counts (corrects);

-- Every change to money, kept: who, when, on which laptop, why, and the fields before and after
-- (JSON objects of the changed fields, amounts as decimal strings). Rows are only ever added.
CREATE TABLE money_audit (
    id            BLOB NOT NULL PRIMARY KEY CHECK (length(id) = 16),
    subject_table TEXT NOT NULL CHECK (subject_table IN ('donations', 'expenses', 'funds',
                                                         'cash_counts', 'receipts')),
    subject_id    BLOB NOT NULL CHECK (length(subject_id) = 16),
    action        TEXT NOT NULL CHECK (action IN ('created', 'corrected', 'voided', 'closed',
                                                  'refunded', 'issued', 'reissued', 'imported')),
    who           TEXT NOT NULL DEFAULT '',
    reason        TEXT NOT NULL DEFAULT '',
    before        TEXT NOT NULL DEFAULT '{}',
    after         TEXT NOT NULL DEFAULT '{}',
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    written_by    BLOB NOT NULL CHECK (length(written_by) = 16)
) STRICT;

CREATE INDEX money_audit_by_subject ON money_audit (subject_id, created_at);

-- Written acknowledgements. Numbers come from one unbroken series, given on one laptop (the
-- organization's `receipts_laptop`) so that two laptops never hand out the same number. A void
-- keeps its number; a copy keeps its number and counts the copies.
CREATE TABLE receipts (
    id            BLOB NOT NULL PRIMARY KEY CHECK (length(id) = 16),
    donation_id   BLOB NOT NULL REFERENCES donations (id) ON DELETE RESTRICT DEFERRABLE INITIALLY DEFERRED,
    number        INTEGER NOT NULL CHECK (number >= 1),
    prefix        TEXT NOT NULL DEFAULT '',
    issued_by     TEXT NOT NULL DEFAULT '',
    copies        INTEGER NOT NULL DEFAULT 0 CHECK (copies >= 0),
    voided_at     TEXT,
    void_reason   TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    written_by    BLOB NOT NULL CHECK (length(written_by) = 16)
) STRICT;

CREATE INDEX receipts_by_donation ON receipts (donation_id);
CREATE INDEX receipts_by_number ON receipts (number);

-- The organization behind the campaign, as receipts name it. One row, its id derived from the
-- campaign's, so laptops that both save it write the same row.
CREATE TABLE organization (
    id              BLOB NOT NULL PRIMARY KEY CHECK (length(id) = 16),
    name            TEXT NOT NULL DEFAULT '',
    address         TEXT NOT NULL DEFAULT '',
    -- exempt (gifts may be deductible) or not_exempt (receipts say they are not).
    tax_status      TEXT NOT NULL DEFAULT 'not_exempt' CHECK (tax_status IN ('exempt', 'not_exempt')),
    -- Which acknowledgement rules apply: us_501c3 (the IRS's $250 and $75 rules) or other.
    tax_rules       TEXT NOT NULL DEFAULT 'other' CHECK (tax_rules IN ('us_501c3', 'other')),
    tax_id          TEXT NOT NULL DEFAULT '',
    receipt_wording TEXT NOT NULL DEFAULT '',
    home_currency   TEXT CHECK (home_currency IS NULL OR (length(home_currency) = 3 AND home_currency = upper(home_currency))),
    receipt_prefix  TEXT NOT NULL DEFAULT '',
    receipts_laptop BLOB CHECK (receipts_laptop IS NULL OR length(receipts_laptop) = 16),
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    written_by      BLOB NOT NULL CHECK (length(written_by) = 16)
) STRICT;

-- What one unit of a currency is worth in the home currency, as the treasurer typed it, for
-- estimates only. The id is derived from the currency, so laptops meet on one row each.
CREATE TABLE exchange_rates (
    id            BLOB NOT NULL PRIMARY KEY CHECK (length(id) = 16),
    currency      TEXT NOT NULL CHECK (length(currency) = 3 AND currency = upper(currency)),
    rate          TEXT NOT NULL,  -- a decimal string, "1.0825"
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    written_by    BLOB NOT NULL CHECK (length(written_by) = 16)
) STRICT;

-- This laptop's own, never exchanged -----------------------------------------------------------

-- A merge may now also find two gifts of one platform transaction (settle.rs): the conflict
-- kinds widen, the table rebuilt with its columns as they were.
CREATE TABLE new_sync_conflicts (
    id            INTEGER PRIMARY KEY,
    found_at      TEXT NOT NULL,
    origin        BLOB,
    table_name    TEXT NOT NULL,
    row_id        BLOB NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('edit_edit', 'edit_of_removed', 'removed_edited',
                  'second_signature', 'second_answer', 'same_email', 'parent_removed', 'refused',
                  'same_transaction')),
    kept          TEXT,
    other         TEXT,
    money         INTEGER NOT NULL DEFAULT 0 CHECK (money IN (0, 1)),
    reviewed_at   TEXT
) STRICT;
INSERT INTO new_sync_conflicts SELECT * FROM sync_conflicts;
DROP INDEX sync_conflicts_open;
DROP TABLE sync_conflicts;
ALTER TABLE new_sync_conflicts RENAME TO sync_conflicts;
CREATE INDEX sync_conflicts_open ON sync_conflicts (reviewed_at, id);

-- The money totals, kept by triggers so that the Money screen's sums read a few hundred rows
-- rather than every gift: one row per fund, currency, month, method and event, with what
-- counts (voided gifts and expenses never do). Derived data, like the search index: every
-- write path keeps it, a bundle's application included. A sum that would overflow is refused
-- by the STRICT integer columns rather than kept as a float.
CREATE TABLE money_sums (
    k         TEXT NOT NULL PRIMARY KEY,
    fund_id   BLOB,
    currency  TEXT NOT NULL,
    month     TEXT NOT NULL,
    method    TEXT NOT NULL,
    event_id  BLOB,
    raised    INTEGER NOT NULL DEFAULT 0,  -- gifts and sales less refunds
    fees      INTEGER NOT NULL DEFAULT 0,
    refunded  INTEGER NOT NULL DEFAULT 0,
    gifts     INTEGER NOT NULL DEFAULT 0,
    spent     INTEGER NOT NULL DEFAULT 0,
    expenses  INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TRIGGER money_sums_gift_in AFTER INSERT ON donations WHEN NEW.voided_at IS NULL BEGIN
    INSERT INTO money_sums (k, fund_id, currency, month, method, event_id, raised, fees, refunded, gifts)
    VALUES (coalesce(hex(NEW.fund_id), '') || '|' || NEW.currency || '|' || substr(NEW.received_on, 1, 7)
                || '|' || NEW.method || '|' || coalesce(hex(NEW.event_id), ''),
            NEW.fund_id, NEW.currency, substr(NEW.received_on, 1, 7), NEW.method, NEW.event_id,
            NEW.amount_minor - NEW.refunded_minor, NEW.fee_minor, NEW.refunded_minor, 1)
    ON CONFLICT (k) DO UPDATE SET raised = raised + excluded.raised, fees = fees + excluded.fees,
        refunded = refunded + excluded.refunded, gifts = gifts + 1;
END;

CREATE TRIGGER money_sums_gift_out AFTER DELETE ON donations WHEN OLD.voided_at IS NULL BEGIN
    UPDATE money_sums SET raised = raised - (OLD.amount_minor - OLD.refunded_minor),
        fees = fees - OLD.fee_minor, refunded = refunded - OLD.refunded_minor, gifts = gifts - 1
     WHERE k = coalesce(hex(OLD.fund_id), '') || '|' || OLD.currency || '|' || substr(OLD.received_on, 1, 7)
                || '|' || OLD.method || '|' || coalesce(hex(OLD.event_id), '');
END;

-- An update takes the old row out and puts the new one in (a void only takes it out).
CREATE TRIGGER money_sums_gift_was AFTER UPDATE ON donations WHEN OLD.voided_at IS NULL BEGIN
    UPDATE money_sums SET raised = raised - (OLD.amount_minor - OLD.refunded_minor),
        fees = fees - OLD.fee_minor, refunded = refunded - OLD.refunded_minor, gifts = gifts - 1
     WHERE k = coalesce(hex(OLD.fund_id), '') || '|' || OLD.currency || '|' || substr(OLD.received_on, 1, 7)
                || '|' || OLD.method || '|' || coalesce(hex(OLD.event_id), '');
END;

CREATE TRIGGER money_sums_gift_is AFTER UPDATE ON donations WHEN NEW.voided_at IS NULL BEGIN
    INSERT INTO money_sums (k, fund_id, currency, month, method, event_id, raised, fees, refunded, gifts)
    VALUES (coalesce(hex(NEW.fund_id), '') || '|' || NEW.currency || '|' || substr(NEW.received_on, 1, 7)
                || '|' || NEW.method || '|' || coalesce(hex(NEW.event_id), ''),
            NEW.fund_id, NEW.currency, substr(NEW.received_on, 1, 7), NEW.method, NEW.event_id,
            NEW.amount_minor - NEW.refunded_minor, NEW.fee_minor, NEW.refunded_minor, 1)
    ON CONFLICT (k) DO UPDATE SET raised = raised + excluded.raised, fees = fees + excluded.fees,
        refunded = refunded + excluded.refunded, gifts = gifts + 1;
END;

CREATE TRIGGER money_sums_expense_in AFTER INSERT ON expenses WHEN NEW.voided_at IS NULL BEGIN
    INSERT INTO money_sums (k, fund_id, currency, month, method, event_id, spent, expenses)
    VALUES (coalesce(hex(NEW.fund_id), '') || '|' || NEW.currency || '|' || substr(NEW.paid_on, 1, 7)
                || '|' || NEW.method || '|' || coalesce(hex(NEW.event_id), ''),
            NEW.fund_id, NEW.currency, substr(NEW.paid_on, 1, 7), NEW.method, NEW.event_id,
            NEW.amount_minor, 1)
    ON CONFLICT (k) DO UPDATE SET spent = spent + excluded.spent, expenses = expenses + 1;
END;

CREATE TRIGGER money_sums_expense_out AFTER DELETE ON expenses WHEN OLD.voided_at IS NULL BEGIN
    UPDATE money_sums SET spent = spent - OLD.amount_minor, expenses = expenses - 1
     WHERE k = coalesce(hex(OLD.fund_id), '') || '|' || OLD.currency || '|' || substr(OLD.paid_on, 1, 7)
                || '|' || OLD.method || '|' || coalesce(hex(OLD.event_id), '');
END;

CREATE TRIGGER money_sums_expense_was AFTER UPDATE ON expenses WHEN OLD.voided_at IS NULL BEGIN
    UPDATE money_sums SET spent = spent - OLD.amount_minor, expenses = expenses - 1
     WHERE k = coalesce(hex(OLD.fund_id), '') || '|' || OLD.currency || '|' || substr(OLD.paid_on, 1, 7)
                || '|' || OLD.method || '|' || coalesce(hex(OLD.event_id), '');
END;

CREATE TRIGGER money_sums_expense_is AFTER UPDATE ON expenses WHEN NEW.voided_at IS NULL BEGIN
    INSERT INTO money_sums (k, fund_id, currency, month, method, event_id, spent, expenses)
    VALUES (coalesce(hex(NEW.fund_id), '') || '|' || NEW.currency || '|' || substr(NEW.paid_on, 1, 7)
                || '|' || NEW.method || '|' || coalesce(hex(NEW.event_id), ''),
            NEW.fund_id, NEW.currency, substr(NEW.paid_on, 1, 7), NEW.method, NEW.event_id,
            NEW.amount_minor, 1)
    ON CONFLICT (k) DO UPDATE SET spent = spent + excluded.spent, expenses = expenses + 1;
END;

-- The gifts already there (rebuilt above, before the triggers existed).
INSERT INTO money_sums (k, fund_id, currency, month, method, event_id, raised, fees, refunded, gifts)
SELECT coalesce(hex(fund_id), '') || '|' || currency || '|' || substr(received_on, 1, 7) || '|' || method
           || '|' || coalesce(hex(event_id), ''),
       fund_id, currency, substr(received_on, 1, 7), method, event_id,
       sum(amount_minor - refunded_minor), sum(fee_minor), sum(refunded_minor), count(*)
  FROM donations WHERE voided_at IS NULL
 GROUP BY fund_id, currency, substr(received_on, 1, 7), method, event_id;
