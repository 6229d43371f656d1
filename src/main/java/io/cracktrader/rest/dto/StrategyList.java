package io.cracktrader.rest.dto;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.cracktrader.engine.strategy.ParameterSpec;
import io.cracktrader.engine.strategy.StrategyType;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code {"strategies": [names]}} as the dashboard reads it, plus each type's description and parameter schema. */
@RegisterForReflection
public record StrategyList(@Schema(description = "Names of the strategy types") List<String> strategies,
                           List<StrategyInfo> details) {

    @RegisterForReflection
    public record StrategyInfo(String name, String description,
                               @Schema(enumeration = {"built_in", "rule"}) String kind,
                               Map<String, Parameter> parameters,
                               @Schema(description = "For rule strategies: the entry and exit rules") Map<String, Object> definition) {
        public static StrategyInfo of(StrategyType type) {
            Map<String, Parameter> params = new LinkedHashMap<>();
            for (ParameterSpec p : type.parameters()) {
                params.put(p.name(), new Parameter(p.type(), p.defaultValue(), p.min(), p.max(), p.description()));
            }
            return new StrategyInfo(type.name(), type.description(), type.builtIn() ? "built_in" : "rule", params,
                    type.definition());
        }
    }

    @RegisterForReflection
    public record Parameter(String type, @JsonProperty("default") Object defaultValue, Double min, Double max,
                            String description) {
    }

    public static StrategyList of(Collection<StrategyType> types) {
        return new StrategyList(types.stream().map(StrategyType::name).toList(),
                types.stream().map(StrategyInfo::of).toList());
    }
}
