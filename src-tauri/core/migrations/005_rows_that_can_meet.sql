-- Records from many laptops meet. Every table of campaign data is keyed by a UUID (16 bytes;
-- version 7 for new rows, the version-4 UUID a row already had for the rows converted here),
-- foreign keys point at UUIDs, and every row says when it was created, when it was last
-- written and by which laptop. SQLite's session extension records each write transaction as a
-- changeset, and it knows a row only by its declared primary key: a local integer would clash.
--
-- Natural keys that two laptops can both create (one signature per person and appeal, one answer
-- per person and event, an email) are NOT unique constraints: a bundle must never fail on one.
-- Core keeps them unique when it writes, and the merge resolves the ones that meet (sync/).
-- Foreign keys are checked at commit (DEFERRABLE INITIALLY DEFERRED), so that a merge can
-- resolve a row whose parent was removed on another laptop before the transaction ends.
--
-- The rows themselves are copied from the old tables by the hook of this migration (sync/
-- convert.rs), under a recording session, so that they become this laptop's first changeset
-- and a laptop joining later receives them too.

DROP INDEX people_by_name;
DROP INDEX people_by_email;
DROP INDEX people_by_country;
DROP INDEX signatures_by_person;
DROP INDEX events_by_start;
DROP INDEX rsvps_by_person;
DROP INDEX donations_by_person;
DROP INDEX donations_by_fund;
DROP INDEX donations_by_event;
DROP INDEX donations_by_date;

ALTER TABLE donations RENAME TO old_donations;
ALTER TABLE funds RENAME TO old_funds;
ALTER TABLE rsvps RENAME TO old_rsvps;
ALTER TABLE events RENAME TO old_events;
ALTER TABLE signatures RENAME TO old_signatures;
ALTER TABLE appeals RENAME TO old_appeals;
ALTER TABLE people RENAME TO old_people;
ALTER TABLE campaign RENAME TO old_campaign;

-- Exchanged between laptops -----------------------------------------------------------------

CREATE TABLE campaign (
    id            BLOB NOT NULL PRIMARY KEY CHECK (length(id) = 16),
    -- A file keeps one campaign; a bundle of another campaign is refused before it is applied.
    one           INTEGER NOT NULL DEFAULT 1 UNIQUE CHECK (one = 1),
    name          TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    written_by    BLOB NOT NULL CHECK (length(written_by) = 16)
) STRICT;

CREATE TABLE people (
    id            BLOB NOT NULL PRIMARY KEY CHECK (length(id) = 16),
    given_name    TEXT NOT NULL DEFAULT '',
    family_name   TEXT NOT NULL DEFAULT '',
    email         TEXT,
    phone         TEXT,
    city          TEXT,
    region        TEXT,
    postal_code   TEXT,
    country       TEXT CHECK (country IS NULL OR (length(country) = 2 AND country = upper(country))),
    organization  TEXT,
    title         TEXT,
    notes         TEXT,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    written_by    BLOB NOT NULL CHECK (length(written_by) = 16),
    CHECK (given_name <> '' OR family_name <> '')
) STRICT;

CREATE INDEX people_by_name ON people (family_name, given_name);
-- Same person means the same email, ignoring case (emails are stored trimmed).
CREATE INDEX people_by_email ON people (lower(email)) WHERE email IS NOT NULL;
CREATE INDEX people_by_country ON people (country) WHERE country IS NOT NULL;

-- A person merged into another (the same email arriving from two laptops, or an organizer's
-- merge): rows that arrive later and still point at the merged-away person are re-pointed.
CREATE TABLE person_merges (
    id            BLOB NOT NULL PRIMARY KEY CHECK (length(id) = 16),   -- the person merged away
    into_id       BLOB NOT NULL CHECK (length(into_id) = 16),          -- the person kept
    reason        TEXT NOT NULL CHECK (reason IN ('same_email', 'organizer')),
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    written_by    BLOB NOT NULL CHECK (length(written_by) = 16)
) STRICT;

