package io.cracktrader.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.logging.Level;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

class RedactingLogFilterTest {
    private static String filtered(String format, Object... params) {
        ExtLogRecord record = new ExtLogRecord(Level.SEVERE, format, ExtLogRecord.FormatStyle.PRINTF,
                RedactingLogFilterTest.class.getName());
        record.setParameters(params);
        assertTrue(new RedactingLogFilter().isLoggable(record), "never drops a line");
        return record.getFormattedMessage();
    }

    @Test
    void queryTokensAreReplacedAndTheRestIsKept() {
        assertEquals("HTTP Request to /ws/status?token=*** failed, error id: 7",
                filtered("HTTP Request to %s failed, error id: %d", "/ws/status?token=eyJhbGciOi.x.y", 7));
        assertEquals("/ws?run_id=abc&token=***&x=1 and refresh_token=***",
                filtered("%s and refresh_token=%s", "/ws?run_id=abc&token=ctk_secret&x=1", "r.e.f"));
        assertEquals("no secrets here", filtered("no secrets here"));
    }
}
