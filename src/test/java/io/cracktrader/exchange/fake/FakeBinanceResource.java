package io.cracktrader.exchange.fake;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Starts {@link FakeBinance} and points the service's Binance module at it, with live trading enabled
 * (the fake is the "real" account) and Binance required for readiness.
 */
public class FakeBinanceResource implements QuarkusTestResourceLifecycleManager {
    public static volatile FakeBinance fake;

    @Override
    public Map<String, String> start() {
        try {
            fake = new FakeBinance();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("cracktrader.exchanges.binance-url", fake.url(),
                "cracktrader.live.enabled", "true",
                "cracktrader.exchanges.required", "binance",
                "cracktrader.exchanges.readiness-probe-interval", "PT0.2S",
                "cracktrader.exchanges.breaker-open", "PT2S");
    }

    @Override
    public void stop() {
        if (fake != null) {
            fake.close();
        }
    }
}
