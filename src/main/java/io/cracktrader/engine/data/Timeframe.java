package io.cracktrader.engine.data;

/** The bar lengths the service accepts, written as in the API ({@code 1m} … {@code 1w}). */
public enum Timeframe {
    M1("1m", 60),
    M5("5m", 300),
    M15("15m", 900),
    M30("30m", 1_800),
    H1("1h", 3_600),
    H4("4h", 14_400),
    D1("1d", 86_400),
    W1("1w", 604_800);

    private static final double SECONDS_PER_YEAR = 365.0 * 86_400;

    private final String code;
    private final long seconds;

    Timeframe(String code, long seconds) {
        this.code = code;
        this.seconds = seconds;
    }

    public String code() {
        return code;
    }

    public long seconds() {
        return seconds;
    }

    public long millis() {
        return seconds * 1000;
    }

    /**
     * Bars per year for annualising, on a 24/7 calendar of 365 days (crypto markets never close):
     * 8,760 for {@code 1h}, 365 for {@code 1d}.
     */
    public double barsPerYear() {
        return SECONDS_PER_YEAR / seconds;
    }

    /** The timeframe for an API code, or null when the code is not one of ours. */
    public static Timeframe fromCode(String code) {
        for (Timeframe tf : values()) {
            if (tf.code.equals(code)) {
                return tf;
            }
        }
        return null;
    }

    /** The timeframe whose length is exactly {@code millis}, or null. */
    public static Timeframe ofMillis(long millis) {
        for (Timeframe tf : values()) {
            if (tf.millis() == millis) {
                return tf;
            }
        }
        return null;
    }

    public static String codes() {
        StringBuilder sb = new StringBuilder();
        for (Timeframe tf : values()) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(tf.code);
        }
        return sb.toString();
    }
}
