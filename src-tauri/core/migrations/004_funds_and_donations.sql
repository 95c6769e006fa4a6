-- Money is an integer count of the currency's minor unit beside its ISO 4217 code. Never a float.

CREATE TABLE funds (
    id          INTEGER PRIMARY KEY,
    uuid        TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL UNIQUE CHECK (length(name) >= 1),
    purpose     TEXT NOT NULL DEFAULT '',
    goal_minor  INTEGER CHECK (goal_minor IS NULL OR goal_minor > 0),
    currency    TEXT NOT NULL CHECK (length(currency) = 3 AND currency = upper(currency)),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;

CREATE TABLE donations (
    id            INTEGER PRIMARY KEY,
    uuid          TEXT NOT NULL UNIQUE,
    person_id     INTEGER REFERENCES people (id) ON DELETE SET NULL,  -- NULL: anonymous, e.g. cash in a jar
    fund_id       INTEGER REFERENCES funds (id) ON DELETE RESTRICT,   -- NULL: unrestricted
    event_id      INTEGER REFERENCES events (id) ON DELETE SET NULL,  -- taken at this event's table
    amount_minor  INTEGER NOT NULL CHECK (amount_minor > 0),
    currency      TEXT NOT NULL CHECK (length(currency) = 3 AND currency = upper(currency)),
    fee_minor     INTEGER NOT NULL DEFAULT 0 CHECK (fee_minor >= 0 AND fee_minor <= amount_minor),
    method        TEXT NOT NULL CHECK (method IN ('cash', 'check', 'online', 'transfer', 'other')),
    received_on   TEXT NOT NULL,  -- a date: YYYY-MM-DD
    reference     TEXT,           -- check number or platform transaction id
    note          TEXT,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
) STRICT;

CREATE INDEX donations_by_person ON donations (person_id);
CREATE INDEX donations_by_fund ON donations (fund_id);
CREATE INDEX donations_by_event ON donations (event_id);
CREATE INDEX donations_by_date ON donations (received_on);
