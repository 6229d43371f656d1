package io.cracktrader.engine.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Reads OHLCV bars from CSV: {@code timestamp,open,high,low,close,volume}, with or without a
 * header row, the timestamp either ISO-8601 ({@code 1995-01-03T00:00:00Z}) or epoch milliseconds.
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

    private static long parseTime(String text, long line) {
        if (!text.isEmpty() && text.chars().allMatch(Character::isDigit)) {
            return Long.parseLong(text);
        }
        try {
            return Instant.parse(text).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new BadRowException(line, "timestamp must be ISO-8601 UTC or epoch milliseconds");
        }
    }
}
