package io.cracktrader.rest;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jboss.logmanager.ExtLogRecord;

/**
 * Every log line the service writes while installed, as tests read them: logger, formatted message
 * with its causes, and the line's request id (MDC). Install in {@code @BeforeAll}, remove in {@code @AfterAll}.
 */
public final class LogCapture extends Handler {

    /** One line: {@code text} is "logger: message | cause | cause…". */
    public record Line(String text, String message, String requestId) {
    }

    private final ConcurrentLinkedQueue<Line> lines = new ConcurrentLinkedQueue<>();

    public LogCapture install() {
        Logger.getLogger("").addHandler(this);
        return this;
    }

    public void remove() {
        Logger.getLogger("").removeHandler(this);
    }

    public List<Line> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void publish(LogRecord record) {
        String message = String.valueOf(record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage());
        StringBuilder all = new StringBuilder(message);
        for (Throwable t = record.getThrown(); t != null; t = t.getCause()) {
            all.append(" | ").append(t);
        }
        String requestId = record instanceof ExtLogRecord ext ? ext.getMdc(RequestIds.MDC_KEY) : null;
        lines.add(new Line(record.getLoggerName() + ": " + all, message, requestId));
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
}
