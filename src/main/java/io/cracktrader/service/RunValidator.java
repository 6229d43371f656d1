package io.cracktrader.service;

import io.cracktrader.config.CracktraderConfig;
import io.cracktrader.engine.broker.Sizing;
import io.cracktrader.engine.catalog.StrategyCatalog;
import io.cracktrader.engine.data.Timeframe;
import io.cracktrader.engine.strategy.StrategyType;
import io.cracktrader.error.InvalidRequestException;
import io.cracktrader.error.MalformedRequestException;
import io.cracktrader.exchange.MarketDataSource;
import io.cracktrader.exchange.registry.ExchangeRegistry;
import io.cracktrader.security.Caller;
import io.cracktrader.store.DatasetStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns a {@link RunRequest} into a {@link RunSpec}, or rejects it with 422 and one message per
 * invalid field (strategy parameters as {@code strategy_params.<name>}).
 */
@ApplicationScoped
public class RunValidator {
    private static final Pattern SYMBOL = Pattern.compile("[A-Z0-9]{2,12}/[A-Z0-9]{2,12}");
    private static final int MAX_SYMBOLS = 20;
    private static final double DEFAULT_CASH = 10_000;
    private static final double DEFAULT_COMMISSION = 0.001;

    private final StrategyCatalog catalog;
    private final ExchangeRegistry exchanges;
    private final CracktraderConfig config;
    private final DatasetStore datasets;

    public RunValidator(StrategyCatalog catalog, ExchangeRegistry exchanges, CracktraderConfig config,
                        DatasetStore datasets) {
        this.catalog = catalog;
        this.exchanges = exchanges;
        this.config = config;
        this.datasets = datasets;
    }

    /**
     * @param impliedMode the mode the endpoint stands for ({@code BACKTEST} for /run/backtest,
     *                    {@code PAPER} for /run/live), or null where any mode may be asked for
     *                    (default backtest)
     */
    public RunSpec validate(RunRequest r, RunMode impliedMode) {
        return validate(r, impliedMode, null);
    }

    /**
     * {@code caller} decides which datasets the run may use: their own (every one for an admin); with no
     * caller, only datasets from before datasets had owners.
     */
    public RunSpec validate(RunRequest r, RunMode impliedMode, Caller caller) {
        if (r == null) {
            throw new MalformedRequestException("A JSON request body is required");
        }
        Map<String, String> errors = new LinkedHashMap<>();
        RunMode mode = mode(r, impliedMode, errors);
        StrategyType type = strategy(r, errors);
        Map<String, Object> parameters = type == null ? Map.of() : parameters(type, r.strategyParams(), errors);
        DatasetStore.DatasetInfo dataset = dataset(r, mode, caller, errors);
        List<String> symbols = symbols(r, dataset, errors);
        Timeframe timeframe = timeframe(r, dataset, errors);
        String exchangeName = exchange(r, timeframe, errors);

        double cash = r.initialCash() == null ? DEFAULT_CASH : r.initialCash();
        if (!(cash > 0) || Double.isInfinite(cash)) {
            errors.put("initial_cash", "must be a positive amount");
        }
        double commission = r.commission() == null ? DEFAULT_COMMISSION : r.commission();
        if (!(commission >= 0 && commission < 0.1)) {
            errors.put("commission", "must be a fraction between 0 and 0.1");
        }
        double slippage = r.slippage() == null ? 0 : r.slippage();
        if (!(slippage >= 0 && slippage < 0.1)) {
            errors.put("slippage", "must be a fraction between 0 and 0.1");
        }
        double fixedCommission = r.fixedCommission() == null ? 0 : r.fixedCommission();
        if (!(fixedCommission >= 0) || Double.isInfinite(fixedCommission)) {
            errors.put("fixed_commission", "must be zero or a positive amount");
        }
        Sizing sizing = sizing(r.sizing(), errors);
        long[] range = range(r, mode, dataset, timeframe, symbols.size(), errors);

        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        return new RunSpec(mode, type, parameters, List.copyOf(symbols), timeframe, range[0], range[1], cash, exchangeName,
                commission, slippage, r.dataset(), fixedCommission, sizing, Boolean.TRUE.equals(r.allowShort()));
    }

