-- Events with everything a flyer and a calendar need; answers with a waitlist, a source, a
-- note, and what happened at the door.
--
-- Exchanged tables only grow (see 006): new columns go at the end with a default. rsvps is
-- rebuilt to widen its status CHECK, its columns kept in order.

-- Status: draft (not shown to the public), announced, cancelled, or tba ("date to be
-- announced": no start yet, or one not to be published). Existing undated events become tba
-- in the migration's hook (events.rs), recorded, so every laptop writes the same.
ALTER TABLE events ADD COLUMN subtitle TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN status TEXT NOT NULL DEFAULT 'announced'
    CHECK (status IN ('draft', 'announced', 'cancelled', 'tba'));
-- One entry a line: co-sponsors; the program (speakers or performers, "name: role");
-- featured prisoners or causes.
ALTER TABLE events ADD COLUMN cosponsors TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN program TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN causes TEXT NOT NULL DEFAULT '';
-- The languages spoken, as codes separated by commas ("en,fa").
ALTER TABLE events ADD COLUMN languages TEXT NOT NULL DEFAULT '';
-- A suggested donation or a ticket price, in the currency's minor unit; for a ticket, the value
-- of what it buys (a meal, a book), which a receipt must state.
ALTER TABLE events ADD COLUMN price_minor INTEGER CHECK (price_minor IS NULL OR price_minor >= 0);
ALTER TABLE events ADD COLUMN price_currency TEXT
    CHECK (price_currency IS NULL OR (length(price_currency) = 3 AND price_currency = upper(price_currency)));
ALTER TABLE events ADD COLUMN price_kind TEXT NOT NULL DEFAULT 'suggested'
    CHECK (price_kind IN ('suggested', 'ticket'));
ALTER TABLE events ADD COLUMN ticket_value_minor INTEGER
    CHECK (ticket_value_minor IS NULL OR ticket_value_minor >= 0);
-- The appeal collected at the event's table.
ALTER TABLE events ADD COLUMN appeal_id BLOB
    REFERENCES appeals (id) ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED;
-- iCalendar's SEQUENCE: raised by every change a calendar would show.
ALTER TABLE events ADD COLUMN sequence INTEGER NOT NULL DEFAULT 0 CHECK (sequence >= 0);

CREATE INDEX events_by_status ON events (status, starts_at);

-- Answers. Status words are iCalendar's PARTSTAT where one fits (accepted = going, tentative =
-- maybe, declined = not going, needs_action = no answer yet) plus waitlisted and cancelled.
CREATE TABLE new_rsvps (
    id            BLOB NOT NULL PRIMARY KEY CHECK (length(id) = 16),
    event_id      BLOB NOT NULL REFERENCES events (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    person_id     BLOB NOT NULL REFERENCES people (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    status        TEXT NOT NULL CHECK (status IN ('accepted', 'tentative', 'declined', 'needs_action',
                                                  'waitlisted', 'cancelled')),
    attendance    TEXT CHECK (attendance IS NULL OR attendance IN ('attended', 'no_show')),
    guests        INTEGER NOT NULL DEFAULT 0 CHECK (guests >= 0),  -- the party is 1 + guests
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    written_by    BLOB NOT NULL CHECK (length(written_by) = 16),
    -- typed (in the window or a script), import (a CSV file), walk_in (at the door)
    source        TEXT NOT NULL DEFAULT 'typed' CHECK (source IN ('typed', 'import', 'walk_in')),
    note          TEXT NOT NULL DEFAULT '',
    -- When they answered (a file's registration date); the waitlist's order. NULL: created_at.
    answered_at   TEXT,
    -- When attendance was set: the check-in, or the marking of no-shows (their undo finds them
    -- by it).
    attendance_at TEXT,
    -- How many of the party came in (the door counts them).
    arrived       INTEGER NOT NULL DEFAULT 0 CHECK (arrived >= 0),
    -- When a freed place moved this answer up from the waitlist.
    promoted_at   TEXT
) STRICT;

INSERT INTO new_rsvps (id, event_id, person_id, status, attendance, guests, created_at,
                       updated_at, written_by)
SELECT id, event_id, person_id, status, attendance, guests, created_at, updated_at, written_by
  FROM rsvps;
DROP INDEX rsvps_by_event_person;
DROP INDEX rsvps_by_person;
DROP TABLE rsvps;
ALTER TABLE new_rsvps RENAME TO rsvps;

-- One answer per person and event: kept by core, not by a UNIQUE constraint.
CREATE INDEX rsvps_by_event_person ON rsvps (event_id, person_id);
CREATE INDEX rsvps_by_person ON rsvps (person_id);
-- The going and the waitlist of an event (ordered by coalesce(answered_at, created_at)).
CREATE INDEX rsvps_by_event_status ON rsvps (event_id, status);

-- Door mode, like table mode, lives in local_settings (door_event): this laptop's own.
