-- Appeals in several languages, their words kept by version; signatures that remember which
-- words their signer saw; consent as a record; paper sheets; this laptop's table-mode settings.
--
-- Exchanged tables only grow: a column is added at the end with a default, never dropped or
-- moved, because changesets recorded under an older schema are still forwarded and SQLite
-- applies them to a table with more trailing columns (the defaults fill the rest). A table may
-- be rebuilt to widen a CHECK, keeping its columns in order (signatures, below).

-- The words of an appeal in one language, one row a version. Changing the title, the text or
-- either consent wording adds a version; the old rows stay, and every signature points at the
-- row its signer saw. Versions count per language: a translation added later is its version 1.
CREATE TABLE appeal_texts (
    id              BLOB NOT NULL PRIMARY KEY CHECK (length(id) = 16),
    appeal_id       BLOB NOT NULL REFERENCES appeals (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    lang            TEXT NOT NULL CHECK (length(lang) BETWEEN 2 AND 3 AND lang = lower(lang)),
    version         INTEGER NOT NULL CHECK (version >= 1),
    title           TEXT NOT NULL CHECK (length(title) >= 1),
    body            TEXT NOT NULL DEFAULT '',
    consent         TEXT NOT NULL,  -- shown beside the signing button
    contact_consent TEXT NOT NULL,  -- beside the box "the campaign may write to me"
    words_hash      TEXT NOT NULL,  -- SHA-256 of the four texts above (appeals::words_hash)
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    written_by      BLOB NOT NULL CHECK (length(written_by) = 16)
) STRICT;

-- (appeal, lang, version) is a natural key kept by core: two laptops that edit the same words
-- at once both add a version; the newer row is the current one, and both stay readable.
CREATE INDEX appeal_texts_by_appeal ON appeal_texts (appeal_id, lang, version);

-- `title` and `body` of appeals stay as the list name and the words in the appeal's first
-- language (`lang`), kept in step by core, for readers that know only one language.
ALTER TABLE appeals ADD COLUMN slug TEXT;
ALTER TABLE appeals ADD COLUMN status TEXT NOT NULL DEFAULT 'open'
    CHECK (status IN ('draft', 'open', 'closed'));
ALTER TABLE appeals ADD COLUMN goal INTEGER CHECK (goal IS NULL OR goal > 0);
ALTER TABLE appeals ADD COLUMN lang TEXT NOT NULL DEFAULT 'en';

-- The paper sheets a table collected, numbered per appeal, with who typed them in.
CREATE TABLE paper_sheets (
    id             BLOB NOT NULL PRIMARY KEY CHECK (length(id) = 16),
    appeal_id      BLOB NOT NULL REFERENCES appeals (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    number         INTEGER NOT NULL CHECK (number >= 1),
    event_id       BLOB REFERENCES events (id) ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED,
    rows_on_paper  INTEGER CHECK (rows_on_paper IS NULL OR rows_on_paper >= 0),
    typed_by       TEXT,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    written_by     BLOB NOT NULL CHECK (length(written_by) = 16)
) STRICT;

-- (appeal, number) is a natural key kept by core.
CREATE INDEX paper_sheets_by_appeal ON paper_sheets (appeal_id, number);

-- Signatures, rebuilt to admit 'import' as a source; the old columns keep their order.
CREATE TABLE new_signatures (
    id            BLOB NOT NULL PRIMARY KEY CHECK (length(id) = 16),
    appeal_id     BLOB NOT NULL REFERENCES appeals (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    person_id     BLOB NOT NULL REFERENCES people (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    signed_at     TEXT NOT NULL,
    source        TEXT NOT NULL CHECK (source IN ('table', 'paper', 'online', 'import', 'manual')),
    display       TEXT NOT NULL CHECK (display IN ('full', 'name_city', 'initials', 'hidden')),
    prominent     INTEGER NOT NULL DEFAULT 0 CHECK (prominent IN (0, 1)),
    statement     TEXT,   -- a prominent signer's approved statement or quote
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    written_by    BLOB NOT NULL CHECK (length(written_by) = 16),
    -- The words the signer saw (NULL for signatures collected before versions were kept).
    text_id       BLOB REFERENCES appeal_texts (id) ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED,
    words_hash    TEXT,
    event_id      BLOB REFERENCES events (id) ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED,
    sheet_id      BLOB REFERENCES paper_sheets (id) ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED,
    sheet_row     INTEGER CHECK (sheet_row IS NULL OR sheet_row >= 1),
    entered_by    TEXT,   -- the volunteer who typed it; NULL when the signer typed it at a table
    featured      INTEGER NOT NULL DEFAULT 0 CHECK (featured IN (0, 1)),
    display_order INTEGER  -- among prominent signers, smaller first
) STRICT;

INSERT INTO new_signatures (id, appeal_id, person_id, signed_at, source, display, prominent,
                            statement, created_at, updated_at, written_by)
SELECT id, appeal_id, person_id, signed_at, source, display, prominent, statement, created_at,
       updated_at, written_by
  FROM signatures;
DROP INDEX signatures_by_appeal_person;
DROP INDEX signatures_by_person;
DROP TABLE signatures;
ALTER TABLE new_signatures RENAME TO signatures;

-- One signature per person and appeal: kept by core, not by a UNIQUE constraint.
CREATE INDEX signatures_by_appeal_person ON signatures (appeal_id, person_id);
CREATE INDEX signatures_by_person ON signatures (person_id);
CREATE INDEX signatures_by_sheet ON signatures (sheet_id, sheet_row) WHERE sheet_id IS NOT NULL;

-- Consent is a record, never a flag (GDPR Art. 7 and 9: a signature is a political opinion).
-- Each row is one act: given or withdrawn, for signing or for being written to, with when,
-- how, by whom and the exact words shown. Rows are only added; the latest act counts.
CREATE TABLE consents (
    id            BLOB NOT NULL PRIMARY KEY CHECK (length(id) = 16),
    person_id     BLOB NOT NULL REFERENCES people (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    appeal_id     BLOB REFERENCES appeals (id) ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED,
    purpose       TEXT NOT NULL CHECK (purpose IN ('signature', 'contact')),
    given         INTEGER NOT NULL CHECK (given IN (0, 1)),
    at            TEXT NOT NULL,
    how           TEXT NOT NULL CHECK (how IN ('table', 'paper', 'online', 'import', 'manual')),
    wording       TEXT NOT NULL,
    words_hash    TEXT NOT NULL,
    lang          TEXT,
    text_id       BLOB REFERENCES appeal_texts (id) ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED,
    event_id      BLOB REFERENCES events (id) ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED,
    recorded_by   TEXT,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    written_by    BLOB NOT NULL CHECK (length(written_by) = 16)
) STRICT;

CREATE INDEX consents_by_person ON consents (person_id, purpose, at);

-- This laptop's own settings (the table-mode PIN's Argon2id hash, the idle time, failed PIN
-- tries): never exchanged, since each laptop on a table has its own organizer.
CREATE TABLE local_settings (
    key           TEXT NOT NULL PRIMARY KEY,
    value         TEXT NOT NULL
) STRICT;
