package io.cracktrader.exchange.xchange;

import io.cracktrader.error.InvalidRequestException;
import java.util.Map;

/**
 * An account's keys at one exchange (a run request's {@code exchange_config}, README "Exchange
 * credentials"). {@link #toString} never shows them, so a stray log line or error cannot leak them.
 */
public record ExchangeCredentials(String apiKey, String secret, String password, String userName, boolean sandbox) {

    /** Reads {@code exchange_config}, in camelCase or snake_case; a 422 names what is missing. */
    public static ExchangeCredentials parse(Map<String, Object> config) {
        if (config == null) {
            throw new InvalidRequestException(Map.of("apiKey", "is required", "secret", "is required"));
        }
        Object sandbox = config.get("sandbox");
        ExchangeCredentials keys = new ExchangeCredentials(text(config, "apiKey", "api_key"),
                text(config, "secret", "secret_key", "secretKey", "api_secret"), text(config, "password", "passphrase"),
                text(config, "uid", "username"), Boolean.TRUE.equals(sandbox) || "true".equals(sandbox));
        if (!keys.complete()) {
            throw new InvalidRequestException(Map.of("apiKey", "apiKey and secret are both required"));
        }
        return keys;
    }

    public boolean complete() {
        return apiKey != null && !apiKey.isBlank() && secret != null && !secret.isBlank();
    }

    private static String text(Map<String, Object> config, String... names) {
        for (String n : names) {
            if (config.get(n) instanceof String s && !s.isBlank()) {
                return s.trim();
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return "ExchangeCredentials[redacted, sandbox=" + sandbox + "]";
    }
}
