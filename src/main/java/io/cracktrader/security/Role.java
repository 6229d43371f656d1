package io.cracktrader.security;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The roles of the strategy-management API and what each may do. An identity's Quarkus "roles" are these capabilities, so
 * endpoints say {@code @RolesAllowed(Capability.BACKTEST)} and the OpenAPI document lists the
 * capability an operation needs as the scope of its security requirement.
 */
public enum Role {
    /** Everything, including users, every strategy and the audit log. */
    ADMIN(Capability.READ, Capability.BACKTEST, Capability.WRITE, Capability.EXECUTE, Capability.TRADE, Capability.ADMIN),
    /** Creates and runs own strategies and ensembles, places trades. */
    TRADER(Capability.READ, Capability.BACKTEST, Capability.WRITE, Capability.EXECUTE, Capability.TRADE),
    /** Views performance and trade history, runs backtests and compares strategies. */
    ANALYST(Capability.READ, Capability.BACKTEST),
    /** Read-only. */
    VIEWER(Capability.READ);

    private final Set<String> capabilities;

    Role(String... capabilities) {
        this.capabilities = Set.of(capabilities);
    }

    public Set<String> capabilities() {
        return capabilities;
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> parse(String code) {
        return Arrays.stream(values()).filter(r -> r.code().equals(code)).findFirst();
    }

    /** Names of the capabilities, usable in {@code @RolesAllowed}. */
    public static final class Capability {
        /** See runs, results, strategies shared with you, market data. */
        public static final String READ = "read";
        /** Run backtests, compare strategies, import datasets. */
        public static final String BACKTEST = "backtest";
        /** Create, change and delete strategies, strategy types and ensembles. */
        public static final String WRITE = "write";
        /** Start and stop paper and live runs. */
        public static final String EXECUTE = "execute";
        /** Place and cancel orders. */
        public static final String TRADE = "trade";
        /** Manage users and read the audit log. */
        public static final String ADMIN = "admin";

        private Capability() {
        }
    }
}
