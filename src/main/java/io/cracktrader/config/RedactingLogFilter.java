package io.cracktrader.config;

import io.quarkus.logging.LoggingFilter;
import java.util.logging.Filter;
import java.util.logging.LogRecord;
import java.util.regex.Pattern;
import org.jboss.logmanager.ExtLogRecord;

/**
 * The last guard of README's "Security" promise that no token reaches a log: a URL's {@code token=},
 * {@code access_token=} or {@code refresh_token=} query value is replaced by {@code ***} in every
 * console line, whoever wrote it (a library's error handler logs the request URL it failed on).
 * It rewrites the record's text and never drops a line.
 */
@LoggingFilter(name = "redact-secrets")
public final class RedactingLogFilter implements Filter {
    private static final Pattern SECRET_QUERY = Pattern.compile("((?:^|[?&;\\s])(?:access_|refresh_)?token=)[^&\\s\"']+");

    @Override
    public boolean isLoggable(LogRecord record) {
        String text = record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
        if (text != null && text.contains("token=")) {
            String redacted = SECRET_QUERY.matcher(text).replaceAll("$1***");
            if (record instanceof ExtLogRecord ext) {
                ext.setMessage(redacted, ExtLogRecord.FormatStyle.NO_FORMAT);
            } else {
                record.setMessage(redacted);
            }
            record.setParameters(null);
        }
        return true;
    }
}
