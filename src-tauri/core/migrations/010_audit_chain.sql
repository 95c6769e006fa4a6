-- The audit chain: every change to signatures, consent records, answers (RSVPs) and money,
-- written by triggers (so no write path can leave one out, a bundle's application included)
-- into one append-only list, each entry linked to the one before by SHA-256:
--   content_hash = sha256(content), hash = sha256(previous hash || content_hash).
-- Changing, removing or reordering an entry breaks every link after it (audit.rs checks them;
-- `check` and Settings show the newest hash). The row's state after the change (before it, for
-- a removal) is the content, as JSON, with who wrote it (the laptop, and the volunteer where
-- the row names one). This laptop's own record of what it saw: not exchanged, copied by backups.
-- `redacted`: an erased person's entries keep their hashes, their content gone (rights).
-- (Generated once from the tables' columns; like every migration, never edited after.)

CREATE TABLE audit_chain (
    seq           INTEGER PRIMARY KEY,
    at            TEXT NOT NULL,
    laptop        BLOB NOT NULL,
    subject_table TEXT NOT NULL,
    subject_id    BLOB NOT NULL,
    action        TEXT NOT NULL CHECK (action IN ('insert', 'update', 'delete')),
    content       TEXT NOT NULL,
    content_hash  BLOB NOT NULL CHECK (length(content_hash) = 32),
    hash          BLOB NOT NULL CHECK (length(hash) = 32),
    redacted      INTEGER NOT NULL DEFAULT 0 CHECK (redacted IN (0, 1))
) STRICT;

CREATE INDEX audit_chain_by_subject ON audit_chain (subject_id);

CREATE TRIGGER audit_signatures_insert AFTER INSERT ON signatures
BEGIN
    INSERT INTO audit_chain (at, laptop, subject_table, subject_id, action, content,
                             content_hash, hash)
    SELECT NEW.updated_at, NEW.written_by, 'signatures', NEW.id, 'insert', c, desk_digest(c),
           desk_chain((SELECT hash FROM audit_chain ORDER BY seq DESC LIMIT 1), desk_digest(c))
      FROM (SELECT json_object('id', lower(hex(NEW.id)), 'appeal_id', lower(hex(NEW.appeal_id)),
                        'person_id', lower(hex(NEW.person_id)),
                        'signed_at', NEW.signed_at, 'source', NEW.source,
                        'display', NEW.display, 'prominent', NEW.prominent,
                        'statement', NEW.statement, 'created_at', NEW.created_at,
                        'updated_at', NEW.updated_at,
                        'written_by', lower(hex(NEW.written_by)),
                        'text_id', lower(hex(NEW.text_id)),
                        'words_hash', NEW.words_hash,
                        'event_id', lower(hex(NEW.event_id)),
                        'sheet_id', lower(hex(NEW.sheet_id)),
                        'sheet_row', NEW.sheet_row, 'entered_by', NEW.entered_by,
                        'featured', NEW.featured, 'display_order', NEW.display_order) AS c);
END;

CREATE TRIGGER audit_signatures_update AFTER UPDATE ON signatures
BEGIN
    INSERT INTO audit_chain (at, laptop, subject_table, subject_id, action, content,
                             content_hash, hash)
    SELECT NEW.updated_at, NEW.written_by, 'signatures', NEW.id, 'update', c, desk_digest(c),
           desk_chain((SELECT hash FROM audit_chain ORDER BY seq DESC LIMIT 1), desk_digest(c))
      FROM (SELECT json_object('id', lower(hex(NEW.id)), 'appeal_id', lower(hex(NEW.appeal_id)),
                        'person_id', lower(hex(NEW.person_id)),
                        'signed_at', NEW.signed_at, 'source', NEW.source,
                        'display', NEW.display, 'prominent', NEW.prominent,
                        'statement', NEW.statement, 'created_at', NEW.created_at,
                        'updated_at', NEW.updated_at,
                        'written_by', lower(hex(NEW.written_by)),
                        'text_id', lower(hex(NEW.text_id)),
                        'words_hash', NEW.words_hash,
                        'event_id', lower(hex(NEW.event_id)),
                        'sheet_id', lower(hex(NEW.sheet_id)),
                        'sheet_row', NEW.sheet_row, 'entered_by', NEW.entered_by,
                        'featured', NEW.featured, 'display_order', NEW.display_order) AS c);
END;

CREATE TRIGGER audit_signatures_delete AFTER DELETE ON signatures
BEGIN
    INSERT INTO audit_chain (at, laptop, subject_table, subject_id, action, content,
                             content_hash, hash)
    SELECT OLD.updated_at, OLD.written_by, 'signatures', OLD.id, 'delete', c, desk_digest(c),
           desk_chain((SELECT hash FROM audit_chain ORDER BY seq DESC LIMIT 1), desk_digest(c))
      FROM (SELECT json_object('id', lower(hex(OLD.id)), 'appeal_id', lower(hex(OLD.appeal_id)),
                        'person_id', lower(hex(OLD.person_id)),
                        'signed_at', OLD.signed_at, 'source', OLD.source,
                        'display', OLD.display, 'prominent', OLD.prominent,
                        'statement', OLD.statement, 'created_at', OLD.created_at,
                        'updated_at', OLD.updated_at,
                        'written_by', lower(hex(OLD.written_by)),
                        'text_id', lower(hex(OLD.text_id)),
                        'words_hash', OLD.words_hash,
                        'event_id', lower(hex(OLD.event_id)),
                        'sheet_id', lower(hex(OLD.sheet_id)),
                        'sheet_row', OLD.sheet_row, 'entered_by', OLD.entered_by,
                        'featured', OLD.featured, 'display_order', OLD.display_order) AS c);
END;

CREATE TRIGGER audit_consents_insert AFTER INSERT ON consents
BEGIN
    INSERT INTO audit_chain (at, laptop, subject_table, subject_id, action, content,
                             content_hash, hash)
    SELECT NEW.updated_at, NEW.written_by, 'consents', NEW.id, 'insert', c, desk_digest(c),
           desk_chain((SELECT hash FROM audit_chain ORDER BY seq DESC LIMIT 1), desk_digest(c))
      FROM (SELECT json_object('id', lower(hex(NEW.id)), 'person_id', lower(hex(NEW.person_id)),
                        'appeal_id', lower(hex(NEW.appeal_id)), 'purpose', NEW.purpose,
                        'given', NEW.given, 'at', NEW.at, 'how', NEW.how,
                        'wording', NEW.wording, 'words_hash', NEW.words_hash,
                        'lang', NEW.lang, 'text_id', lower(hex(NEW.text_id)),
                        'event_id', lower(hex(NEW.event_id)),
                        'recorded_by', NEW.recorded_by, 'created_at', NEW.created_at,
                        'updated_at', NEW.updated_at,
                        'written_by', lower(hex(NEW.written_by))) AS c);
END;

CREATE TRIGGER audit_consents_update AFTER UPDATE ON consents
BEGIN
    INSERT INTO audit_chain (at, laptop, subject_table, subject_id, action, content,
                             content_hash, hash)
    SELECT NEW.updated_at, NEW.written_by, 'consents', NEW.id, 'update', c, desk_digest(c),
           desk_chain((SELECT hash FROM audit_chain ORDER BY seq DESC LIMIT 1), desk_digest(c))
      FROM (SELECT json_object('id', lower(hex(NEW.id)), 'person_id', lower(hex(NEW.person_id)),
                        'appeal_id', lower(hex(NEW.appeal_id)), 'purpose', NEW.purpose,
                        'given', NEW.given, 'at', NEW.at, 'how', NEW.how,
                        'wording', NEW.wording, 'words_hash', NEW.words_hash,
                        'lang', NEW.lang, 'text_id', lower(hex(NEW.text_id)),
                        'event_id', lower(hex(NEW.event_id)),
                        'recorded_by', NEW.recorded_by, 'created_at', NEW.created_at,
                        'updated_at', NEW.updated_at,
                        'written_by', lower(hex(NEW.written_by))) AS c);
END;

CREATE TRIGGER audit_consents_delete AFTER DELETE ON consents
BEGIN
    INSERT INTO audit_chain (at, laptop, subject_table, subject_id, action, content,
                             content_hash, hash)
    SELECT OLD.updated_at, OLD.written_by, 'consents', OLD.id, 'delete', c, desk_digest(c),
           desk_chain((SELECT hash FROM audit_chain ORDER BY seq DESC LIMIT 1), desk_digest(c))
      FROM (SELECT json_object('id', lower(hex(OLD.id)), 'person_id', lower(hex(OLD.person_id)),
                        'appeal_id', lower(hex(OLD.appeal_id)), 'purpose', OLD.purpose,
                        'given', OLD.given, 'at', OLD.at, 'how', OLD.how,
                        'wording', OLD.wording, 'words_hash', OLD.words_hash,
                        'lang', OLD.lang, 'text_id', lower(hex(OLD.text_id)),
                        'event_id', lower(hex(OLD.event_id)),
                        'recorded_by', OLD.recorded_by, 'created_at', OLD.created_at,
                        'updated_at', OLD.updated_at,
                        'written_by', lower(hex(OLD.written_by))) AS c);
END;

CREATE TRIGGER audit_rsvps_insert AFTER INSERT ON rsvps
BEGIN
    INSERT INTO audit_chain (at, laptop, subject_table, subject_id, action, content,
                             content_hash, hash)
    SELECT NEW.updated_at, NEW.written_by, 'rsvps', NEW.id, 'insert', c, desk_digest(c),
           desk_chain((SELECT hash FROM audit_chain ORDER BY seq DESC LIMIT 1), desk_digest(c))
      FROM (SELECT json_object('id', lower(hex(NEW.id)), 'event_id', lower(hex(NEW.event_id)),
                        'person_id', lower(hex(NEW.person_id)), 'status', NEW.status,
                        'attendance', NEW.attendance, 'guests', NEW.guests,
                        'created_at', NEW.created_at, 'updated_at', NEW.updated_at,
                        'written_by', lower(hex(NEW.written_by)), 'source', NEW.source,
                        'note', NEW.note, 'answered_at', NEW.answered_at,
                        'attendance_at', NEW.attendance_at, 'arrived', NEW.arrived,
                        'promoted_at', NEW.promoted_at) AS c);
END;

CREATE TRIGGER audit_rsvps_update AFTER UPDATE ON rsvps
BEGIN
    INSERT INTO audit_chain (at, laptop, subject_table, subject_id, action, content,
                             content_hash, hash)
    SELECT NEW.updated_at, NEW.written_by, 'rsvps', NEW.id, 'update', c, desk_digest(c),
           desk_chain((SELECT hash FROM audit_chain ORDER BY seq DESC LIMIT 1), desk_digest(c))
      FROM (SELECT json_object('id', lower(hex(NEW.id)), 'event_id', lower(hex(NEW.event_id)),
                        'person_id', lower(hex(NEW.person_id)), 'status', NEW.status,
                        'attendance', NEW.attendance, 'guests', NEW.guests,
                        'created_at', NEW.created_at, 'updated_at', NEW.updated_at,
                        'written_by', lower(hex(NEW.written_by)), 'source', NEW.source,
                        'note', NEW.note, 'answered_at', NEW.answered_at,
                        'attendance_at', NEW.attendance_at, 'arrived', NEW.arrived,
                        'promoted_at', NEW.promoted_at) AS c);
END;

CREATE TRIGGER audit_rsvps_delete AFTER DELETE ON rsvps
BEGIN
    INSERT INTO audit_chain (at, laptop, subject_table, subject_id, action, content,
                             content_hash, hash)
    SELECT OLD.updated_at, OLD.written_by, 'rsvps', OLD.id, 'delete', c, desk_digest(c),
           desk_chain((SELECT hash FROM audit_chain ORDER BY seq DESC LIMIT 1), desk_digest(c))
      FROM (SELECT json_object('id', lower(hex(OLD.id)), 'event_id', lower(hex(OLD.event_id)),
                        'person_id', lower(hex(OLD.person_id)), 'status', OLD.status,
                        'attendance', OLD.attendance, 'guests', OLD.guests,
                        'created_at', OLD.created_at, 'updated_at', OLD.updated_at,
                        'written_by', lower(hex(OLD.written_by)), 'source', OLD.source,
                        'note', OLD.note, 'answered_at', OLD.answered_at,
                        'attendance_at', OLD.attendance_at, 'arrived', OLD.arrived,
                        'promoted_at', OLD.promoted_at) AS c);
END;

CREATE TRIGGER audit_donations_insert AFTER INSERT ON donations
BEGIN
    INSERT INTO audit_chain (at, laptop, subject_table, subject_id, action, content,
                             content_hash, hash)
    SELECT NEW.updated_at, NEW.written_by, 'donations', NEW.id, 'insert', c, desk_digest(c),
           desk_chain((SELECT hash FROM audit_chain ORDER BY seq DESC LIMIT 1), desk_digest(c))
      FROM (SELECT json_object('id', lower(hex(NEW.id)), 'person_id', lower(hex(NEW.person_id)),
                        'fund_id', lower(hex(NEW.fund_id)),
                        'event_id', lower(hex(NEW.event_id)),
                        'amount_minor', NEW.amount_minor, 'currency', NEW.currency,
                        'fee_minor', NEW.fee_minor, 'method', NEW.method,
                        'received_on', NEW.received_on, 'reference', NEW.reference,
                        'note', NEW.note, 'created_at', NEW.created_at,
                        'updated_at', NEW.updated_at,
                        'written_by', lower(hex(NEW.written_by)),
                        'donor_name', NEW.donor_name,
                        'transaction_id', NEW.transaction_id, 'in_kind', NEW.in_kind,
                        'source_code', NEW.source_code,
                        'returned_minor', NEW.returned_minor, 'kind', NEW.kind,
                        'recurring', NEW.recurring, 'entered_by', NEW.entered_by,
                        'voided_at', NEW.voided_at, 'void_reason', NEW.void_reason,
                        'refunded_minor', NEW.refunded_minor,
                        'refunded_on', NEW.refunded_on) AS c);
END;

CREATE TRIGGER audit_donations_update AFTER UPDATE ON donations
BEGIN
    INSERT INTO audit_chain (at, laptop, subject_table, subject_id, action, content,
                             content_hash, hash)
    SELECT NEW.updated_at, NEW.written_by, 'donations', NEW.id, 'update', c, desk_digest(c),
           desk_chain((SELECT hash FROM audit_chain ORDER BY seq DESC LIMIT 1), desk_digest(c))
      FROM (SELECT json_object('id', lower(hex(NEW.id)), 'person_id', lower(hex(NEW.person_id)),
                        'fund_id', lower(hex(NEW.fund_id)),
                        'event_id', lower(hex(NEW.event_id)),
                        'amount_minor', NEW.amount_minor, 'currency', NEW.currency,
                        'fee_minor', NEW.fee_minor, 'method', NEW.method,
                        'received_on', NEW.received_on, 'reference', NEW.reference,
                        'note', NEW.note, 'created_at', NEW.created_at,
                        'updated_at', NEW.updated_at,
                        'written_by', lower(hex(NEW.written_by)),
                        'donor_name', NEW.donor_name,
                        'transaction_id', NEW.transaction_id, 'in_kind', NEW.in_kind,
                        'source_code', NEW.source_code,
                        'returned_minor', NEW.returned_minor, 'kind', NEW.kind,
                        'recurring', NEW.recurring, 'entered_by', NEW.entered_by,
                        'voided_at', NEW.voided_at, 'void_reason', NEW.void_reason,
                        'refunded_minor', NEW.refunded_minor,
                        'refunded_on', NEW.refunded_on) AS c);
END;

CREATE TRIGGER audit_donations_delete AFTER DELETE ON donations
BEGIN
    INSERT INTO audit_chain (at, laptop, subject_table, subject_id, action, content,
                             content_hash, hash)
    SELECT OLD.updated_at, OLD.written_by, 'donations', OLD.id, 'delete', c, desk_digest(c),
           desk_chain((SELECT hash FROM audit_chain ORDER BY seq DESC LIMIT 1), desk_digest(c))
      FROM (SELECT json_object('id', lower(hex(OLD.id)), 'person_id', lower(hex(OLD.person_id)),
                        'fund_id', lower(hex(OLD.fund_id)),
                        'event_id', lower(hex(OLD.event_id)),
                        'amount_minor', OLD.amount_minor, 'currency', OLD.currency,
                        'fee_minor', OLD.fee_minor, 'method', OLD.method,
                        'received_on', OLD.received_on, 'reference', OLD.reference,
                        'note', OLD.note, 'created_at', OLD.created_at,
                        'updated_at', OLD.updated_at,
                        'written_by', lower(hex(OLD.written_by)),
                        'donor_name', OLD.donor_name,
                        'transaction_id', OLD.transaction_id, 'in_kind', OLD.in_kind,
                        'source_code', OLD.source_code,
                        'returned_minor', OLD.returned_minor, 'kind', OLD.kind,
                        'recurring', OLD.recurring, 'entered_by', OLD.entered_by,
                        'voided_at', OLD.voided_at, 'void_reason', OLD.void_reason,
                        'refunded_minor', OLD.refunded_minor,
                        'refunded_on', OLD.refunded_on) AS c);
END;

CREATE TRIGGER audit_expenses_insert AFTER INSERT ON expenses
BEGIN
    INSERT INTO audit_chain (at, laptop, subject_table, subject_id, action, content,
                             content_hash, hash)
    SELECT NEW.updated_at, NEW.written_by, 'expenses', NEW.id, 'insert', c, desk_digest(c),
           desk_chain((SELECT hash FROM audit_chain ORDER BY seq DESC LIMIT 1), desk_digest(c))
      FROM (SELECT json_object('id', lower(hex(NEW.id)), 'fund_id', lower(hex(NEW.fund_id)),
                        'event_id', lower(hex(NEW.event_id)),
                        'amount_minor', NEW.amount_minor, 'currency', NEW.currency,
                        'paid_on', NEW.paid_on, 'payee', NEW.payee,
                        'category', NEW.category, 'method', NEW.method,
                        'reference', NEW.reference, 'note', NEW.note,
                        'entered_by', NEW.entered_by, 'voided_at', NEW.voided_at,
                        'void_reason', NEW.void_reason, 'created_at', NEW.created_at,
                        'updated_at', NEW.updated_at,
                        'written_by', lower(hex(NEW.written_by))) AS c);
END;

CREATE TRIGGER audit_expenses_update AFTER UPDATE ON expenses
BEGIN
    INSERT INTO audit_chain (at, laptop, subject_table, subject_id, action, content,
                             content_hash, hash)
    SELECT NEW.updated_at, NEW.written_by, 'expenses', NEW.id, 'update', c, desk_digest(c),
           desk_chain((SELECT hash FROM audit_chain ORDER BY seq DESC LIMIT 1), desk_digest(c))
      FROM (SELECT json_object('id', lower(hex(NEW.id)), 'fund_id', lower(hex(NEW.fund_id)),
                        'event_id', lower(hex(NEW.event_id)),
                        'amount_minor', NEW.amount_minor, 'currency', NEW.currency,
                        'paid_on', NEW.paid_on, 'payee', NEW.payee,
                        'category', NEW.category, 'method', NEW.method,
                        'reference', NEW.reference, 'note', NEW.note,
                        'entered_by', NEW.entered_by, 'voided_at', NEW.voided_at,
                        'void_reason', NEW.void_reason, 'created_at', NEW.created_at,
                        'updated_at', NEW.updated_at,
                        'written_by', lower(hex(NEW.written_by))) AS c);
END;

CREATE TRIGGER audit_expenses_delete AFTER DELETE ON expenses
BEGIN
    INSERT INTO audit_chain (at, laptop, subject_table, subject_id, action, content,
                             content_hash, hash)
    SELECT OLD.updated_at, OLD.written_by, 'expenses', OLD.id, 'delete', c, desk_digest(c),
           desk_chain((SELECT hash FROM audit_chain ORDER BY seq DESC LIMIT 1), desk_digest(c))
      FROM (SELECT json_object('id', lower(hex(OLD.id)), 'fund_id', lower(hex(OLD.fund_id)),
                        'event_id', lower(hex(OLD.event_id)),
                        'amount_minor', OLD.amount_minor, 'currency', OLD.currency,
                        'paid_on', OLD.paid_on, 'payee', OLD.payee,
                        'category', OLD.category, 'method', OLD.method,
                        'reference', OLD.reference, 'note', OLD.note,
                        'entered_by', OLD.entered_by, 'voided_at', OLD.voided_at,
                        'void_reason', OLD.void_reason, 'created_at', OLD.created_at,
                        'updated_at', OLD.updated_at,
                        'written_by', lower(hex(OLD.written_by))) AS c);
END;

CREATE TRIGGER audit_cash_counts_insert AFTER INSERT ON cash_counts
BEGIN
    INSERT INTO audit_chain (at, laptop, subject_table, subject_id, action, content,
                             content_hash, hash)
    SELECT NEW.updated_at, NEW.written_by, 'cash_counts', NEW.id, 'insert', c, desk_digest(c),
           desk_chain((SELECT hash FROM audit_chain ORDER BY seq DESC LIMIT 1), desk_digest(c))
      FROM (SELECT json_object('id', lower(hex(NEW.id)), 'event_id', lower(hex(NEW.event_id)),
                        'event_title', NEW.event_title, 'currency', NEW.currency,
                        'float_minor', NEW.float_minor, 'opened_by', NEW.opened_by,
                        'opened_at', NEW.opened_at, 'denominations', NEW.denominations,
                        'counted_minor', NEW.counted_minor,
                        'gifts_minor', NEW.gifts_minor, 'sales_minor', NEW.sales_minor,
                        'expected_minor', NEW.expected_minor,
                        'counted_by', NEW.counted_by,
                        'second_counter', NEW.second_counter,
                        'closed_at', NEW.closed_at, 'note', NEW.note,
                        'corrects', lower(hex(NEW.corrects)),
                        'created_at', NEW.created_at, 'updated_at', NEW.updated_at,
                        'written_by', lower(hex(NEW.written_by))) AS c);
END;

CREATE TRIGGER audit_cash_counts_update AFTER UPDATE ON cash_counts
BEGIN
    INSERT INTO audit_chain (at, laptop, subject_table, subject_id, action, content,
                             content_hash, hash)
    SELECT NEW.updated_at, NEW.written_by, 'cash_counts', NEW.id, 'update', c, desk_digest(c),
           desk_chain((SELECT hash FROM audit_chain ORDER BY seq DESC LIMIT 1), desk_digest(c))
      FROM (SELECT json_object('id', lower(hex(NEW.id)), 'event_id', lower(hex(NEW.event_id)),
                        'event_title', NEW.event_title, 'currency', NEW.currency,
                        'float_minor', NEW.float_minor, 'opened_by', NEW.opened_by,
                        'opened_at', NEW.opened_at, 'denominations', NEW.denominations,
                        'counted_minor', NEW.counted_minor,
                        'gifts_minor', NEW.gifts_minor, 'sales_minor', NEW.sales_minor,
                        'expected_minor', NEW.expected_minor,
                        'counted_by', NEW.counted_by,
                        'second_counter', NEW.second_counter,
                        'closed_at', NEW.closed_at, 'note', NEW.note,
                        'corrects', lower(hex(NEW.corrects)),
                        'created_at', NEW.created_at, 'updated_at', NEW.updated_at,
                        'written_by', lower(hex(NEW.written_by))) AS c);
END;

CREATE TRIGGER audit_cash_counts_delete AFTER DELETE ON cash_counts
BEGIN
    INSERT INTO audit_chain (at, laptop, subject_table, subject_id, action, content,
                             content_hash, hash)
    SELECT OLD.updated_at, OLD.written_by, 'cash_counts', OLD.id, 'delete', c, desk_digest(c),
           desk_chain((SELECT hash FROM audit_chain ORDER BY seq DESC LIMIT 1), desk_digest(c))
      FROM (SELECT json_object('id', lower(hex(OLD.id)), 'event_id', lower(hex(OLD.event_id)),
                        'event_title', OLD.event_title, 'currency', OLD.currency,
                        'float_minor', OLD.float_minor, 'opened_by', OLD.opened_by,
                        'opened_at', OLD.opened_at, 'denominations', OLD.denominations,
                        'counted_minor', OLD.counted_minor,
                        'gifts_minor', OLD.gifts_minor, 'sales_minor', OLD.sales_minor,
                        'expected_minor', OLD.expected_minor,
                        'counted_by', OLD.counted_by,
                        'second_counter', OLD.second_counter,
                        'closed_at', OLD.closed_at, 'note', OLD.note,
                        'corrects', lower(hex(OLD.corrects)),
                        'created_at', OLD.created_at, 'updated_at', OLD.updated_at,
                        'written_by', lower(hex(OLD.written_by))) AS c);
END;

CREATE TRIGGER audit_receipts_insert AFTER INSERT ON receipts
BEGIN
    INSERT INTO audit_chain (at, laptop, subject_table, subject_id, action, content,
                             content_hash, hash)
    SELECT NEW.updated_at, NEW.written_by, 'receipts', NEW.id, 'insert', c, desk_digest(c),
           desk_chain((SELECT hash FROM audit_chain ORDER BY seq DESC LIMIT 1), desk_digest(c))
      FROM (SELECT json_object('id', lower(hex(NEW.id)), 'donation_id', lower(hex(NEW.donation_id)),
                        'number', NEW.number, 'prefix', NEW.prefix,
                        'issued_by', NEW.issued_by, 'copies', NEW.copies,
                        'voided_at', NEW.voided_at, 'void_reason', NEW.void_reason,
                        'created_at', NEW.created_at, 'updated_at', NEW.updated_at,
                        'written_by', lower(hex(NEW.written_by))) AS c);
END;

CREATE TRIGGER audit_receipts_update AFTER UPDATE ON receipts
BEGIN
    INSERT INTO audit_chain (at, laptop, subject_table, subject_id, action, content,
                             content_hash, hash)
    SELECT NEW.updated_at, NEW.written_by, 'receipts', NEW.id, 'update', c, desk_digest(c),
           desk_chain((SELECT hash FROM audit_chain ORDER BY seq DESC LIMIT 1), desk_digest(c))
      FROM (SELECT json_object('id', lower(hex(NEW.id)), 'donation_id', lower(hex(NEW.donation_id)),
                        'number', NEW.number, 'prefix', NEW.prefix,
                        'issued_by', NEW.issued_by, 'copies', NEW.copies,
                        'voided_at', NEW.voided_at, 'void_reason', NEW.void_reason,
                        'created_at', NEW.created_at, 'updated_at', NEW.updated_at,
                        'written_by', lower(hex(NEW.written_by))) AS c);
END;

CREATE TRIGGER audit_receipts_delete AFTER DELETE ON receipts
BEGIN
    INSERT INTO audit_chain (at, laptop, subject_table, subject_id, action, content,
                             content_hash, hash)
    SELECT OLD.updated_at, OLD.written_by, 'receipts', OLD.id, 'delete', c, desk_digest(c),
           desk_chain((SELECT hash FROM audit_chain ORDER BY seq DESC LIMIT 1), desk_digest(c))
      FROM (SELECT json_object('id', lower(hex(OLD.id)), 'donation_id', lower(hex(OLD.donation_id)),
                        'number', OLD.number, 'prefix', OLD.prefix,
                        'issued_by', OLD.issued_by, 'copies', OLD.copies,
                        'voided_at', OLD.voided_at, 'void_reason', OLD.void_reason,
                        'created_at', OLD.created_at, 'updated_at', OLD.updated_at,
                        'written_by', lower(hex(OLD.written_by))) AS c);
END;

CREATE TRIGGER audit_money_audit_insert AFTER INSERT ON money_audit
BEGIN
    INSERT INTO audit_chain (at, laptop, subject_table, subject_id, action, content,
                             content_hash, hash)
    SELECT NEW.updated_at, NEW.written_by, 'money_audit', NEW.id, 'insert', c, desk_digest(c),
           desk_chain((SELECT hash FROM audit_chain ORDER BY seq DESC LIMIT 1), desk_digest(c))
      FROM (SELECT json_object('id', lower(hex(NEW.id)), 'subject_table', NEW.subject_table,
                        'subject_id', lower(hex(NEW.subject_id)), 'action', NEW.action,
                        'who', NEW.who, 'reason', NEW.reason, 'before', NEW.before,
                        'after', NEW.after, 'created_at', NEW.created_at,
                        'updated_at', NEW.updated_at,
                        'written_by', lower(hex(NEW.written_by))) AS c);
END;

CREATE TRIGGER audit_money_audit_update AFTER UPDATE ON money_audit
BEGIN
    INSERT INTO audit_chain (at, laptop, subject_table, subject_id, action, content,
                             content_hash, hash)
    SELECT NEW.updated_at, NEW.written_by, 'money_audit', NEW.id, 'update', c, desk_digest(c),
           desk_chain((SELECT hash FROM audit_chain ORDER BY seq DESC LIMIT 1), desk_digest(c))
      FROM (SELECT json_object('id', lower(hex(NEW.id)), 'subject_table', NEW.subject_table,
                        'subject_id', lower(hex(NEW.subject_id)), 'action', NEW.action,
                        'who', NEW.who, 'reason', NEW.reason, 'before', NEW.before,
                        'after', NEW.after, 'created_at', NEW.created_at,
                        'updated_at', NEW.updated_at,
                        'written_by', lower(hex(NEW.written_by))) AS c);
END;

CREATE TRIGGER audit_money_audit_delete AFTER DELETE ON money_audit
BEGIN
    INSERT INTO audit_chain (at, laptop, subject_table, subject_id, action, content,
                             content_hash, hash)
    SELECT OLD.updated_at, OLD.written_by, 'money_audit', OLD.id, 'delete', c, desk_digest(c),
           desk_chain((SELECT hash FROM audit_chain ORDER BY seq DESC LIMIT 1), desk_digest(c))
      FROM (SELECT json_object('id', lower(hex(OLD.id)), 'subject_table', OLD.subject_table,
                        'subject_id', lower(hex(OLD.subject_id)), 'action', OLD.action,
                        'who', OLD.who, 'reason', OLD.reason, 'before', OLD.before,
                        'after', OLD.after, 'created_at', OLD.created_at,
                        'updated_at', OLD.updated_at,
                        'written_by', lower(hex(OLD.written_by))) AS c);
END;
