package io.cracktrader.exchange.xchange;

/**
 * An account's keys at one exchange ({@code exchange_config} of 01/02). {@link #toString} never shows
 * them, so a stray log line or error cannot leak them.
 */
public record ExchangeCredentials(String apiKey, String secret, String password, String userName, boolean sandbox) {

    public boolean complete() {
        return apiKey != null && !apiKey.isBlank() && secret != null && !secret.isBlank();
    }

    @Override
    public String toString() {
        return "ExchangeCredentials[redacted, sandbox=" + sandbox + "]";
    }
}