    /** The mode asked for, within what the endpoint stands for; null with an error when it is not acceptable. */
    private static RunMode mode(RunRequest r, RunMode impliedMode, Map<String, String> errors) {
        RunMode mode = impliedMode == null ? RunMode.BACKTEST : impliedMode;
        if (r.mode() == null) {
            return mode;
        }
        mode = RunMode.fromCode(r.mode());
        if (mode == null) {
            errors.put("mode", "must be one of backtest, paper, sandbox, live");
        } else if (impliedMode == RunMode.BACKTEST && mode != RunMode.BACKTEST) {
            errors.put("mode", "POST /run/backtest runs backtests only; use /run/live for " + r.mode());
            return null;
        } else if (impliedMode == RunMode.PAPER && mode == RunMode.BACKTEST) {
            errors.put("mode", "POST /run/live runs paper, sandbox or live; use /run/backtest for backtests");
            return null;
        }
        return mode;
    }

    private StrategyType strategy(RunRequest r, Map<String, String> errors) {
        if (r.strategyName() == null || r.strategyName().isBlank()) {
            errors.put("strategy_name", "is required");
            return null;
        }
        StrategyType type = catalog.find(r.strategyName());
        if (type == null) {
            errors.put("strategy_name", "unknown strategy '" + r.strategyName() + "'; available: "
                    + String.join(", ", catalog.all().stream().map(StrategyType::name).toList()));
        }
        return type;
    }

    /** The parameters over the type's defaults, checked against its schema and its cross-parameter rules. */
    private static Map<String, Object> parameters(StrategyType type, Map<String, Object> supplied,
                                                  Map<String, String> errors) {
        Map<String, String> paramErrors = type.validate(supplied);
        paramErrors.forEach((k, v) -> errors.put("strategy_params." + k, v));
        if (!paramErrors.isEmpty()) {
            return Map.of();
        }
        Map<String, Object> parameters = type.resolve(supplied);
        type.crossCheck(parameters).forEach((k, v) -> errors.put("strategy_params." + k, v));
        return parameters;
    }

    private DatasetStore.DatasetInfo dataset(RunRequest r, RunMode mode, Caller caller, Map<String, String> errors) {
        if (r.dataset() == null) {
            return null;
        }
        DatasetStore.DatasetInfo dataset = datasets.find(r.dataset()).filter(d -> caller == null
                ? d.owner() == null : d.readableBy(caller.username(), caller.isAdmin())).orElse(null);
        if (dataset == null) {
            errors.put("dataset", "no dataset called '" + r.dataset() + "'; import it with POST /api/v1/datasets");
        } else if (mode != RunMode.BACKTEST) {
            errors.put("dataset", "datasets are history: use them in backtests");
        } else if (r.exchange() != null) {
            errors.put("exchange", "give either an exchange or a dataset, not both");
        }
        return dataset;
    }

    /** The symbols, normalised to upper case; a dataset run trades the dataset's own symbol. */
    private static List<String> symbols(RunRequest r, DatasetStore.DatasetInfo dataset, Map<String, String> errors) {
        List<String> symbols = new ArrayList<>();
        if (dataset != null) {
            if (r.symbols() != null && !(r.symbols().size() == 1 && dataset.symbol().equals(r.symbols().get(0)))) {
                errors.put("symbols", "a dataset run trades the dataset's symbol '" + dataset.symbol() + "'; omit symbols");
            }
            symbols.add(dataset.symbol());
        } else if (r.symbols() == null || r.symbols().isEmpty()) {
            errors.put("symbols", "at least one symbol is required, written BASE/QUOTE (e.g. BTC/USDT)");
        } else if (r.symbols().size() > MAX_SYMBOLS) {
            errors.put("symbols", "at most " + MAX_SYMBOLS + " symbols per run");
        } else {
            Set<String> seen = new HashSet<>();
            for (String s : r.symbols()) {
                String normal = s == null ? "" : s.strip().toUpperCase(Locale.ROOT);
                if (!SYMBOL.matcher(normal).matches()) {
                    errors.put("symbols", "'" + s + "' is not a symbol written BASE/QUOTE (e.g. BTC/USDT)");
                    break;
                }
                if (!seen.add(normal)) {
                    errors.put("symbols", "'" + normal + "' is listed twice");
                    break;
                }
                symbols.add(normal);
            }
        }
        return symbols;
    }

    private static Timeframe timeframe(RunRequest r, DatasetStore.DatasetInfo dataset, Map<String, String> errors) {
        String defaultTimeframe = dataset != null ? dataset.timeframe() : "1h";
        Timeframe timeframe = Timeframe.fromCode(r.timeframe() == null ? defaultTimeframe : r.timeframe());
        if (timeframe == null) {
            errors.put("timeframe", "unknown timeframe '" + r.timeframe() + "'; use one of " + Timeframe.codes());
        } else if (dataset != null && !timeframe.code().equals(dataset.timeframe())) {
            errors.put("timeframe", "dataset '" + dataset.name() + "' has " + dataset.timeframe() + " bars");
        }
        return timeframe;
    }

