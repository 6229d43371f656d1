package io.cracktrader.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** The service's own settings ({@code cracktrader.*}; each can be set as {@code CRACKTRADER_...}). */
@ConfigMapping(prefix = "cracktrader")
public interface CracktraderConfig {

    /** Directory of the embedded database and other local state ({@code CRACKTRADER_DATA_DIR}). */
    @WithDefault("./data")
    String dataDir();

    Runs runs();

    Exchanges exchanges();

    Live live();

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
    }

    interface Exchanges {
        /** The exchange used when a request names none. */
        @WithDefault("simulated")
        String defaultExchange();

        /** Base URL of Binance's REST API; tests point it at a local server. */
        Optional<String> binanceUrl();

        /** Seconds before a market-data call to an exchange is abandoned. */
        @WithDefault("10")
        int timeoutSeconds();

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
    }

    interface Live {
        /** Whether runs in {@code live} mode (real orders) are allowed at all. */
        @WithDefault("false")
        boolean enabled();
    }
}
