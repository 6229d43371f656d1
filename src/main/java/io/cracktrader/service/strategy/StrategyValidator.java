package io.cracktrader.service.strategy;

import io.cracktrader.engine.catalog.StrategyCatalog;
import io.cracktrader.engine.strategy.ParameterSpec;
import io.cracktrader.engine.strategy.StrategyCategory;
import io.cracktrader.engine.strategy.StrategyType;
import io.cracktrader.error.InvalidRequestException;
import io.cracktrader.security.Caller;
import io.cracktrader.service.RunRequest;
import io.cracktrader.service.RunSpec;
import io.cracktrader.service.RunValidator;
import io.cracktrader.store.ManagedStrategy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Checks a strategy configuration once, as a run of it would be checked ({@link RunValidator}: symbols,
 * timeframe, exchange, cash, parameters), and turns a configured strategy into run requests. Run
 * field names in errors are renamed to the strategy-management API's (initial_cash → initial_capital).
 */
@ApplicationScoped
public class StrategyValidator {
    private static final Pattern TRADABLE = Pattern.compile("[A-Z0-9]{2,12}/[A-Z0-9]{2,12}");
    private static final Pattern TICKER = Pattern.compile("[A-Za-z0-9.^=-]{1,20}");
    private static final double DEFAULT_CAPITAL = 10_000;

    private final StrategyCatalog catalog;
    private final RunValidator runs;

    public StrategyValidator(StrategyCatalog catalog, RunValidator runs) {
        this.catalog = catalog;
        this.runs = runs;
    }

    /**
     * The strategy {@code c} describes: new for the caller when {@code current} is null, else {@code current}
     * changed. {@code validateParameters} false keeps parameters as given (the strategy-management API's
     * {@code validate_parameters}).
     */
    ManagedStrategy validated(Caller caller, ManagedStrategy current, StrategyConfigRequest c, boolean validateParameters,
                              long now) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (c.name() == null || c.name().isBlank() || c.name().length() > 200) {
            errors.put("name", "is required (1-200 characters)");
        }
        StrategyCategory category = StrategyCategory.fromCode(c.category());
        if (category == null || category == StrategyCategory.ENSEMBLE) {
            errors.put("category", "must be one of " + String.join(", ", configurableCategories())
                    + " (ensembles: POST /api/strategies/ensemble)");
        }
        String risk = c.riskLevel() == null ? "medium" : c.riskLevel().toLowerCase(Locale.ROOT);
        if (!StrategyType.RISK_LEVELS.contains(risk)) {
            errors.put("risk_level", "must be low, medium or high");
        }
        List<String> tags = c.tags() == null ? List.of() : c.tags();
        if (tags.size() > 20 || tags.stream().anyMatch(t -> t == null || t.isBlank() || t.length() > 50)) {
            errors.put("tags", "at most 20 tags of 1-50 characters");
        }
        Map<String, Object> parameters = c.parameters() == null ? Map.of() : c.parameters();
        StrategyType type = type(c.strategyType(), errors.containsKey("category") ? null : category, parameters, errors);
        // The strategy-management API's own example lists stock tickers: they are kept as written, and only symbols
        // written BASE/QUOTE (docs/API-CONTRACT.md) can be started or backtested, which then says so.
        List<String> symbols = c.symbols() == null || c.symbols().isEmpty() ? List.of("BTC/USDT") : c.symbols();
        boolean tradable = symbols.stream().allMatch(x -> x != null && TRADABLE.matcher(x.toUpperCase(Locale.ROOT)).matches());
        if (!tradable && (symbols.size() > 20 || symbols.stream().anyMatch(x -> x == null || !TICKER.matcher(x).matches()))) {
            errors.put("symbols", "at most 20 symbols, written BASE/QUOTE (e.g. BTC/USDT) or as tickers");
        }
        if (type == null || !errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        double capital = c.initialCapital() == null ? DEFAULT_CAPITAL : c.initialCapital();
        RunSpec spec = asRun(new RunRequest(type.name(), validateParameters ? parameters : Map.of(),
                tradable ? symbols : List.of("BTC/USDT"), c.timeframe() == null ? "1h" : c.timeframe(), null, null,
                capital, c.exchange(), null, "backtest", null, null, null, null, null, null));
        return new ManagedStrategy(current == null ? UUID.randomUUID().toString() : current.id(),
                current == null ? caller.userId() : current.ownerId(), c.name().strip(), c.description(), category.code(),
                type.name(), validateParameters ? spec.parameters() : parameters, risk, List.copyOf(tags),
                spec.timeframe().code(), tradable ? spec.symbols() : List.copyOf(symbols), spec.exchange(), capital, null,
                current == null ? "inactive" : current.status(), current == null ? null : current.currentRunId(),
                current == null ? now : current.createdAt(), now);
    }

    /** The named type, or the first of the category that takes every given parameter; null with an error if none. */
    private StrategyType type(String named, StrategyCategory category, Map<String, Object> parameters,
                              Map<String, String> errors) {
        if (named != null) {
            StrategyType type = catalog.find(named);
            if (type == null) {
                errors.put("strategy_type", "unknown strategy type '" + named + "'; see GET /api/v1/strategies");
            }
            return type;
        }
        if (category == null) {
            return null;
        }
        StrategyType type = catalog.all().stream().filter(t -> t.category() == category)
                .filter(t -> t.parameters().stream().map(ParameterSpec::name).toList().containsAll(parameters.keySet()))
                .findFirst().orElse(null);
        if (type == null) {
            errors.put("strategy_type", "no " + category.code() + " strategy type takes parameters " + parameters.keySet()
                    + "; name one with strategy_type");
        }
        return type;
    }

    /** Validates a run request made from a strategy, with errors in the strategy-management API's field names. */
    RunSpec asRun(RunRequest request) {
        try {
            return runs.validate(request, null);
        } catch (InvalidRequestException e) {
            Map<String, String> renamed = new LinkedHashMap<>();
            e.details().forEach((k, v) -> renamed.put(rename(k), String.valueOf(v)));
            throw new InvalidRequestException(renamed);
        }
    }

    /** A run of the configured strategy; nulls keep the strategy's own values. */
    static RunRequest request(ManagedStrategy s, String mode, String start, String end, Double capital, Double commission,
                              Double slippage, List<String> symbols) {
        return new RunRequest(s.strategyType(), s.parameters(), symbols == null ? s.symbols() : symbols, s.timeframe(),
                start, end, capital == null ? s.initialCapital() : capital, s.exchange(), null, mode, commission, slippage,
                null, null, null, null);
    }

    static List<String> configurableCategories() {
        return Arrays.stream(StrategyCategory.values()).filter(c -> c != StrategyCategory.ENSEMBLE)
                .map(StrategyCategory::code).toList();
    }

    private static String rename(String runField) {
        if (runField.startsWith("strategy_params.")) {
            return "parameters." + runField.substring("strategy_params.".length());
        }
        return switch (runField) {
            case "strategy_name" -> "strategy_type";
            case "initial_cash" -> "initial_capital";
            default -> runField;
        };
    }
}
