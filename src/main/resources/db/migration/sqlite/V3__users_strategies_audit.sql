-- Who started each run, and the configured strategy it runs for (NULL for ad-hoc runs).
ALTER TABLE runs ADD COLUMN owner TEXT;
ALTER TABLE runs ADD COLUMN strategy_id TEXT;
CREATE INDEX runs_by_strategy ON runs (strategy_id, created_at);

-- Accounts. Passwords are bcrypt hashes.
CREATE TABLE users (
    id            TEXT PRIMARY KEY,
    username      TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    role          TEXT NOT NULL,
    created_at    BIGINT NOT NULL
);

-- API keys: the secret part is stored as a bcrypt hash; permissions is a comma-separated subset of read,write.
CREATE TABLE api_keys (
    id          TEXT PRIMARY KEY,
    user_id     TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name        TEXT NOT NULL,
    secret_hash TEXT NOT NULL,
    permissions TEXT NOT NULL,
    rate_limit  INTEGER,
    created_at  BIGINT NOT NULL,
    expires_at  BIGINT,
    revoked_at  BIGINT,
    last_used_at BIGINT
);
CREATE INDEX api_keys_by_user ON api_keys (user_id);

-- Login sessions: one per refresh token; access tokens carry the session id and die with it.
CREATE TABLE sessions (
    id         TEXT PRIMARY KEY,
    user_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    revoked_at BIGINT
);
CREATE INDEX sessions_by_user ON sessions (user_id);

-- Service-wide settings kept in the database so every replica shares them (e.g. the token signing key).
CREATE TABLE settings (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- Configured strategy instances (05).
CREATE TABLE strategies (
    id              TEXT PRIMARY KEY,
    owner_id        TEXT NOT NULL,
    name            TEXT NOT NULL,
    description     TEXT,
    category        TEXT NOT NULL,
    strategy_type   TEXT NOT NULL,
    parameters      TEXT NOT NULL,
    risk_level      TEXT NOT NULL,
    tags            TEXT NOT NULL,
    timeframe       TEXT NOT NULL,
    symbols         TEXT NOT NULL,
    exchange        TEXT NOT NULL,
    initial_capital DOUBLE PRECISION NOT NULL,
    ensemble        TEXT,
    status          TEXT NOT NULL,
    current_run_id  TEXT,
    created_at      BIGINT NOT NULL,
    updated_at      BIGINT NOT NULL
);
CREATE INDEX strategies_by_owner ON strategies (owner_id);

-- Sharing: what another user may do with a strategy (comma-separated read,write,execute,delete,share).
CREATE TABLE strategy_permissions (
    strategy_id TEXT NOT NULL REFERENCES strategies (id) ON DELETE CASCADE,
    user_id     TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    permissions TEXT NOT NULL,
    PRIMARY KEY (strategy_id, user_id)
);

-- Every change and run of a strategy, with who did it.
CREATE TABLE strategy_history (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    strategy_id TEXT NOT NULL,
    time        BIGINT NOT NULL,
    event_type  TEXT NOT NULL,
    username    TEXT,
    details     TEXT
);
CREATE INDEX history_by_strategy ON strategy_history (strategy_id, time);

-- Trading signals of strategies running paper or live.
CREATE TABLE strategy_signals (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    strategy_id TEXT NOT NULL,
    run_id      TEXT NOT NULL,
    time        BIGINT NOT NULL,
    symbol      TEXT NOT NULL,
    side        TEXT NOT NULL,
    price       DOUBLE PRECISION NOT NULL,
    size        DOUBLE PRECISION NOT NULL,
    pnl         DOUBLE PRECISION
);
CREATE INDEX signals_by_strategy ON strategy_signals (strategy_id, time);

-- Every state-changing request: who, when, what, on which target, and the answer.
CREATE TABLE audit_log (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    time     BIGINT NOT NULL,
    username TEXT,
    method   TEXT NOT NULL,
    path     TEXT NOT NULL,
    target   TEXT,
    status   INTEGER NOT NULL,
    client   TEXT
);
CREATE INDEX audit_by_time ON audit_log (time);
