-- Integrity rules over the seed schema (SPEC §3). The seed's columns keep their meaning; what changes is
-- that the database itself refuses states the product defines as impossible, so a bug or a race in the
-- application surfaces as a constraint violation instead of silently corrupt data.

-- ---------------------------------------------------------------------------------------------------
-- NOT NULL where the domain needs a value and the seed's default already supplies one on insert.
-- Without these, a NULL would slip past the CHECKs below (a CHECK on NULL is not false).
-- ---------------------------------------------------------------------------------------------------
ALTER TABLE teams
  ALTER COLUMN plan SET NOT NULL,
  ALTER COLUMN settings SET NOT NULL;

ALTER TABLE api_keys
  ALTER COLUMN scopes SET NOT NULL;

ALTER TABLE project_slots
  ALTER COLUMN blue_state SET NOT NULL,
  ALTER COLUMN green_state SET NOT NULL,
  ALTER COLUMN blue_health_status SET NOT NULL,
  ALTER COLUMN green_health_status SET NOT NULL;

ALTER TABLE deployments
  ALTER COLUMN status SET NOT NULL;

ALTER TABLE domains
  ALTER COLUMN status SET NOT NULL;

ALTER TABLE project_envs
  ALTER COLUMN version SET NOT NULL;

-- ---------------------------------------------------------------------------------------------------
-- Enumerated columns (values of SPEC §4/§5).
-- ---------------------------------------------------------------------------------------------------
ALTER TABLE teams
  ADD CONSTRAINT ck_teams_plan CHECK (plan IN ('free', 'pro', 'enterprise'));

ALTER TABLE team_members
  ADD CONSTRAINT ck_team_members_role CHECK (role IN ('owner', 'admin', 'member', 'viewer'));

ALTER TABLE api_keys
  ADD CONSTRAINT ck_api_keys_role CHECK (role IN ('owner', 'admin', 'member', 'viewer'));

ALTER TABLE projects
  ADD CONSTRAINT ck_projects_type CHECK (type IN ('nextjs', 'remix', 'nodejs', 'python', 'go')),
  ADD CONSTRAINT ck_projects_database_port CHECK (database_port BETWEEN 1 AND 65535),
  ADD CONSTRAINT ck_projects_redis_port CHECK (redis_port BETWEEN 1 AND 65535),
  ADD CONSTRAINT ck_projects_redis_db CHECK (redis_db >= 0);

ALTER TABLE project_slots
  ADD CONSTRAINT ck_project_slots_environment CHECK (environment IN ('production', 'staging', 'preview')),
  ADD CONSTRAINT ck_project_slots_active_slot CHECK (active_slot IN ('blue', 'green')),
  ADD CONSTRAINT ck_project_slots_blue_state CHECK (blue_state IN ('empty', 'deployed', 'active', 'grace')),
  ADD CONSTRAINT ck_project_slots_green_state CHECK (green_state IN ('empty', 'deployed', 'active', 'grace')),
  ADD CONSTRAINT ck_project_slots_blue_health_status CHECK (blue_health_status IN ('healthy', 'unhealthy', 'unknown')),
  ADD CONSTRAINT ck_project_slots_green_health_status CHECK (green_health_status IN ('healthy', 'unhealthy', 'unknown')),
  ADD CONSTRAINT ck_project_slots_blue_port CHECK (blue_port BETWEEN 1 AND 65535),
  ADD CONSTRAINT ck_project_slots_green_port CHECK (green_port BETWEEN 1 AND 65535),
  -- Row invariants of the blue-green lifecycle (SPEC §5: at most one active, at most one grace slot,
  -- activeSlot pointing at the active one, a rollback window exactly while a slot is in grace).
  -- A fresh row (empty/empty, active_slot 'blue', no grace_expires_at) satisfies all of them.
  ADD CONSTRAINT ck_project_slots_single_active CHECK (NOT (blue_state = 'active' AND green_state = 'active')),
  ADD CONSTRAINT ck_project_slots_single_grace CHECK (NOT (blue_state = 'grace' AND green_state = 'grace')),
  ADD CONSTRAINT ck_project_slots_active_slot_is_active CHECK (
      (blue_state <> 'active' OR active_slot = 'blue') AND (green_state <> 'active' OR active_slot = 'green')),
  ADD CONSTRAINT ck_project_slots_grace_expiry CHECK (
      (grace_expires_at IS NOT NULL) = (blue_state = 'grace' OR green_state = 'grace'));

