-- Every replica keeps memory views of the rows its hot reads need (verified keys, project owners, slot views) and drops
-- an entry as soon as PostgreSQL says the rows behind it changed (SPEC §7 "Several replicas", issue 10). NOTIFY is sent
-- at commit and never for a rolled-back change; identical payloads of one transaction are delivered once.
-- Payload: '<kind>:<key>' on channel codeb_changes — slot:<project>/<environment>, project:<name>, key:<id>.

CREATE FUNCTION codeb_notify_slot() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    PERFORM pg_notify('codeb_changes', 'slot:' || OLD.project_name || '/' || OLD.environment);
  END IF;
  IF TG_OP <> 'DELETE' THEN
    PERFORM pg_notify('codeb_changes', 'slot:' || NEW.project_name || '/' || NEW.environment);
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION codeb_notify_project() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    PERFORM pg_notify('codeb_changes', 'project:' || OLD.name);
  END IF;
  IF TG_OP <> 'DELETE' THEN
    PERFORM pg_notify('codeb_changes', 'project:' || NEW.name);
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION codeb_notify_key() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    PERFORM pg_notify('codeb_changes', 'key:' || OLD.id);
  END IF;
  IF TG_OP <> 'DELETE' THEN
    PERFORM pg_notify('codeb_changes', 'key:' || NEW.id);
  END IF;
  RETURN NULL;
END $$;

-- A slot view is the slots row, the checks of its current builds and the freeze of its environment.
CREATE TRIGGER project_slots_notify AFTER INSERT OR UPDATE OR DELETE ON project_slots
  FOR EACH ROW EXECUTE FUNCTION codeb_notify_slot();
CREATE TRIGGER slot_checks_notify AFTER INSERT OR UPDATE OR DELETE ON slot_checks
  FOR EACH ROW EXECUTE FUNCTION codeb_notify_slot();
CREATE TRIGGER environment_freezes_notify AFTER INSERT OR UPDATE OR DELETE ON environment_freezes
  FOR EACH ROW EXECUTE FUNCTION codeb_notify_slot();

-- Only the owner matters to the memory view of a project.
CREATE TRIGGER projects_notify AFTER INSERT OR DELETE OR UPDATE OF name, team_id ON projects
  FOR EACH ROW EXECUTE FUNCTION codeb_notify_project();

-- last_used_at is stamped in batches every 30 s and changes nothing a verification reads: it does not notify.
CREATE TRIGGER api_keys_notify AFTER INSERT OR DELETE
  OR UPDATE OF id, key_hash, key_prefix, name, team_id, role, scopes, rate_limit, expires_at, revoked_at, revoked_by ON api_keys
  FOR EACH ROW EXECUTE FUNCTION codeb_notify_key();
