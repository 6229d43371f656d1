package io.cracktrader.health;

import io.cracktrader.config.CracktraderConfig;
import io.cracktrader.error.ServiceException;
import io.cracktrader.exchange.MarketDataSource;
import io.cracktrader.exchange.registry.ExchangeRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Not ready while an exchange named in {@code cracktrader.exchanges.required} cannot be reached: a
 * ticker is fetched through the fault layer (so an open circuit breaker counts as down), at most every
 * {@code readiness-probe-interval} (10 s) per exchange. Exchanges not listed never make the service unready.
 */
@Readiness
@ApplicationScoped
public class ExchangeReadinessCheck implements HealthCheck {
    /** Exchanges whose main market is quoted in dollars rather than USDT. */
    private static final Set<String> USD_QUOTED = Set.of("kraken", "coinbase", "bitstamp");

    private record Probe(long at, String failure) {
    }

    private final ExchangeRegistry exchanges;
    private final List<String> required;
    private final long probeEveryMillis;
    private final Map<String, Probe> probes = new ConcurrentHashMap<>();

    public ExchangeReadinessCheck(ExchangeRegistry exchanges, CracktraderConfig config) {
        this.exchanges = exchanges;
        this.required = config.exchanges().required().orElse(List.of());
        this.probeEveryMillis = config.exchanges().readinessProbeInterval().toMillis();
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("exchanges").up();
        for (String name : required) {
            String failure = probe(name);
            response.withData(name, failure == null ? "up" : failure);
            if (failure != null) {
                response.down();
            }
        }
        return response.build();
    }

    private String probe(String name) {
        long now = System.currentTimeMillis();
        Probe last = probes.get(name);
        if (last != null && now - last.at() < probeEveryMillis) {
            return last.failure();
        }
        MarketDataSource source = exchanges.find(name);
        String failure;
        if (source == null) {
            failure = "unknown exchange";
        } else {
            try {
                source.ticker(USD_QUOTED.contains(name) ? "BTC/USD" : "BTC/USDT");
                failure = null;
            } catch (ServiceException e) {
                failure = e.getMessage();
            }
        }
        probes.put(name, new Probe(now, failure));
        return failure;
    }
}
