-- A public appeal and who signed it. How a signer's name may be shown is the signer's choice,
-- kept on the signature: full name, name and city, initials, or not at all.

CREATE TABLE appeals (
    id            INTEGER PRIMARY KEY,
    uuid          TEXT NOT NULL UNIQUE,
    title         TEXT NOT NULL CHECK (length(title) >= 1),
    body          TEXT NOT NULL DEFAULT '',
    published_on  TEXT,  -- a date as typed: YYYY-MM-DD
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
) STRICT;

CREATE TABLE signatures (
    id          INTEGER PRIMARY KEY,
    uuid        TEXT NOT NULL UNIQUE,
    appeal_id   INTEGER NOT NULL REFERENCES appeals (id) ON DELETE CASCADE,
    person_id   INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    signed_at   TEXT NOT NULL,
    source      TEXT NOT NULL CHECK (source IN ('table', 'paper', 'online', 'manual')),
    display     TEXT NOT NULL CHECK (display IN ('full', 'name_city', 'initials', 'hidden')),
    prominent   INTEGER NOT NULL DEFAULT 0 CHECK (prominent IN (0, 1)),
    statement   TEXT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    UNIQUE (appeal_id, person_id)
) STRICT;

CREATE INDEX signatures_by_person ON signatures (person_id);