    /** The exchange's name (the default when none is given), or {@link RunSpec#DATASET} for a dataset run. */
    private String exchange(RunRequest r, Timeframe timeframe, Map<String, String> errors) {
        if (r.dataset() != null) {
            return RunSpec.DATASET;
        }
        String name = r.exchange() == null || r.exchange().isBlank()
                ? exchanges.defaultExchange() : r.exchange().strip().toLowerCase(Locale.ROOT);
        MarketDataSource source = exchanges.find(name);
        if (source == null) {
            errors.put("exchange", "unknown exchange '" + r.exchange() + "'; available: "
                    + String.join(", ", exchanges.all().stream().map(MarketDataSource::name).toList()));
        } else if (timeframe != null && !source.timeframes().contains(timeframe)) {
            errors.put("timeframe", name + " does not offer " + timeframe.code() + " candles");
        }
        return name;
    }

    /**
     * {@code [from, to)} in epoch milliseconds: the dataset's span or the default lookback when dates are
     * missing, within the bar limit; a backtest must start in the past.
     */
    private long[] range(RunRequest r, RunMode mode, DatasetStore.DatasetInfo dataset, Timeframe timeframe,
                         int symbolCount, Map<String, String> errors) {
        Long start = parseTime(r.startDate(), "start_date", errors);
        Long end = parseTime(r.endDate(), "end_date", errors);
        if (end != null && start != null && end <= start) {
            errors.put("end_date", "must be after start_date");
            return new long[2];
        }
        if (timeframe == null || errors.containsKey("start_date") || errors.containsKey("end_date")) {
            return new long[2];
        }
        long now = System.currentTimeMillis();
        long from;
        long to;
        if (dataset != null) {
            to = end == null ? dataset.end() + 1 : end;
            from = start == null ? dataset.start() : start;
        } else {
            to = end == null ? now : end;
            from = start == null ? to - config.runs().defaultLookbackBars() * timeframe.millis() : start;
        }
        if (from >= now && mode == RunMode.BACKTEST) {
            errors.put("start_date", "must be in the past: a backtest needs history");
        } else {
            long bars = (Math.min(to, now) - from) / timeframe.millis() * Math.max(1, symbolCount);
            if (bars > config.runs().maxBars()) {
                errors.put("start_date", "the range holds about " + bars + " bars; the limit per run is "
                        + config.runs().maxBars());
            }
        }
        return new long[] {from, to};
    }

    private static Sizing sizing(RunRequest.SizingRequest s, Map<String, String> errors) {
        if (s == null) {
            return Sizing.ALL_IN;
        }
        String mode = s.mode() == null ? "all_in" : s.mode();
        double value = s.value() == null ? Double.NaN : s.value();
        switch (mode) {
            case "all_in":
                value = Double.isNaN(value) ? 1 : value;
                if (!(value > 0 && value <= 1)) {
                    errors.put("sizing.value", "all_in takes a fraction of the cash above 0 and at most 1");
                }
                return new Sizing(Sizing.Mode.ALL_IN, value, 0);
            case "fixed_amount":
                if (!(value > 0) || Double.isInfinite(value)) {
                    errors.put("sizing.value", "fixed_amount takes a positive amount of the quote currency");
                }
                return new Sizing(Sizing.Mode.FIXED_AMOUNT, value, 0);
            case "percent_equity":
                if (!(value > 0 && value <= 1)) {
                    errors.put("sizing.value", "percent_equity takes a fraction of equity above 0 and at most 1");
                }
                return new Sizing(Sizing.Mode.PERCENT_EQUITY, value, 0);
            case "risk": {
                double stop = s.stopDistance() == null ? Double.NaN : s.stopDistance();
                if (!(value > 0 && value <= 1)) {
                    errors.put("sizing.value", "risk takes the fraction of equity to risk, above 0 and at most 1");
                }
                if (!(stop > 0 && stop < 1)) {
                    errors.put("sizing.stop_distance", "risk needs the stop distance below the entry, a fraction in (0, 1)");
                }
                return new Sizing(Sizing.Mode.RISK, value, stop);
            }
            default:
                errors.put("sizing.mode", "must be one of all_in, fixed_amount, percent_equity, risk");
                return Sizing.ALL_IN;
        }
    }

    private static Long parseTime(String text, String field, Map<String, String> errors) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(text).toEpochMilli();
        } catch (DateTimeException e) {
            try {
                return OffsetDateTime.parse(text).toInstant().toEpochMilli();
            } catch (DateTimeException e2) {
                try {
                    return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
                } catch (DateTimeException e3) {
                    errors.put(field, "must be an ISO-8601 date or instant, e.g. 2024-01-01T00:00:00Z");
                    return null;
                }
            }
        }
    }
}
