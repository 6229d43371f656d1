package io.cracktrader.engine.broker;

/** Told of every fill as it happens, for live status and trade streams. */
@FunctionalInterface
public interface FillListener {
    FillListener NONE = (log, index) -> { };

    void onFill(FillLog log, int index);
}
