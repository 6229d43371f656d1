package io.cracktrader.service.strategy;

import io.cracktrader.engine.catalog.StrategyCatalog;
import io.cracktrader.engine.strategy.ParameterSpec;
import io.cracktrader.engine.strategy.StrategyCategory;
import io.cracktrader.engine.strategy.StrategyType;
import io.cracktrader.security.Caller;
import io.cracktrader.service.strategy.StrategyViews.CategoryView;
import io.cracktrader.service.strategy.StrategyViews.TemplateView;
import io.cracktrader.store.StrategyStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Templates (one per strategy type, with its defaults and schema), categories with usage, and counts by status. */
@ApplicationScoped
public class StrategyTemplates {
    private final StrategyCatalog catalog;
    private final StrategyStore store;

    public StrategyTemplates(StrategyCatalog catalog, StrategyStore store) {
        this.catalog = catalog;
        this.store = store;
    }

    public List<TemplateView> templates(String category, String riskLevel) {
        List<TemplateView> out = new ArrayList<>();
        for (StrategyType type : catalog.all()) {
            String code = type.category().code();
            if ((category != null && !category.equals(code)) || (riskLevel != null && !riskLevel.equals(type.riskLevel()))) {
                continue;
            }
            Map<String, Object> defaults = new LinkedHashMap<>();
            List<Map<String, Object>> schema = new ArrayList<>();
            for (ParameterSpec p : type.parameters()) {
                defaults.put(p.name(), p.defaultValue());
                schema.add(field(p));
            }
            out.add(new TemplateView(type.name().replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT),
                    type.name(), type.description(), code, type.name(), type.riskLevel(), defaults,
                    List.of(code, type.builtIn() ? "built-in" : "rule"), "1h", schema));
        }
        return out;
    }

    private static Map<String, Object> field(ParameterSpec p) {
        Map<String, Object> field = new LinkedHashMap<>();
        field.put("name", p.name());
        field.put("type", p.type());
        field.put("default", p.defaultValue());
        field.put("min", p.min());
        field.put("max", p.max());
        field.put("description", p.description());
        return field;
    }

    public List<CategoryView> categories(Caller caller) {
        Map<String, long[]> usage = store.categoryUsage(caller.userId(), caller.isAdmin());
        List<CategoryView> out = new ArrayList<>();
        for (StrategyCategory category : StrategyCategory.values()) {
            long[] u = usage.getOrDefault(category.code(), new long[2]);
            List<String> types = catalog.all().stream().filter(t -> t.category() == category)
                    .map(StrategyType::name).toList();
            out.add(new CategoryView(category.code(), category.description(), u[0], u[1], types));
        }
        return out;
    }

    /** Counts for {@code GET /api/system/overview}: strategies by status visible to the caller. */
    public Map<String, Long> statusCounts(Caller caller) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String status : List.of("inactive", "running", "stopped", "error")) {
            out.put(status, store.count(new StrategyStore.Query(caller.userId(), caller.isAdmin(), null, status, null,
                    null, null, null, false)));
        }
        return out;
    }
}
