-- Revoked keys stay on record (who had access, and when it ended) instead of being deleted.
ALTER TABLE api_keys ADD COLUMN revoked_at TIMESTAMPTZ;
ALTER TABLE api_keys ADD COLUMN revoked_by VARCHAR(255);

