-- Which key encrypts the env values (SPEC §2 CODEB_ENV_ENCRYPTION_KEY): one row holding a fingerprint of
-- that key, never the key. At start-up the service compares it with the key it was given, so a wrong or lost
-- key stops start-up with a clear message instead of producing undecryptable values next to readable ones.
CREATE TABLE env_encryption_key_check (
  id SMALLINT PRIMARY KEY DEFAULT 1,
  -- first 16 bytes of HMAC-SHA256(key, "codeb-env-key-check"), hex
  fingerprint VARCHAR(64) NOT NULL,
  created_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
  rotated_at TIMESTAMPTZ,
  CONSTRAINT ck_env_encryption_key_check_single_row CHECK (id = 1)
);
