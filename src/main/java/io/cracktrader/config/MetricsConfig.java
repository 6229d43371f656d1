package io.cracktrader.config;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Keeps the Prometheus exposition lint-clean ({@code promtool check metrics}). */
public class MetricsConfig {

    /**
     * Built-in meters whose Prometheus form breaks the naming rules: a unit abbreviation
     * ({@code process_cpu_time_ns}, covered by {@code process_cpu_usage}) and a long-task timer
     * exposed with non-standard summary suffixes ({@code http_server_connections_seconds}, covered by
     * the {@code http_server_requests} and {@code vertx} meters).
     */
    @Produces
    @Singleton
    MeterFilter dropNonConformingMeters() {
        return MeterFilter.deny(id -> id.getName().equals("process.cpu.time")
                || id.getName().equals("http.server.connections"));
    }

    /** {@code system_cpu_count} looks like a histogram's count series; call it what it is. */
    @Produces
    @Singleton
    MeterFilter renameCpuCount() {
        return new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                return id.getName().equals("system.cpu.count") ? id.withName("system.cpu.available") : id;
            }
        };
    }

    /**
     * Every meter gets HELP text (some built-in binders have none), and HELP never contains a double
     * quote: the registry escapes it as {@code \"}, which the exposition format does not allow.
     */
    @Produces
    @Singleton
    MeterFilter helpText() {
        return new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                String description = id.getDescription();
                String fixed = description == null || description.isBlank()
                        ? id.getName().replace('.', ' ')
                        : description.replace('"', '\'');
                if (fixed.equals(description)) {
                    return id;
                }
                return new Meter.Id(id.getName(), Tags.of(id.getTagsAsIterable()), id.getBaseUnit(), fixed, id.getType());
            }
        };
    }
}