CREATE TABLE appeals (
    id            BLOB NOT NULL PRIMARY KEY CHECK (length(id) = 16),
    title         TEXT NOT NULL CHECK (length(title) >= 1),
    body          TEXT NOT NULL DEFAULT '',
    published_on  TEXT,  -- a date as typed: YYYY-MM-DD
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    written_by    BLOB NOT NULL CHECK (length(written_by) = 16)
) STRICT;

CREATE TABLE signatures (
    id            BLOB NOT NULL PRIMARY KEY CHECK (length(id) = 16),
    appeal_id     BLOB NOT NULL REFERENCES appeals (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    person_id     BLOB NOT NULL REFERENCES people (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    signed_at     TEXT NOT NULL,
    source        TEXT NOT NULL CHECK (source IN ('table', 'paper', 'online', 'manual')),
    display       TEXT NOT NULL CHECK (display IN ('full', 'name_city', 'initials', 'hidden')),
    prominent     INTEGER NOT NULL DEFAULT 0 CHECK (prominent IN (0, 1)),
    statement     TEXT,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    written_by    BLOB NOT NULL CHECK (length(written_by) = 16)
) STRICT;

-- One signature per person and appeal: kept by core, not by a UNIQUE constraint (see above).
CREATE INDEX signatures_by_appeal_person ON signatures (appeal_id, person_id);
CREATE INDEX signatures_by_person ON signatures (person_id);

CREATE TABLE events (
    id             BLOB NOT NULL PRIMARY KEY CHECK (length(id) = 16),
    title          TEXT NOT NULL CHECK (length(title) >= 1),
    description    TEXT NOT NULL DEFAULT '',
    starts_at      TEXT,
    ends_at        TEXT,
    time_zone      TEXT NOT NULL,
    venue          TEXT,
    address        TEXT,
    city           TEXT,
    country        TEXT CHECK (country IS NULL OR (length(country) = 2 AND country = upper(country))),
    online_url     TEXT,
    capacity       INTEGER CHECK (capacity IS NULL OR capacity > 0),
    contact_phone  TEXT,
    contact_email  TEXT,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    written_by     BLOB NOT NULL CHECK (length(written_by) = 16),
    CHECK (ends_at IS NULL OR (starts_at IS NOT NULL AND ends_at >= starts_at))
) STRICT;

CREATE INDEX events_by_start ON events (starts_at);

CREATE TABLE rsvps (
    id            BLOB NOT NULL PRIMARY KEY CHECK (length(id) = 16),
    event_id      BLOB NOT NULL REFERENCES events (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    person_id     BLOB NOT NULL REFERENCES people (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    status        TEXT NOT NULL CHECK (status IN ('accepted', 'tentative', 'declined', 'needs_action')),
    attendance    TEXT CHECK (attendance IS NULL OR attendance IN ('attended', 'no_show')),
    guests        INTEGER NOT NULL DEFAULT 0 CHECK (guests >= 0),
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    written_by    BLOB NOT NULL CHECK (length(written_by) = 16)
) STRICT;

-- One answer per person and event: kept by core, not by a UNIQUE constraint.
CREATE INDEX rsvps_by_event_person ON rsvps (event_id, person_id);
CREATE INDEX rsvps_by_person ON rsvps (person_id);

CREATE TABLE funds (
    id            BLOB NOT NULL PRIMARY KEY CHECK (length(id) = 16),
    name          TEXT NOT NULL CHECK (length(name) >= 1),
    purpose       TEXT NOT NULL DEFAULT '',
    goal_minor    INTEGER CHECK (goal_minor IS NULL OR goal_minor > 0),
    currency      TEXT NOT NULL CHECK (length(currency) = 3 AND currency = upper(currency)),
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    written_by    BLOB NOT NULL CHECK (length(written_by) = 16)
) STRICT;

CREATE TABLE donations (
    id            BLOB NOT NULL PRIMARY KEY CHECK (length(id) = 16),
    person_id     BLOB REFERENCES people (id) ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED,
    fund_id       BLOB REFERENCES funds (id) ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED,
    event_id      BLOB REFERENCES events (id) ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED,
    amount_minor  INTEGER NOT NULL CHECK (amount_minor > 0),
    currency      TEXT NOT NULL CHECK (length(currency) = 3 AND currency = upper(currency)),
    fee_minor     INTEGER NOT NULL DEFAULT 0 CHECK (fee_minor >= 0 AND fee_minor <= amount_minor),
    method        TEXT NOT NULL CHECK (method IN ('cash', 'check', 'online', 'transfer', 'other')),
    received_on   TEXT NOT NULL,
    reference     TEXT,
    note          TEXT,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    written_by    BLOB NOT NULL CHECK (length(written_by) = 16)
) STRICT;

CREATE INDEX donations_by_person ON donations (person_id);
CREATE INDEX donations_by_fund ON donations (fund_id);
CREATE INDEX donations_by_event ON donations (event_id);
CREATE INDEX donations_by_date ON donations (received_on);

-- This laptop's own, never exchanged ---------------------------------------------------------

-- Who this laptop is, and its clock: a stamp is never smaller than one it handed out or received,
-- so a later edit always wins over the edit it saw (a hybrid logical clock).
CREATE TABLE sync_self (
    one           INTEGER NOT NULL PRIMARY KEY CHECK (one = 1),
    laptop        BLOB NOT NULL CHECK (length(laptop) = 16),
    clock         TEXT NOT NULL,
    passphrase    TEXT              -- the campaign's sync passphrase, once given on this laptop
) STRICT;

-- Every laptop heard of, this one included, with the name it goes by.
CREATE TABLE laptops (
    id            BLOB NOT NULL PRIMARY KEY CHECK (length(id) = 16),
    name          TEXT NOT NULL,
    heard_at      TEXT              -- when a bundle it made was last opened here
) STRICT;

-- Every changeset this laptop has, its own and those received, in the order it applied them
-- (a causal order): a bundle forwards them in this order.
CREATE TABLE sync_log (
    ord           INTEGER PRIMARY KEY,
    origin        BLOB NOT NULL CHECK (length(origin) = 16),
    seq           INTEGER NOT NULL CHECK (seq >= 1),
    stamp         TEXT NOT NULL,
    changes       BLOB NOT NULL,
    arrived_at    TEXT NOT NULL,
    UNIQUE (origin, seq)
) STRICT;

-- What each other laptop said, in its last bundle, that it has seen (its version vector).
CREATE TABLE peer_seen (
    peer          BLOB NOT NULL CHECK (length(peer) = 16),
    origin        BLOB NOT NULL CHECK (length(origin) = 16),
    seq           INTEGER NOT NULL,
    PRIMARY KEY (peer, origin)
) STRICT;

-- What a merge decided, for the organizer to review. Both versions are kept here.
CREATE TABLE sync_conflicts (
    id            INTEGER PRIMARY KEY,
    found_at      TEXT NOT NULL,
    origin        BLOB,             -- the laptop whose change met this one's
    table_name    TEXT NOT NULL,
    row_id        BLOB NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('edit_edit', 'edit_of_removed', 'removed_edited',
                  'second_signature', 'second_answer', 'same_email', 'parent_removed', 'refused')),
    kept          TEXT,             -- JSON: the version the database holds now (NULL: none)
    other         TEXT,             -- JSON: the version set aside
    money         INTEGER NOT NULL DEFAULT 0 CHECK (money IN (0, 1)),  -- for the treasurer
    reviewed_at   TEXT
) STRICT;

CREATE INDEX sync_conflicts_open ON sync_conflicts (reviewed_at, id);

-- Likely duplicates waiting for the organizer (the signer list's review queue). Derived here:
-- every laptop finds them itself.
CREATE TABLE duplicate_candidates (
    person_a      BLOB NOT NULL REFERENCES people (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    person_b      BLOB NOT NULL REFERENCES people (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    reason        TEXT NOT NULL CHECK (reason IN ('same_phone', 'same_name_city')),
    found_at      TEXT NOT NULL,
    status        TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'different', 'merged')),
    PRIMARY KEY (person_a, person_b),
    CHECK (person_a < person_b)
) STRICT;

CREATE INDEX duplicate_candidates_by_b ON duplicate_candidates (person_b);
