-- SPEC §12: per-environment promotion policy, the prober's last check of each slot, promotion requests and approvals.

CREATE TABLE environment_policies (
  project_name VARCHAR(100) NOT NULL REFERENCES projects(name) ON DELETE CASCADE,
  environment VARCHAR(20) NOT NULL,
  health_path VARCHAR(500),
  health_interval_seconds INTEGER,
  health_timeout_ms INTEGER,
  healthy_after INTEGER,
  unhealthy_after INTEGER,
  auto_promote BOOLEAN,
  auto_rollback_window_seconds INTEGER,
  required_approvals INTEGER NOT NULL DEFAULT 0,
  prevent_self_approval BOOLEAN NOT NULL DEFAULT TRUE,
  updated_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
  updated_by VARCHAR(255),
  -- the replica probing this environment, until when (one prober per environment across replicas)
  probe_owner VARCHAR(100),
  probe_lease_until TIMESTAMPTZ,
  PRIMARY KEY (project_name, environment),
  CONSTRAINT ck_environment_policies_environment CHECK (environment IN ('production', 'staging', 'preview')),
  CONSTRAINT ck_environment_policies_health CHECK (health_path IS NULL OR (health_path LIKE '/%'
    AND health_interval_seconds BETWEEN 1 AND 3600 AND health_timeout_ms BETWEEN 100 AND 60000
    AND healthy_after BETWEEN 1 AND 100 AND unhealthy_after BETWEEN 1 AND 100)),
  CONSTRAINT ck_environment_policies_window CHECK (auto_rollback_window_seconds IS NULL
    OR auto_rollback_window_seconds BETWEEN 1 AND 604800),
  CONSTRAINT ck_environment_policies_approvals CHECK (required_approvals BETWEEN 0 AND 5)
);
CREATE INDEX idx_environment_policies_probed ON environment_policies(probe_lease_until) WHERE health_path IS NOT NULL;

-- The last probe of the build on one side (deployed_at names the build: a new deploy starts a fresh streak).
CREATE TABLE slot_checks (
  project_name VARCHAR(100) NOT NULL REFERENCES projects(name) ON DELETE CASCADE,
  environment VARCHAR(20) NOT NULL,
  slot VARCHAR(10) NOT NULL,
  deployed_at TIMESTAMPTZ NOT NULL,
  checked_at TIMESTAMPTZ NOT NULL,
  ok BOOLEAN NOT NULL,
  detail VARCHAR(300) NOT NULL,
  passes INTEGER NOT NULL,
  failures INTEGER NOT NULL,
  PRIMARY KEY (project_name, environment, slot),
  CONSTRAINT ck_slot_checks_slot CHECK (slot IN ('blue', 'green'))
);

-- A success report waiting for the slot to turn healthy before the automatic promote (SPEC §12), until this time.
ALTER TABLE deployments ADD COLUMN auto_promote_until TIMESTAMPTZ;
CREATE INDEX idx_deployments_auto_promote ON deployments(auto_promote_until) WHERE auto_promote_until IS NOT NULL;

CREATE TABLE promotions (
  id VARCHAR(32) PRIMARY KEY,
  project_name VARCHAR(100) NOT NULL REFERENCES projects(name) ON DELETE CASCADE,
  environment VARCHAR(20) NOT NULL,
  deployment_id VARCHAR(32) NOT NULL REFERENCES deployments(id) ON DELETE CASCADE,
  team_id VARCHAR(32) NOT NULL,
  requested_by VARCHAR(255) NOT NULL,
  requested_key VARCHAR(32),
  required INTEGER NOT NULL,
  prevent_self_approval BOOLEAN NOT NULL,
  status VARCHAR(20) NOT NULL DEFAULT 'pending',
  reason TEXT,
  last_error TEXT,
  decided_by VARCHAR(255),
  created_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
  decided_at TIMESTAMPTZ,
  CONSTRAINT ck_promotions_status CHECK (status IN ('pending', 'approved', 'rejected', 'superseded')),
  CONSTRAINT ck_promotions_required CHECK (required BETWEEN 1 AND 5)
);
-- at most one open request per project environment
CREATE UNIQUE INDEX ux_promotions_open ON promotions(project_name, environment) WHERE status = 'pending';

CREATE TABLE promotion_approvals (
  promotion_id VARCHAR(32) NOT NULL REFERENCES promotions(id) ON DELETE CASCADE,
  approver_key VARCHAR(32) NOT NULL,
  approver VARCHAR(255) NOT NULL,
  approved_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
  PRIMARY KEY (promotion_id, approver_key)
);

-- A newer deployment taking a slot of the environment supersedes its open request, whichever path started it
-- (a deploy, a queued one starting, a redeploy).
CREATE FUNCTION supersede_open_promotions() RETURNS trigger AS $$
BEGIN
  UPDATE promotions SET status = 'superseded', decided_at = NOW(), reason = 'superseded by ' || NEW.id
   WHERE project_name = NEW.project_name AND environment = NEW.environment AND status = 'pending'
     AND deployment_id <> NEW.id;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER trg_deployments_supersede_promotions AFTER INSERT OR UPDATE OF slot ON deployments
  FOR EACH ROW WHEN (NEW.slot IS NOT NULL) EXECUTE FUNCTION supersede_open_promotions();
