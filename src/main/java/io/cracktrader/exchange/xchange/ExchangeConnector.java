package io.cracktrader.exchange.xchange;

import io.cracktrader.config.CracktraderConfig;
import io.cracktrader.error.ExchangeFailureException;
import io.cracktrader.exchange.ExchangeCalls;
import io.cracktrader.exchange.ExchangeModule;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.knowm.xchange.Exchange;
import org.knowm.xchange.ExchangeFactory;
import org.knowm.xchange.ExchangeSpecification;
import org.knowm.xchange.currency.CurrencyPair;
import org.knowm.xchange.dto.meta.ExchangeMetaData;

/**
 * Builds XChange {@link Exchange} instances: one public instance per module for market data and
 * metadata, and one per account (module + credentials) for trading. Every instance gets the
 * configured timeouts and XChange's own request-weight rate limiter (so the exchange's published
 * limits are respected); XChange's retries stay off because {@code ExchangeCalls} retries in one
 * place. Remote metadata is loaded on demand, not at creation, so a down exchange does not stop startup.
 */
@ApplicationScoped
public class ExchangeConnector {
    private final int timeoutMillis;
    private final Map<String, String> baseUrls;
    private final Map<String, Exchange> publicInstances = new ConcurrentHashMap<>();
    private final Map<AccountKey, Exchange> accountInstances = new ConcurrentHashMap<>();
    /** When each module's instrument list was last loaded. */
    private final Map<String, Instant> metadataLoadedAt = new ConcurrentHashMap<>();
    /** Exchanges list and delist markets: the instrument list is reloaded this often. */
    static final Duration METADATA_REFRESH = Duration.ofHours(6);

    private record AccountKey(String exchange, ExchangeCredentials credentials) {
    }

    public ExchangeConnector(CracktraderConfig config) {
        this.timeoutMillis = config.exchanges().timeoutSeconds() * 1000;
        this.baseUrls = config.exchanges().binanceUrl().map(url -> Map.of("binance", url)).orElse(Map.of());
    }

    public Exchange publicExchange(ExchangeModule module) {
        return publicInstances.computeIfAbsent(module.name(), name -> create(module, null));
    }

    /**
     * The public instance with the exchange's instruments loaded: XChange resolves a symbol only after
     * that ("Null instrument" otherwise), so the first use loads them, and they are reloaded every
     * {@link #METADATA_REFRESH}. Only a real load goes through {@code calls} (retried, and counted by
     * the circuit breaker); a fresh list costs no call, so it cannot mask an exchange's failures.
     */
    public Exchange publicExchangeWithInstruments(ExchangeModule module, ExchangeCalls calls) {
        Exchange exchange = publicExchange(module);
        if (metadataStale(module.name())) {
            synchronized (exchange) {
                if (metadataStale(module.name())) {
                    calls.read(module.name(), "load instrument metadata", () -> {
                        exchange.remoteInit();
                        return null;
                    });
                    metadataLoadedAt.put(module.name(), Instant.now());
                }
            }
        }
        return exchange;
    }

    /** Whether the loaded instruments include {@code pair}; an exchange that lists none is not second-guessed. */
    public static boolean lists(Exchange exchange, CurrencyPair pair) {
        ExchangeMetaData meta = exchange.getExchangeMetaData();
        return meta == null || meta.getInstruments() == null || meta.getInstruments().isEmpty()
                || meta.getInstruments().containsKey(pair);
    }

    private boolean metadataStale(String module) {
        Instant loaded = metadataLoadedAt.get(module);
        return loaded == null || loaded.plus(METADATA_REFRESH).isBefore(Instant.now());
    }

    /** The instance that trades with {@code credentials}; a changed key gets a new instance. */
    public Exchange accountExchange(ExchangeModule module, ExchangeCredentials credentials) {
        if (accountInstances.size() > 1000) {
            accountInstances.clear(); // keys rotated many times: rebuild lazily rather than grow forever
        }
        return accountInstances.computeIfAbsent(new AccountKey(module.name(), credentials),
                key -> create(module, credentials));
    }

    private Exchange create(ExchangeModule module, ExchangeCredentials credentials) {
        ExchangeSpecification spec = new ExchangeSpecification(module.xchangeClass());
        spec.setShouldLoadRemoteMetaData(false);
        spec.setHttpConnTimeout(timeoutMillis);
        spec.setHttpReadTimeout(timeoutMillis);
        spec.getResilience().setRateLimiterEnabled(true);
        spec.getResilience().setRetryEnabled(false);
        if (credentials != null) {
            spec.setApiKey(credentials.apiKey());
            spec.setSecretKey(credentials.secret());
            if (credentials.password() != null) {
                spec.setPassword(credentials.password());
                spec.setExchangeSpecificParametersItem("passphrase", credentials.password());
            }
            if (credentials.userName() != null) {
                spec.setUserName(credentials.userName());
            }
            if (credentials.sandbox()) {
                spec.setExchangeSpecificParametersItem(Exchange.USE_SANDBOX, true);
            }
        }
        String url = baseUrls.get(module.name());
        if (url != null && (credentials == null || !credentials.sandbox())) {
            spec.setSslUri(url);
        }
        try {
            return ExchangeFactory.INSTANCE.createExchange(spec);
        } catch (RuntimeException e) {
            // XChange can refuse a specification (e.g. a testnet it does not know): say so without its internals.
            throw ExchangeFailureException.unreachable(module.name(), "Could not set up the XChange client for " + module.name()
                    + (credentials != null && credentials.sandbox() ? " (sandbox)" : ""));
        }
    }
}
