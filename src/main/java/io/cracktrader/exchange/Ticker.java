package io.cracktrader.exchange;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A ticker in the trading API's shape: last, bid, ask, 24-hour volume and change (percent), at a time (epoch ms). */
@RegisterForReflection
public record Ticker(String symbol, double last, double bid, double ask, double volume, double change, long timestamp) {
}
