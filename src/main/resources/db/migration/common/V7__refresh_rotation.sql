-- Refresh-token rotation: the id of the one refresh token of a session that may still be used.
ALTER TABLE sessions ADD COLUMN refresh_id TEXT;
