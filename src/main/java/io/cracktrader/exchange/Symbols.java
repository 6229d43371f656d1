package io.cracktrader.exchange;

import io.cracktrader.error.InvalidRequestException;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** Symbols as the API writes them: {@code BASE/QUOTE}; paths and queries may also use {@code -} or {@code _}. */
public final class Symbols {
    public static final Pattern PATTERN = Pattern.compile("[A-Z0-9]{2,12}/[A-Z0-9]{2,12}");

    private Symbols() {
    }

    /** {@code btc-usdt} → {@code BTC/USDT}, or a 422 on {@code field}. */
    public static String normalize(String raw, String field) {
        String pair = raw == null ? "" : raw.toUpperCase(Locale.ROOT).replace('-', '/').replace('_', '/');
        if (!PATTERN.matcher(pair).matches()) {
            throw new InvalidRequestException(Map.of(field, "'" + raw + "' is not a symbol written BASE/QUOTE (e.g. BTC/USDT)"));
        }
        return pair;
    }
}