ALTER TABLE deployments
  ADD CONSTRAINT ck_deployments_environment CHECK (environment IN ('production', 'staging', 'preview')),
  ADD CONSTRAINT ck_deployments_slot CHECK (slot IN ('blue', 'green')),
  ADD CONSTRAINT ck_deployments_status CHECK (status IN ('pending', 'running', 'success', 'failed')),
  ADD CONSTRAINT ck_deployments_duration CHECK (duration >= 0);

ALTER TABLE audit_logs
  ADD CONSTRAINT ck_audit_logs_duration CHECK (duration >= 0);

ALTER TABLE domains
  ADD CONSTRAINT ck_domains_environment CHECK (environment IN ('production', 'staging', 'preview')),
  ADD CONSTRAINT ck_domains_type CHECK (type IN ('subdomain', 'custom')),
  ADD CONSTRAINT ck_domains_status CHECK (status IN ('pending', 'active', 'error'));

ALTER TABLE project_envs
  ADD CONSTRAINT ck_project_envs_environment CHECK (environment IN ('production', 'staging', 'preview')),
  ADD CONSTRAINT ck_project_envs_version CHECK (version >= 1);

ALTER TABLE work_tasks
  ADD CONSTRAINT ck_work_tasks_status CHECK (status IN ('draft', 'in-progress', 'review', 'done', 'deployed')),
  ADD CONSTRAINT ck_work_tasks_priority CHECK (priority IN ('low', 'medium', 'high', 'critical')),
  ADD CONSTRAINT ck_work_tasks_pr_number CHECK (pr_number >= 1);

ALTER TABLE work_task_files
  ADD CONSTRAINT ck_work_task_files_lock_type CHECK (lock_type IN ('editing', 'reviewing')),
  ADD CONSTRAINT ck_work_task_files_status CHECK (status IN ('locked', 'released'));

-- ---------------------------------------------------------------------------------------------------
-- updated_at is maintained by the database, so no code path can forget it (it also backs the ETags).
-- ---------------------------------------------------------------------------------------------------
CREATE FUNCTION set_updated_at() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW.updated_at := NOW();
  RETURN NEW;
END;
$$;

CREATE TRIGGER trg_teams_updated_at BEFORE UPDATE ON teams
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();
CREATE TRIGGER trg_projects_updated_at BEFORE UPDATE ON projects
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();
CREATE TRIGGER trg_project_slots_updated_at BEFORE UPDATE ON project_slots
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();
CREATE TRIGGER trg_domains_updated_at BEFORE UPDATE ON domains
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();
CREATE TRIGGER trg_project_envs_updated_at BEFORE UPDATE ON project_envs
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();
CREATE TRIGGER trg_work_tasks_updated_at BEFORE UPDATE ON work_tasks
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- ---------------------------------------------------------------------------------------------------
-- Env-var version history: project_envs holds only the current version; diff, list and rollback of
-- SPEC §5 need every earlier one.
-- ---------------------------------------------------------------------------------------------------
CREATE TABLE project_env_versions (
  id BIGSERIAL PRIMARY KEY,
  project_name VARCHAR(100) NOT NULL REFERENCES projects(name) ON DELETE CASCADE,
  environment VARCHAR(20) NOT NULL,
  version INTEGER NOT NULL,
  env_data JSONB NOT NULL,
  encrypted BOOLEAN NOT NULL DEFAULT false,
  created_by VARCHAR(255),
  created_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
  CONSTRAINT ck_project_env_versions_environment CHECK (environment IN ('production', 'staging', 'preview')),
  CONSTRAINT ck_project_env_versions_version CHECK (version >= 1),
  CONSTRAINT uq_project_env_versions UNIQUE (project_name, environment, version)
);

