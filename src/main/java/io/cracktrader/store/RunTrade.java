package io.cracktrader.store;

/** One fill of one run, as the run journal appends it. */
public record RunTrade(String runId, TradeRow trade) {
}
