package io.cracktrader.exchange.xchange;

import io.cracktrader.config.CracktraderConfig;
import io.cracktrader.error.ExchangeFailureException;
import io.cracktrader.exchange.ExchangeModule;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.knowm.xchange.Exchange;
import org.knowm.xchange.ExchangeFactory;
import org.knowm.xchange.ExchangeSpecification;

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

    private record AccountKey(String exchange, ExchangeCredentials credentials) {
    }

    public ExchangeConnector(CracktraderConfig config) {
        this.timeoutMillis = config.exchanges().timeoutSeconds() * 1000;
        this.baseUrls = config.exchanges().binanceUrl().map(url -> Map.of("binance", url)).orElse(Map.of());
    }

    public Exchange publicExchange(ExchangeModule module) {
        return publicInstances.computeIfAbsent(module.name(), name -> create(module, null));
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