-- An installation that already holds variables gets their current version as the first history entry,
-- so "the current version is always in the history" holds from the start.
INSERT INTO project_env_versions (project_name, environment, version, env_data, encrypted, created_by, created_at)
SELECT project_name, environment, version, env_data, COALESCE(encrypted, false), created_by,
       COALESCE(updated_at, created_at, NOW())
FROM project_envs
WHERE project_name IS NOT NULL;

-- The env version current when a deployment was created, so a rollback can restore it (NULL: none).
ALTER TABLE deployments ADD COLUMN env_version INTEGER;

-- ---------------------------------------------------------------------------------------------------
-- File locks: at most one live `editing` lock per file per project, enforced under concurrency.
-- The project lives on the task, so it is copied onto each lock row by trigger (never by the
-- application) to be visible to a partial unique index.
-- ---------------------------------------------------------------------------------------------------
ALTER TABLE work_task_files
  ADD COLUMN project_name VARCHAR(100) REFERENCES projects(name) ON DELETE CASCADE;

UPDATE work_task_files f SET project_name = t.project_name FROM work_tasks t WHERE t.id = f.task_id;

CREATE FUNCTION work_task_files_set_project_name() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW.project_name := (SELECT t.project_name FROM work_tasks t WHERE t.id = NEW.task_id);
  RETURN NEW;
END;
$$;

CREATE TRIGGER trg_work_task_files_project_name BEFORE INSERT OR UPDATE ON work_task_files
  FOR EACH ROW EXECUTE FUNCTION work_task_files_set_project_name();

-- Keeps the copy right if a task is ever moved to another project.
CREATE FUNCTION work_tasks_propagate_project_name() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE work_task_files SET project_name = NEW.project_name WHERE task_id = NEW.id;
  RETURN NULL;
END;
$$;

CREATE TRIGGER trg_work_tasks_project_name AFTER UPDATE OF project_name ON work_tasks
  FOR EACH ROW WHEN (OLD.project_name IS DISTINCT FROM NEW.project_name)
  EXECUTE FUNCTION work_tasks_propagate_project_name();

CREATE UNIQUE INDEX ux_work_task_files_editing ON work_task_files(project_name, file_path)
  WHERE status = 'locked' AND lock_type = 'editing';

-- ---------------------------------------------------------------------------------------------------
-- Indexes for the scheduled sweeps and the deploy lock: each touches a small live subset of a table
-- that keeps growing, so partial indexes keep them cheap.
-- ---------------------------------------------------------------------------------------------------
CREATE INDEX idx_project_slots_grace ON project_slots(grace_expires_at)
  WHERE grace_expires_at IS NOT NULL;

CREATE INDEX idx_deployments_in_flight ON deployments(project_name, environment)
  WHERE status IN ('pending', 'running');

CREATE INDEX idx_deployments_in_flight_created ON deployments(created_at)
  WHERE status IN ('pending', 'running');

-- ---------------------------------------------------------------------------------------------------
-- Environment freeze (SPEC §5): while a row exists, deploy and promote are refused; rollback is not.
-- ---------------------------------------------------------------------------------------------------
CREATE TABLE environment_freezes (
  project_name VARCHAR(100) NOT NULL REFERENCES projects(name) ON DELETE CASCADE,
  environment VARCHAR(20) NOT NULL,
  message TEXT NOT NULL,
  frozen_by VARCHAR(255),
  since TIMESTAMPTZ NOT NULL DEFAULT NOW(),
  until TIMESTAMPTZ,
  CONSTRAINT ck_environment_freezes_environment CHECK (environment IN ('production', 'staging', 'preview')),
  PRIMARY KEY (project_name, environment)
);
