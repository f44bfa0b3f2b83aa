-- Journal entries (file registry, SPEC §7) already applied to the database: replay skips them, so an entry
-- is applied exactly once even if the service stops between committing it and truncating the journal.
CREATE TABLE journal_replays (
  entry_id VARCHAR(32) PRIMARY KEY,
  outcome VARCHAR(20) NOT NULL CONSTRAINT ck_journal_replays_outcome CHECK (outcome IN ('applied', 'skipped')),
  detail TEXT,
  replayed_at TIMESTAMPTZ NOT NULL DEFAULT NOW()
);
