-- Backtests of configured strategies (POST /api/strategies/{id}/backtest): the run, what was asked
-- for beside it (Monte Carlo, walk-forward) as JSON, and once the run ended the analyses or why they failed.
CREATE TABLE strategy_backtests (
    run_id      TEXT PRIMARY KEY,
    strategy_id TEXT NOT NULL,
    options     TEXT NOT NULL,
    analysis    TEXT,
    error       TEXT,
    created_at  BIGINT NOT NULL
);
CREATE INDEX strategy_backtests_strategy ON strategy_backtests (strategy_id, created_at);
