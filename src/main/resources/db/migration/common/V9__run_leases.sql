-- Replica leases (docs/ARCHITECTURE.md, "Durability"): the replica executing an active run renews
-- lease_expires_at while it runs; another replica may close the run only once the lease has expired.
ALTER TABLE runs ADD COLUMN replica TEXT;
ALTER TABLE runs ADD COLUMN lease_expires_at BIGINT;
-- Why a run that did not complete ended: user, shutdown, risk, error or interrupted.
ALTER TABLE runs ADD COLUMN stop_reason TEXT;
CREATE INDEX runs_by_lease ON runs (status, lease_expires_at);
