-- Webhooks and team notifications (SPEC §10): a team's endpoints, the events its changes committed (the outbox) and
-- one delivery per event and recipient, claimed by the sender with FOR UPDATE SKIP LOCKED.

CREATE TABLE webhooks (
  id VARCHAR(32) PRIMARY KEY,
  team_id VARCHAR(32) NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
  url TEXT NOT NULL,
  events TEXT[] NOT NULL,
  description VARCHAR(500),
  enabled BOOLEAN NOT NULL DEFAULT true,
  -- "whsec_…" encrypted with the env key (AES-256-GCM, label webhook/<id>): never stored in the clear
  secret TEXT NOT NULL,
  -- the secret before the last rotation: it still signs, beside the new one, until previous_secret_expires_at
  previous_secret TEXT,
  previous_secret_expires_at TIMESTAMPTZ,
  disabled_reason TEXT,
  disabled_at TIMESTAMPTZ,
  -- the first failed attempt since the last delivered one: all failing for 5 days disables the webhook
  failing_since TIMESTAMPTZ,
  created_by VARCHAR(255),
  created_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
  updated_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
  CONSTRAINT ck_webhooks_events_not_empty CHECK (cardinality(events) > 0),
  CONSTRAINT ck_webhooks_previous_secret CHECK ((previous_secret IS NULL) = (previous_secret_expires_at IS NULL))
);
CREATE INDEX idx_webhooks_team ON webhooks(team_id, id);
CREATE TRIGGER trg_webhooks_updated_at BEFORE UPDATE ON webhooks
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- The last seq handed out per project environment: the row is locked until the change commits, so seq order is commit
-- order and a rolled-back change leaves no gap.
CREATE TABLE webhook_sequences (
  project_name VARCHAR(100) NOT NULL,
  environment VARCHAR(20) NOT NULL,
  seq BIGINT NOT NULL,
  PRIMARY KEY (project_name, environment)
);

-- One committed event; body is the exact JSON text every delivery sends (and signs), so retries are byte-identical.
CREATE TABLE webhook_events (
  id VARCHAR(32) PRIMARY KEY,
  team_id VARCHAR(32) NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
  type VARCHAR(64) NOT NULL,
  project_name VARCHAR(100),
  environment VARCHAR(20),
  seq BIGINT,
  body TEXT NOT NULL,
  created_at TIMESTAMPTZ NOT NULL DEFAULT NOW()
);
CREATE INDEX idx_webhook_events_created ON webhook_events(created_at);

-- One event to one recipient: a webhook (signed), or a team's Slack or Discord URL (its own body).
CREATE TABLE webhook_deliveries (
  id VARCHAR(32) PRIMARY KEY,
  event_id VARCHAR(32) NOT NULL REFERENCES webhook_events(id) ON DELETE CASCADE,
  team_id VARCHAR(32) NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
  webhook_id VARCHAR(32) REFERENCES webhooks(id) ON DELETE CASCADE,
  channel VARCHAR(10) NOT NULL,
  -- where a notification goes (a webhook's deliveries follow its current url)
  target_url TEXT,
  -- a notification's own body; null: the event's body
  body TEXT,
  status VARCHAR(10) NOT NULL DEFAULT 'pending',
  attempts INTEGER NOT NULL DEFAULT 0,
  -- null: as many as the retry schedule allows; a redelivery allows exactly one more
  max_attempts INTEGER,
  -- for a pending delivery: when it may be sent next; also the lease of a claimed one (a sender that dies lets it lapse)
  next_attempt_at TIMESTAMPTZ,
  last_status_code INTEGER,
  last_error TEXT,
  last_response TEXT,
  last_attempt_at TIMESTAMPTZ,
  delivered_at TIMESTAMPTZ,
  created_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
  updated_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
  CONSTRAINT ck_webhook_deliveries_status CHECK (status IN ('pending', 'delivered', 'failed')),
  CONSTRAINT ck_webhook_deliveries_channel CHECK (channel IN ('webhook', 'slack', 'discord')),
  CONSTRAINT ck_webhook_deliveries_recipient CHECK ((channel = 'webhook') = (webhook_id IS NOT NULL)
    AND (channel = 'webhook' OR target_url IS NOT NULL)),
  CONSTRAINT ck_webhook_deliveries_pending_has_time CHECK (status <> 'pending' OR next_attempt_at IS NOT NULL)
);
-- the sender's claim: pending rows whose time has come, oldest first
CREATE INDEX idx_webhook_deliveries_due ON webhook_deliveries(next_attempt_at) WHERE status = 'pending';
-- a webhook's delivery log, newest first
CREATE INDEX idx_webhook_deliveries_webhook ON webhook_deliveries(webhook_id, id DESC);
CREATE INDEX idx_webhook_deliveries_event ON webhook_deliveries(event_id);
-- retention
CREATE INDEX idx_webhook_deliveries_created ON webhook_deliveries(created_at);
CREATE TRIGGER trg_webhook_deliveries_updated_at BEFORE UPDATE ON webhook_deliveries
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();
