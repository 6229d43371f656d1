package io.cracktrader.service;

import io.cracktrader.engine.broker.CostModel;
import io.cracktrader.engine.broker.Sizing;
import io.cracktrader.engine.data.Timeframe;
import io.cracktrader.engine.strategy.StrategyType;
import java.util.List;
import java.util.Map;

/**
 * A validated, normalised run request: every default filled in, every value checked. {@code dataset}
 * is set when the bars come from an imported dataset (then {@code exchange} is {@value #DATASET}).
 */
public record RunSpec(RunMode mode, StrategyType strategy, Map<String, Object> parameters, List<String> symbols,
                      Timeframe timeframe, long fromMillis, long toMillis, double initialCash, String exchange,
                      double commission, double slippage, String dataset, double fixedCommission, Sizing sizing,
                      boolean allowShort) {

    public CostModel costs() {
        return new CostModel(commission, fixedCommission, slippage);
    }


    public static final String DATASET = "dataset";

    public boolean printlog() {
        return Boolean.TRUE.equals(parameters.get("printlog"));
    }
}
