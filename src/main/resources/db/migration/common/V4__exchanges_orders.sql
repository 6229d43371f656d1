-- Candles downloaded from exchanges, and the open-time ranges [from_time, to_time) already fetched.
CREATE TABLE candles (
    exchange  TEXT NOT NULL,
    symbol    TEXT NOT NULL,
    timeframe TEXT NOT NULL,
    open_time BIGINT NOT NULL,
    open      DOUBLE PRECISION NOT NULL,
    high      DOUBLE PRECISION NOT NULL,
    low       DOUBLE PRECISION NOT NULL,
    close     DOUBLE PRECISION NOT NULL,
    volume    DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (exchange, symbol, timeframe, open_time)
);
CREATE TABLE candle_ranges (
    exchange  TEXT NOT NULL,
    symbol    TEXT NOT NULL,
    timeframe TEXT NOT NULL,
    from_time BIGINT NOT NULL,
    to_time   BIGINT NOT NULL,
    PRIMARY KEY (exchange, symbol, timeframe, from_time)
);

-- Orders placed through the orders API, on any exchange. client_order_id makes submission idempotent.
CREATE TABLE orders (
    id                TEXT PRIMARY KEY,
    owner             TEXT NOT NULL,
    exchange          TEXT NOT NULL,
    client_order_id   TEXT NOT NULL,
    exchange_order_id TEXT,
    symbol            TEXT NOT NULL,
    side              TEXT NOT NULL,
    type              TEXT NOT NULL,
    amount            DOUBLE PRECISION NOT NULL,
    price             DOUBLE PRECISION,
    stop_price        DOUBLE PRECISION,
    status            TEXT NOT NULL,
    filled            DOUBLE PRECISION NOT NULL,
    average_price     DOUBLE PRECISION,
    fee               DOUBLE PRECISION NOT NULL,
    locked            DOUBLE PRECISION NOT NULL,
    reason            TEXT,
    created_at        BIGINT NOT NULL,
    updated_at        BIGINT NOT NULL,
    UNIQUE (owner, exchange, client_order_id)
);
CREATE INDEX orders_by_owner ON orders (owner, exchange, created_at);
CREATE INDEX orders_by_status ON orders (exchange, status);

-- Balances of each user's account at the simulated exchange.
CREATE TABLE sim_balances (
    account TEXT NOT NULL,
    asset   TEXT NOT NULL,
    free    DOUBLE PRECISION NOT NULL,
    locked  DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (account, asset)
);

-- Exchange credentials per user and exchange, sealed with AES-GCM (base64 of nonce + ciphertext).
CREATE TABLE exchange_credentials (
    owner      TEXT NOT NULL,
    exchange   TEXT NOT NULL,
    sealed     TEXT NOT NULL,
    sandbox    BOOLEAN NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (owner, exchange)
);
