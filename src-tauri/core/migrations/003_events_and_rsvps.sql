-- Events and who answered. Start and end are UTC instants with the event's IANA zone beside
-- them; a start of NULL means "date to be announced".

CREATE TABLE events (
    id             INTEGER PRIMARY KEY,
    uuid           TEXT NOT NULL UNIQUE,
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
    CHECK (ends_at IS NULL OR (starts_at IS NOT NULL AND ends_at >= starts_at))
) STRICT;

CREATE INDEX events_by_start ON events (starts_at);

CREATE TABLE rsvps (
    id          INTEGER PRIMARY KEY,
    uuid        TEXT NOT NULL UNIQUE,
    event_id    INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    person_id   INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    -- the answer (iCalendar PARTSTAT words) and, after the event, whether they came
    status      TEXT NOT NULL CHECK (status IN ('accepted', 'tentative', 'declined', 'needs_action')),
    attendance  TEXT CHECK (attendance IS NULL OR attendance IN ('attended', 'no_show')),
    guests      INTEGER NOT NULL DEFAULT 0 CHECK (guests >= 0),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    UNIQUE (event_id, person_id)
) STRICT;

CREATE INDEX rsvps_by_person ON rsvps (person_id);
