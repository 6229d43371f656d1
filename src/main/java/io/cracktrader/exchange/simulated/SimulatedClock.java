package io.cracktrader.exchange.simulated;

import io.cracktrader.config.CracktraderConfig;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The simulated venue's clock: real time, or faster by {@code cracktrader.exchanges.simulated.clock-speed}
 * counted from service start (60 makes a one-minute candle close every second). Its tickers, book and
 * order matching all read this clock.
 */
@ApplicationScoped
public class SimulatedClock {
    private final long anchor = System.currentTimeMillis();
    private final double speed;

    public SimulatedClock(CracktraderConfig config) {
        this.speed = config.exchanges().simulated().clockSpeed();
    }

    public long now() {
        return at(System.currentTimeMillis());
    }

    /** The market time at wall-clock time {@code wallMillis}. */
    public long at(long wallMillis) {
        return speed == 1 ? wallMillis : anchor + (long) ((wallMillis - anchor) * speed);
    }
}
