package io.cracktrader.service.view;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Where a run's market data came from; {@code simulated} is true for the built-in synthetic market. */
@RegisterForReflection
@Schema(name = "DataSource")
public record DataSourceView(String exchange, boolean simulated, String description) {
    public static DataSourceView of(String exchange, boolean simulated) {
        return new DataSourceView(exchange, simulated, simulated
                ? "Simulated market data: deterministic synthetic prices from the built-in 'simulated' exchange"
                : "Market data from " + exchange);
    }
}
