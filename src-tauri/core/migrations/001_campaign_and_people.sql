-- The campaign this file belongs to (one row), and the people every role hangs off:
-- a signer who later RSVPs and gives is one row here, never three strangers.
-- Times are UTC in RFC 3339 with milliseconds; every row a person creates has a UUID so that
-- records from two laptops can later be merged.

CREATE TABLE campaign (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    uuid        TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;

CREATE TABLE people (
    id            INTEGER PRIMARY KEY,
    uuid          TEXT NOT NULL UNIQUE,
    given_name    TEXT NOT NULL DEFAULT '',
    family_name   TEXT NOT NULL DEFAULT '',
    email         TEXT,
    phone         TEXT,
    city          TEXT,
    region        TEXT,
    postal_code   TEXT,
    -- ISO 3166-1 alpha-2
    country       TEXT CHECK (country IS NULL OR (length(country) = 2 AND country = upper(country))),
    organization  TEXT,
    title         TEXT,
    notes         TEXT,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    CHECK (given_name <> '' OR family_name <> '')
) STRICT;

CREATE INDEX people_by_name ON people (family_name, given_name);
CREATE INDEX people_by_email ON people (email) WHERE email IS NOT NULL;
CREATE INDEX people_by_country ON people (country) WHERE country IS NOT NULL;
