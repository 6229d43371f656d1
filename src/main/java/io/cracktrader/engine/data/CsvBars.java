package io.cracktrader.engine.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Reads OHLCV bars from CSV: {@code timestamp,open,high,low,close,volume}, with or without a
 * header row; for the timestamp formats see {@link #parseTime}. Extra columns are ignored.
 * Rows must be in increasing time order and form valid bars; the first bad row is reported by its
 * 1-based line number.
 */
public final class CsvBars {
    private CsvBars() {
    }

    /** A row that cannot be read or breaks a rule, with its line number. */
    public static final class BadRowException extends IllegalArgumentException {
        private final long line;

        public BadRowException(long line, String message) {
            super("line " + line + ": " + message);
            this.line = line;
        }

        public long line() {
            return line;
        }
    }

    public static BarSeries read(Reader source, String symbol, Timeframe timeframe) throws IOException {
        BarSeries bars = new BarSeries(symbol, timeframe, 1024);
        BufferedReader in = source instanceof BufferedReader b ? b : new BufferedReader(source);
        String row;
        long line = 0;
        while ((row = in.readLine()) != null) {
            line++;
            row = row.strip();
            if (row.isEmpty()) {
                continue;
            }
            String[] f = row.split(",");
            if (line == 1 && !f[0].isEmpty() && !Character.isDigit(f[0].charAt(0))) {
                continue; // header
            }
            if (f.length < 6) {
                throw new BadRowException(line, "expected 6 columns timestamp,open,high,low,close,volume");
            }
            long time = parseTime(f[0].strip(), line);
            try {
                bars.append(time, Double.parseDouble(f[1]), Double.parseDouble(f[2]), Double.parseDouble(f[3]),
                        Double.parseDouble(f[4]), Double.parseDouble(f[5]));
            } catch (NumberFormatException e) {
                throw new BadRowException(line, "prices and volume must be numbers");
            } catch (IllegalArgumentException e) {
                throw new BadRowException(line, e.getMessage());
            }
        }
        return bars;
    }

    /**
     * Epoch milliseconds (digits), an ISO-8601 instant ({@code 2024-01-01T00:00:00Z}), a UTC date and
     * time without zone ({@code 2024-01-01T00:00:00} or with a space, fractions allowed), or a date.
     */
    private static long parseTime(String text, long line) {
        if (!text.isEmpty() && text.chars().allMatch(Character::isDigit)) {
            return Long.parseLong(text);
        }
        try {
            if (text.length() == 10) {
                return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
            }
            if (text.endsWith("Z") || text.matches(".*[+-]\\d\\d:?\\d\\d$")) {
                return OffsetDateTime.parse(text.replace(' ', 'T')).toInstant().toEpochMilli();
            }
            return LocalDateTime.parse(text.replace(' ', 'T')).toInstant(ZoneOffset.UTC).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new BadRowException(line, "timestamp must be epoch milliseconds or an ISO-8601 date/time (UTC)");
        }
    }
}
