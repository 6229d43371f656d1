-- Strategy types users define as entry/exit rules (see RuleCompiler), kept across restarts.
CREATE TABLE rule_strategies (
    name        TEXT PRIMARY KEY,
    description TEXT,
    definition  TEXT NOT NULL,
    created_at  BIGINT NOT NULL
);
