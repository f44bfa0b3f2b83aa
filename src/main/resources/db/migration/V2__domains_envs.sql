-- Migration v2 of seed 000: domains and versioned environment variables, exactly as the seed.

CREATE TABLE domains (
  id SERIAL PRIMARY KEY,
  domain VARCHAR(255) UNIQUE NOT NULL,
  project_name VARCHAR(100) REFERENCES projects(name) ON DELETE CASCADE,
  environment VARCHAR(20) NOT NULL DEFAULT 'production',
  type VARCHAR(20) NOT NULL DEFAULT 'subdomain',
  ssl_enabled BOOLEAN DEFAULT true,
  ssl_issuer VARCHAR(100) DEFAULT 'letsencrypt',
  dns_configured BOOLEAN DEFAULT false,
  dns_verified_at TIMESTAMPTZ,
  caddy_configured BOOLEAN DEFAULT false,
  status VARCHAR(20) DEFAULT 'pending',
  created_by VARCHAR(255),
  created_at TIMESTAMPTZ DEFAULT NOW(),
  updated_at TIMESTAMPTZ DEFAULT NOW()
);

CREATE TABLE project_envs (
  id SERIAL PRIMARY KEY,
  project_name VARCHAR(100) REFERENCES projects(name) ON DELETE CASCADE,
  environment VARCHAR(20) NOT NULL DEFAULT 'production',
  env_data JSONB NOT NULL DEFAULT '{}',
  encrypted BOOLEAN DEFAULT false,
  version INTEGER DEFAULT 1,
  created_by VARCHAR(255),
  created_at TIMESTAMPTZ DEFAULT NOW(),
  updated_at TIMESTAMPTZ DEFAULT NOW(),
  UNIQUE(project_name, environment)
);

CREATE INDEX idx_domains_project ON domains(project_name);
CREATE INDEX idx_domains_domain ON domains(domain);

CREATE INDEX idx_project_envs_project ON project_envs(project_name, environment);
