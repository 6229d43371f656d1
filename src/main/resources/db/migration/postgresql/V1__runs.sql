-- Runs of every mode: what was asked, where it stands, and its outcome.
CREATE TABLE runs (
    id              TEXT PRIMARY KEY,
    mode            TEXT NOT NULL,
    strategy_name   TEXT NOT NULL,
    exchange        TEXT NOT NULL,
    symbols         TEXT NOT NULL,
    timeframe       TEXT NOT NULL,
    request         TEXT NOT NULL,
    status          TEXT NOT NULL,
    error           TEXT,
    created_at      BIGINT NOT NULL,
    started_at      BIGINT,
    finished_at     BIGINT,
    runtime_seconds DOUBLE PRECISION,
    progress        DOUBLE PRECISION NOT NULL DEFAULT 0,
    bars_processed  BIGINT NOT NULL DEFAULT 0,
    initial_cash    DOUBLE PRECISION NOT NULL,
    cash            DOUBLE PRECISION,
    equity          DOUBLE PRECISION,
    trade_count     INTEGER NOT NULL DEFAULT 0,
    metrics         TEXT,
    positions       TEXT
);
CREATE INDEX runs_by_created ON runs (created_at);
CREATE INDEX runs_by_status ON runs (status);

-- Every fill of a run, in execution order.
CREATE TABLE run_trades (
    run_id     TEXT NOT NULL,
    seq        INTEGER NOT NULL,
    time       BIGINT NOT NULL,
    symbol     TEXT NOT NULL,
    side       TEXT NOT NULL,
    size       DOUBLE PRECISION NOT NULL,
    price      DOUBLE PRECISION NOT NULL,
    commission DOUBLE PRECISION NOT NULL,
    pnl        DOUBLE PRECISION,
    PRIMARY KEY (run_id, seq)
);

-- The full equity curve of a run, packed: per point epoch ms (8 bytes), value and cash (8 each).
CREATE TABLE run_equity (
    run_id TEXT PRIMARY KEY,
    points INTEGER NOT NULL,
    data   BYTEA NOT NULL
);
