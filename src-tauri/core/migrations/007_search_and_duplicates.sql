-- The signer list at scale: a search index and matching keys kept beside every person, the
-- organizer's "these are different people", and a record of every organizer's merge that
-- can be undone.
--
-- The index and the keys are this laptop's own, derived data: triggers keep them in step with
-- `people` on every write, a bundle's included, through SQL functions the store registers on
-- its connection (search.rs: desk_search_words, desk_name_key, desk_reverse, desk_fold,
-- desk_mail_key, desk_phone_key). The words are folded in Rust (case, accents, ی/ي, ک/ك,
-- joiners), so the tokenizer only cuts them into trigrams: any part of a name finds it, in
-- any script, CJK included.

CREATE TABLE person_keys (
    n             INTEGER PRIMARY KEY,  -- the rowid of the person's words in people_search
    id            BLOB NOT NULL UNIQUE, -- the person
    name_key      TEXT NOT NULL,        -- folded words of the name, sorted: swapped names meet
    reversed_key  TEXT NOT NULL,        -- name_key backwards: a slip early in a name sorts near
    city_key      TEXT NOT NULL,        -- folded city, '' when none
    mail_key      TEXT,                 -- the mailbox, without the dots and +tags its provider ignores
    phone_key     TEXT,                 -- the last nine digits
    has_email     INTEGER NOT NULL
) STRICT;

CREATE INDEX person_keys_by_name ON person_keys (city_key, name_key);
CREATE INDEX person_keys_by_reversed ON person_keys (city_key, reversed_key);
CREATE INDEX person_keys_by_mail ON person_keys (mail_key) WHERE mail_key IS NOT NULL;
CREATE INDEX person_keys_by_phone ON person_keys (phone_key) WHERE phone_key IS NOT NULL;

-- Name, email, city and organization, folded, a leading space before each word so that two
-- typed letters find the start of a word. contentless: the words live in `people`.
CREATE VIRTUAL TABLE people_search USING fts5 (
    words, content = '', contentless_delete = 1, tokenize = 'trigram'
);

INSERT INTO person_keys (id, name_key, reversed_key, city_key, mail_key, phone_key, has_email)
SELECT id, desk_name_key(given_name, family_name),
       desk_reverse(desk_name_key(given_name, family_name)), desk_fold(city),
       desk_mail_key(email), desk_phone_key(phone), email IS NOT NULL
  FROM people;
INSERT INTO people_search (rowid, words)
SELECT k.n, desk_search_words(p.given_name, p.family_name, p.email, p.city, p.organization)
  FROM people p JOIN person_keys k ON k.id = p.id;

CREATE TRIGGER people_keys_after_insert AFTER INSERT ON people BEGIN
    INSERT INTO person_keys (id, name_key, reversed_key, city_key, mail_key, phone_key, has_email)
    VALUES (new.id, desk_name_key(new.given_name, new.family_name),
            desk_reverse(desk_name_key(new.given_name, new.family_name)), desk_fold(new.city),
            desk_mail_key(new.email), desk_phone_key(new.phone), new.email IS NOT NULL);
    INSERT INTO people_search (rowid, words)
    VALUES ((SELECT n FROM person_keys WHERE id = new.id),
            desk_search_words(new.given_name, new.family_name, new.email, new.city, new.organization));
END;

CREATE TRIGGER people_keys_after_update
AFTER UPDATE OF given_name, family_name, email, phone, city, organization ON people BEGIN
    UPDATE person_keys SET
        name_key = desk_name_key(new.given_name, new.family_name),
        reversed_key = desk_reverse(desk_name_key(new.given_name, new.family_name)),
        city_key = desk_fold(new.city), mail_key = desk_mail_key(new.email),
        phone_key = desk_phone_key(new.phone), has_email = new.email IS NOT NULL
     WHERE id = new.id;
    DELETE FROM people_search WHERE rowid = (SELECT n FROM person_keys WHERE id = new.id);
    INSERT INTO people_search (rowid, words)
    VALUES ((SELECT n FROM person_keys WHERE id = new.id),
            desk_search_words(new.given_name, new.family_name, new.email, new.city, new.organization));
END;

CREATE TRIGGER people_keys_after_delete AFTER DELETE ON people BEGIN
    DELETE FROM people_search WHERE rowid = (SELECT n FROM person_keys WHERE id = old.id);
    DELETE FROM person_keys WHERE id = old.id;
END;

-- The list sorts by any shown column with keyset paging: each sort has its index.
-- (search.rs sorts by these very expressions; a blank sorts first.)
CREATE INDEX people_by_email_sorted ON people (coalesce(email, ''));
CREATE INDEX people_by_city ON people (coalesce(city, ''));
CREATE INDEX people_by_country_name ON people (coalesce(country, ''), family_name, given_name);
CREATE INDEX people_by_organization ON people (coalesce(organization, ''));
CREATE INDEX signatures_by_appeal_signed ON signatures (appeal_id, signed_at);
CREATE INDEX signatures_by_appeal_source ON signatures (appeal_id, source);

-- Exchanged -----------------------------------------------------------------------------------

-- Two people the organizer said are different: never offered as duplicates again, on any
-- laptop. The id is derived from the pair (duplicates.rs), so two laptops saying it meet.
CREATE TABLE people_distinct (
    id            BLOB NOT NULL PRIMARY KEY CHECK (length(id) = 16),
    person_a      BLOB NOT NULL CHECK (length(person_a) = 16),
    person_b      BLOB NOT NULL CHECK (length(person_b) = 16),
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    written_by    BLOB NOT NULL CHECK (length(written_by) = 16),
    CHECK (person_a < person_b)
) STRICT;

CREATE INDEX people_distinct_by_pair ON people_distinct (person_a, person_b);

-- An organizer's merge, with what undoing it needs: the person merged away as they were,
-- the kept person's fields before, the rows moved and the second signatures removed (JSON,
-- duplicates.rs: MergeSnapshot). Undoing sets `undone_at`; the record stays.
CREATE TABLE merge_records (
    id            BLOB NOT NULL PRIMARY KEY CHECK (length(id) = 16),
    kept_id       BLOB NOT NULL CHECK (length(kept_id) = 16),
    removed_id    BLOB NOT NULL CHECK (length(removed_id) = 16),
    snapshot      TEXT NOT NULL,
    undone_at     TEXT,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    written_by    BLOB NOT NULL CHECK (length(written_by) = 16)
) STRICT;

CREATE INDEX merge_records_by_kept ON merge_records (kept_id);

-- The review queue (this laptop's own) learns the new reasons. The hook (duplicates.rs)
-- carries the pairs marked different into people_distinct, drops the old queue and looks
-- for duplicates among everyone.
DROP INDEX duplicate_candidates_by_b;
ALTER TABLE duplicate_candidates RENAME TO old_duplicate_candidates;
CREATE TABLE duplicate_candidates (
    person_a      BLOB NOT NULL REFERENCES people (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    person_b      BLOB NOT NULL REFERENCES people (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    reason        TEXT NOT NULL CHECK (reason IN ('same_name_city', 'similar_name', 'mail_alias', 'same_phone')),
    found_at      TEXT NOT NULL,
    PRIMARY KEY (person_a, person_b),
    CHECK (person_a < person_b)
) STRICT;

CREATE INDEX duplicate_candidates_by_b ON duplicate_candidates (person_b);
