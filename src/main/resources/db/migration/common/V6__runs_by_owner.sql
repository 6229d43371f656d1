-- Lists of a user's runs (GET /api/v1/runs shows the caller's own), newest first.
CREATE INDEX runs_by_owner ON runs (owner, created_at);
