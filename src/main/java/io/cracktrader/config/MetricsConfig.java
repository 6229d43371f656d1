package io.cracktrader.config;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.stream.LongStream;

/**
 * Keeps the Prometheus exposition lint-clean ({@code promtool check metrics}) and gives the HTTP
 * timer the buckets the dashboards and alerts need (k8s/monitoring).
 */
public class MetricsConfig {
    /** Upper bounds of the HTTP latency buckets: a dozen per route, from 1 ms to 10 s. */
    private static final double[] HTTP_BOUNDS = LongStream.of(1, 2, 5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000,
            10_000).mapToDouble(ms -> Duration.ofMillis(ms).toNanos()).toArray();

    /** {@code http_server_requests_seconds_bucket}: percentiles per route (the p99 alert, the latency panel). */
    @Produces
    @Singleton
    MeterFilter httpLatencyBuckets() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (!"http.server.requests".equals(id.getName())) {
                    return config;
                }
                return DistributionStatisticConfig.builder().serviceLevelObjectives(HTTP_BOUNDS).build().merge(config);
            }
        };
    }

    /**
     * Built-in meters whose Prometheus form breaks the naming rules: a unit abbreviation
     * ({@code process_cpu_time_ns}, covered by {@code process_cpu_usage}) and a long-task timer
     * exposed with non-standard summary suffixes ({@code http_server_connections_seconds}, covered by
     * the {@code http_server_requests} meters), and the connection pool's times in milliseconds
     * (the pool panel shows waiting connections instead).
     */
    @Produces
    @Singleton
    MeterFilter dropNonConformingMeters() {
        return MeterFilter.deny(id -> id.getName().equals("process.cpu.time")
                || id.getName().equals("http.server.connections")
                || id.getName().startsWith("agroal.") && id.getName().contains(".time."));
    }

    /**
     * Every meter gets HELP text (some built-in binders have none); HELP never contains a double
     * quote (the registry escapes it as {@code \"}, which the exposition format does not allow); and
     * {@code system_cpu_count}, which reads like a histogram's count series, becomes
     * {@code system_cpu_available}; so do the pool's {@code agroal_*_count}: its gauges become
     * {@code agroal_connections_*} ({@code agroal_connections_active}), its counters {@code agroal_*_total}.
     */
    @Produces
    @Singleton
    MeterFilter conformingIds() {
        return new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                String name = id.getName().equals("system.cpu.count") ? "system.cpu.available" : poolName(id);
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

    private static String poolName(Meter.Id id) {
        String name = id.getName();
        if (!name.startsWith("agroal.") || !name.endsWith(".count")) {
            return name;
        }
        String base = name.substring(0, name.length() - ".count".length());
        return id.getType() == Meter.Type.GAUGE ? "agroal.connections." + base.substring("agroal.".length()) : base;
    }
}
