-- SPEC §11: deployments that wait for the deploy lock (queued, with no slot until they start), end by cancel or by
-- running out of wait (cancelled, expired), remember their port (a redeploy copies it) and what they were redeployed from.
ALTER TABLE deployments
  DROP CONSTRAINT ck_deployments_status,
  ADD CONSTRAINT ck_deployments_status
    CHECK (status IN ('queued', 'pending', 'running', 'success', 'failed', 'cancelled', 'expired')),
  ALTER COLUMN slot DROP NOT NULL,
  ADD COLUMN port INTEGER CONSTRAINT ck_deployments_port CHECK (port BETWEEN 1 AND 65535),
  ADD COLUMN wait_until TIMESTAMPTZ,
  ADD COLUMN started_at TIMESTAMPTZ,
  ADD COLUMN cancelled_by VARCHAR(255),
  ADD COLUMN cancel_reason TEXT,
  ADD COLUMN from_deployment VARCHAR(32) REFERENCES deployments(id) ON DELETE SET NULL,
  ADD COLUMN restore_variables BOOLEAN NOT NULL DEFAULT false,
  -- the place in the queue, drawn while the slot row is locked: transactions that began in one order may enqueue in another
  ADD COLUMN queue_seq BIGINT,
  -- a deployment takes its slot when it starts: only one that never started has none
  ADD CONSTRAINT ck_deployments_slot_taken CHECK (slot IS NOT NULL OR status IN ('queued', 'cancelled', 'expired')),
  ADD CONSTRAINT ck_deployments_queued CHECK (status <> 'queued' OR (slot IS NULL AND wait_until IS NOT NULL AND queue_seq IS NOT NULL));

-- every deployment so far started when it was created; the deploy timeout now counts from the start
UPDATE deployments SET started_at = created_at WHERE started_at IS NULL AND slot IS NOT NULL;

DROP INDEX idx_deployments_in_flight_created;
CREATE INDEX idx_deployments_in_flight_started ON deployments(started_at) WHERE status IN ('pending', 'running');

-- the queue of one project environment in FIFO order, and the expiry sweep
CREATE SEQUENCE deployment_queue_seq;
CREATE INDEX idx_deployments_queue ON deployments(project_name, environment, queue_seq) WHERE status = 'queued';
CREATE INDEX idx_deployments_queued_wait ON deployments(wait_until) WHERE status = 'queued';
