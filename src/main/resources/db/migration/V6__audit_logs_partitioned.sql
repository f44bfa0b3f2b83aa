-- audit_logs becomes a table partitioned by month on "timestamp" (seed 003: monthly partitioned logs), so the
-- cleanup job can drop a whole expired month instead of deleting it row by row. Every seed column stays, with
-- the same types; "timestamp" becomes NOT NULL (it is the partition key) and joins the primary key, which a
-- partitioned table requires to contain the partition key.
--
-- Partitions are named audit_logs_yYYYYmMM and bounded by UTC month starts. The service creates the current
-- month and the next three ahead of time (at start-up and daily, audit_logs_ensure_partition below), so the
-- DEFAULT partition, which exists only so that an insert can never fail, stays empty in normal operation.

ALTER TABLE audit_logs RENAME TO audit_logs_unpartitioned;
ALTER TABLE audit_logs_unpartitioned RENAME CONSTRAINT audit_logs_pkey TO audit_logs_unpartitioned_pkey;
DROP INDEX idx_audit_logs_timestamp;
DROP INDEX idx_audit_logs_team;
DROP INDEX idx_audit_logs_action;

CREATE TABLE audit_logs (
  id VARCHAR(32) NOT NULL,
  timestamp TIMESTAMPTZ NOT NULL DEFAULT NOW(),
  team_id VARCHAR(32),
  key_id VARCHAR(32),
  user_id VARCHAR(255),
  role VARCHAR(20),
  action VARCHAR(100) NOT NULL,
  resource VARCHAR(100),
  resource_id VARCHAR(255),
  params JSONB,
  success BOOLEAN DEFAULT true,
  duration INTEGER,
  ip VARCHAR(45),
  user_agent TEXT,
  error TEXT,
  created_at TIMESTAMPTZ DEFAULT NOW(),
  CONSTRAINT audit_logs_pkey PRIMARY KEY (id, timestamp),
  CONSTRAINT ck_audit_logs_duration CHECK (duration >= 0)
) PARTITION BY RANGE (timestamp);

-- The seed's indexes, on the parent (each partition gets its own copy).
CREATE INDEX idx_audit_logs_timestamp ON audit_logs(timestamp DESC);
CREATE INDEX idx_audit_logs_team ON audit_logs(team_id, timestamp DESC);
CREATE INDEX idx_audit_logs_action ON audit_logs(action);

CREATE TABLE audit_logs_default PARTITION OF audit_logs DEFAULT;

-- Creates the partition of the month containing "month" unless it exists; returns whether it created one.
-- Idempotent and safe to call from several replicas at once (a transaction-level advisory lock serialises
-- the callers). Creating a partition fails while the DEFAULT partition holds rows of its range, so in that
-- (abnormal) case those rows are moved into the new partition within the same transaction. The lock_timeout
-- keeps the short ACCESS EXCLUSIVE lock that creating a partition takes from stalling writers for long: on
-- timeout the call fails and the next daily run retries, months before the partition is needed.
CREATE FUNCTION audit_logs_ensure_partition(month DATE) RETURNS BOOLEAN
LANGUAGE plpgsql AS $$
DECLARE
  first_day DATE := date_trunc('month', month)::date;
  lo TIMESTAMPTZ := first_day::timestamp AT TIME ZONE 'UTC';
  hi TIMESTAMPTZ := (first_day + INTERVAL '1 month')::timestamp AT TIME ZONE 'UTC';
  part TEXT := 'audit_logs_y' || to_char(first_day, 'YYYY') || 'm' || to_char(first_day, 'MM');
BEGIN
  PERFORM pg_advisory_xact_lock(7262001);
  IF to_regclass(part) IS NOT NULL THEN
    RETURN false;
  END IF;
  PERFORM set_config('lock_timeout', '5s', true);
  IF EXISTS (SELECT 1 FROM audit_logs_default WHERE timestamp >= lo AND timestamp < hi) THEN
    CREATE TEMP TABLE audit_logs_moving (LIKE audit_logs);
    WITH moved AS (DELETE FROM audit_logs_default WHERE timestamp >= lo AND timestamp < hi RETURNING *)
      INSERT INTO audit_logs_moving SELECT * FROM moved;
    EXECUTE format('CREATE TABLE %I PARTITION OF audit_logs FOR VALUES FROM (%L) TO (%L)', part, lo, hi);
    INSERT INTO audit_logs SELECT * FROM audit_logs_moving;
    DROP TABLE audit_logs_moving;
  ELSE
    EXECUTE format('CREATE TABLE IF NOT EXISTS %I PARTITION OF audit_logs FOR VALUES FROM (%L) TO (%L)', part, lo, hi);
  END IF;
  RETURN true;
END;
$$;

-- Partitions for every month that holds existing rows, up to three months ahead; then the rows move over.
DO $$
DECLARE
  m DATE;
  oldest TIMESTAMPTZ := LEAST(NOW(), (SELECT MIN(COALESCE(timestamp, created_at)) FROM audit_logs_unpartitioned));
BEGIN
  FOR m IN SELECT generate_series(date_trunc('month', oldest AT TIME ZONE 'UTC'),
                                  date_trunc('month', NOW() AT TIME ZONE 'UTC') + INTERVAL '3 months',
                                  INTERVAL '1 month')::date
  LOOP
    PERFORM audit_logs_ensure_partition(m);
  END LOOP;
END;
$$;

INSERT INTO audit_logs (id, timestamp, team_id, key_id, user_id, role, action, resource, resource_id, params,
                        success, duration, ip, user_agent, error, created_at)
SELECT id, COALESCE(timestamp, created_at, NOW()), team_id, key_id, user_id, role, action, resource, resource_id,
       params, success, duration, ip, user_agent, error, created_at
FROM audit_logs_unpartitioned;

DROP TABLE audit_logs_unpartitioned;
