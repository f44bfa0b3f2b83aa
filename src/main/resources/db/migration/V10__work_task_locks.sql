-- File locks of work tasks (SPEC §5): a task holds at most one live lock per file, so a repeated or concurrent lock
-- request of the same task cannot leave two rows that would each need releasing. Rows that already break the rule
-- (possible only in data written before this service) keep their oldest lock; the others are released.
UPDATE work_task_files f SET status = 'released', released_at = COALESCE(f.released_at, NOW())
WHERE f.status = 'locked'
  AND EXISTS (SELECT 1 FROM work_task_files o
              WHERE o.task_id = f.task_id AND o.file_path = f.file_path AND o.status = 'locked' AND o.id < f.id);

CREATE UNIQUE INDEX ux_work_task_files_task_path ON work_task_files(task_id, file_path)
  WHERE status = 'locked';

-- A project's live locks (GET /projects/{name}/locks) without scanning the released ones.
CREATE INDEX idx_work_task_files_project_live ON work_task_files(project_name, id)
  WHERE status = 'locked';

-- The work-task list of a team, newest first.
CREATE INDEX idx_work_tasks_team_id_desc ON work_tasks(team_id, id DESC);
