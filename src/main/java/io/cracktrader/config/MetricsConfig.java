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
     * the {@code http_server_requests} meters).
     */
    @Produces
    @Singleton
    MeterFilter dropNonConformingMeters() {
        return MeterFilter.deny(id -> id.getName().equals("process.cpu.time")
                || id.getName().equals("http.server.connections"));
    }

    /**
     * Every meter gets HELP text (some built-in binders have none); HELP never contains a double
     * quote (the registry escapes it as {@code \"}, which the exposition format does not allow); and
     * {@code system_cpu_count}, which reads like a histogram's count series, becomes
     * {@code system_cpu_available}.
     */
    @Produces
    @Singleton
    MeterFilter conformingIds() {
        return new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                String name = id.getName().equals("system.cpu.count") ? "system.cpu.available" : id.getName();
                String description = id.getDescription();
                String help = description == null || description.isBlank()
                        ? name.replace('.', ' ')
                        : description.replace('"', '\'');
                if (name.equals(id.getName()) && help.equals(description)) {
                    return id;
                }
                return new Meter.Id(name, Tags.of(id.getTagsAsIterable()), id.getBaseUnit(), help, id.getType());
            }
        };
    }
}
