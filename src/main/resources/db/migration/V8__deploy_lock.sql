-- The deploy lock of SPEC §5, enforced by the database as well as by the service: at most one pending or
-- running deployment per project environment, whatever the code or a race does.
DROP INDEX idx_deployments_in_flight;
CREATE UNIQUE INDEX ux_deployments_in_flight ON deployments(project_name, environment)
  WHERE status IN ('pending', 'running');
