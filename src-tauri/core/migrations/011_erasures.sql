-- A person erased on request. The row travels to the other laptops, which erase what their
-- own log, conflicts and audit chain still hold of them (person_rights.rs): `rows` lists, as
-- JSON, the keys of the person's rows that were removed and of the gifts kept as anonymous
-- amounts (keys only: nothing personal). The id is the erased person's.
CREATE TABLE erasures (
    id            BLOB NOT NULL PRIMARY KEY CHECK (length(id) = 16),
    rows          TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    written_by    BLOB NOT NULL CHECK (length(written_by) = 16)
) STRICT;
