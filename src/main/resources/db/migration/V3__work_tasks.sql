-- Migration v3 of seed 000: work tasks and per-file locks, exactly as the seed.

CREATE TABLE work_tasks (
  id SERIAL PRIMARY KEY,
  team_id VARCHAR(32) REFERENCES teams(id) ON DELETE CASCADE,
  project_name VARCHAR(100) REFERENCES projects(name) ON DELETE CASCADE,
  title VARCHAR(500) NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  author VARCHAR(255) NOT NULL,
  branch VARCHAR(255),
  pr_number INTEGER,
  status VARCHAR(20) NOT NULL DEFAULT 'draft',
  priority VARCHAR(20) NOT NULL DEFAULT 'medium',
  affected_files JSONB DEFAULT '[]',
  affected_areas JSONB DEFAULT '[]',
  progress_notes JSONB DEFAULT '[]',
  deploy_id VARCHAR(32),
  created_at TIMESTAMPTZ DEFAULT NOW(),
  updated_at TIMESTAMPTZ DEFAULT NOW()
);

CREATE TABLE work_task_files (
  id SERIAL PRIMARY KEY,
  task_id INTEGER REFERENCES work_tasks(id) ON DELETE CASCADE,
  file_path VARCHAR(1000) NOT NULL,
  lock_type VARCHAR(20) NOT NULL DEFAULT 'editing',
  change_description TEXT,
  status VARCHAR(20) NOT NULL DEFAULT 'locked',
  locked_at TIMESTAMPTZ DEFAULT NOW(),
  released_at TIMESTAMPTZ
);

CREATE INDEX idx_work_tasks_team ON work_tasks(team_id);
CREATE INDEX idx_work_tasks_project ON work_tasks(project_name);
CREATE INDEX idx_work_tasks_status ON work_tasks(status);
CREATE INDEX idx_work_tasks_author ON work_tasks(author);
CREATE INDEX idx_work_task_files_task ON work_task_files(task_id);
CREATE INDEX idx_work_task_files_path ON work_task_files(file_path);
CREATE INDEX idx_work_task_files_status ON work_task_files(status);
