package io.cracktrader.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The service's own settings ({@code cracktrader.*}; each can be set as {@code CRACKTRADER_...}). */
@ConfigMapping(prefix = "cracktrader")
public interface CracktraderConfig {

    /** Directory of the embedded database and other local state ({@code CRACKTRADER_DATA_DIR}). */
    @WithDefault("./data")
    String dataDir();

    /** Below this much free space on the data directory's volume the service reports itself not ready. */
    @WithDefault("64")
    long dataMinFreeMb();

    Runs runs();

    Exchanges exchanges();

    Live live();

    Auth auth();

    Admin admin();

    RateLimit rateLimit();

    Ws ws();

    Trading trading();

    Secrets secrets();

    interface Runs {
        /** Runs executing at once; further runs wait in order. 0 means one per CPU core. */
        @WithDefault("0")
        int maxConcurrent();

        /** Largest number of bars (summed over symbols) one run may load. */
        @WithDefault("20000000")
        long maxBars();

        /** Bars loaded when a backtest gives no start date. */
        @WithDefault("1000")
        int defaultLookbackBars();

        /** Most equity points in {@code /api/v1/results} and status; the full curve is at {@code /runs/{id}/equity}. */
        @WithDefault("2000")
        int maxResultEquityPoints();

        /** Closed bars a paper run on a real exchange warms its indicators up on before it trades. */
        @WithDefault("500")
        int warmupBars();

        /**
         * How long a replica's hold on its active runs lasts without a renewal (it renews every third
         * of it). Another replica closes a run only after its lease expired (docs/ARCHITECTURE.md, "Durability").
         */
        @WithDefault("PT30S")
        Duration lease();

        /** This replica's name in the runs it holds; by default the host name (the pod's name) and a random suffix. */
        Optional<String> replicaId();

        /** How long the end of a run is retried while the database cannot take it, before the run is reported failed. */
        @WithDefault("PT20S")
        Duration finalWriteRetry();
    }

    interface Exchanges {
        /** The exchange used when a request names none. */
        @WithDefault("simulated")
        String defaultExchange();

        /** Base URL of Binance's REST API; tests point it at a local server. */
        Optional<String> binanceUrl();

        /** Seconds before a call to an exchange is abandoned. */
        @WithDefault("10")
        int timeoutSeconds();

        /** Exchanges the service cannot work without: readiness is down while one of them is. */
        Optional<List<String>> required();

        /** How long a readiness probe of a required exchange is trusted before it is fetched again. */
        @WithDefault("PT10S")
        Duration readinessProbeInterval();

        /** Attempts of a read (market data, balances, orders) that fails for a passing reason: timeout, 5xx, 429. */
        @WithDefault("3")
        int attempts();

        /** Wait before the first retry; it doubles with each further one. */
        @WithDefault("PT0.2S")
        Duration retryBackoff();

        /** Consecutive failed calls after which an exchange is not called for {@link #breakerOpen()}. */
        @WithDefault("5")
        int breakerFailures();

        /** How long an exchange that keeps failing is left alone before one call probes it again. */
        @WithDefault("PT30S")
        Duration breakerOpen();

        Simulated simulated();
    }

    interface Simulated {
        /**
         * How fast the simulated market's clock runs in paper mode: 1 is real time, 60 makes a
         * one-minute bar close every second.
         */
        @WithDefault("1")
        double clockSpeed();

        /** Closed bars a paper run on the simulated exchange starts with, to warm up indicators. */
        @WithDefault("500")
        int warmupBars();

        /** What each user's simulated account holds when first used, as ASSET=amount pairs. */
        @WithDefault("USDT=10000")
        List<String> initialBalances();

        /** Fee of a simulated fill, as a fraction of its notional, charged in the quote currency. */
        @WithDefault("0.001")
        double fee();

        /** How often resting simulated orders are checked against the market. */
        @WithDefault("PT0.25S")
        Duration matchInterval();
    }

    interface Trading {
        /** Largest notional (amount × price, in the quote currency) one order may have. */
        @WithDefault("100000")
        double maxNotional();
    }

    interface Secrets {
        /**
         * AES key (base64, 32 bytes) that encrypts stored exchange credentials
         * ({@code CRACKTRADER_SECRETS_KEY}). Without it a key is generated once into
         * {@code <data-dir>/secrets.key}, readable by the service's user only.
         */
        Optional<String> key();
    }

    interface Live {
        /** Whether runs in {@code live} mode (real orders) are allowed at all. */
        @WithDefault("false")
        boolean enabled();
    }

    interface Auth {
        /** Lifetime of an access token from {@code POST /api/auth/login} or {@code /refresh}. */
        @WithDefault("PT1H")
        Duration accessTokenExpiry();

        /** Lifetime of a login session (its refresh token); the strategy-management API's token_expiry_hours. */
        @WithDefault("PT24H")
        Duration sessionExpiry();

        /** Open sessions per user; logging in again revokes the oldest beyond this (the strategy-management API's max_sessions_per_user). */
        @WithDefault("5")
        int maxSessionsPerUser();

        /**
         * Token signing key, base64, at least 32 bytes ({@code CRACKTRADER_AUTH_JWT_SECRET}). Without it a
         * random key is generated once and kept in the database, shared by every replica.
         */
        Optional<String> jwtSecret();

        /** Failed logins before an account is locked out (README, "Security"). */
        @WithDefault("5")
        int lockoutFailures();

        /** Failed logins from one address, for any accounts, before the address is locked out. */
        @WithDefault("50")
        int lockoutAddressFailures();

        /** The longest lockout; each further failure doubles it up to this, starting at one second. */
        @WithDefault("PT15M")
        Duration lockoutMax();
    }

    /** The first administrator, created when the database has no users ({@code CRACKTRADER_ADMIN_*}). */
    interface Admin {
        @WithDefault("admin")
        String username();

        /** Without it a random password is generated and printed to the log once. */
        Optional<String> password();
    }

    interface RateLimit {
        @WithDefault("true")
        boolean enabled();

        /** Requests per minute of an API key without its own limit (default 100). */
        @WithDefault("100")
        int apiKeyPerMinute();

        /** Requests per minute of an interactive (JWT) session; high, so live dashboards never hit it. */
        @WithDefault("1200")
        int sessionPerMinute();

        /** Requests per minute from one IP address without credentials. */
        @WithDefault("60")
        int anonymousPerMinute();

        /**
         * The highest request budget an API key may ask for, per role of its owner (README, "Security"):
         * {@code role=limit} pairs; a role not listed gets the API-key default.
         */
        @WithDefault("viewer=100,analyst=600,trader=1200,admin=6000")
        String apiKeyCeilings();

        /** Orders per second of one user (default 10). */
        @WithDefault("10")
        int ordersPerSecond();
    }

    interface Ws {
        /** Messages a connection may have waiting; more are dropped while it reads, or it is closed when stalled. */
        @WithDefault("1000")
        int queueCapacity();

        /** Fills of one run streamed live per second at most (the REST API has every fill). */
        @WithDefault("200")
        int maxFillsPerSecond();

        /** A client that has taken nothing this long while messages wait is closed as hopelessly behind. */
        @WithDefault("PT10S")
        Duration stallTimeout();

        /** Most updates a second per run status (or ticker) per client; newer ones replace unsent older ones. */
        @WithDefault("10")
        double statusMaxRate();
    }
}
