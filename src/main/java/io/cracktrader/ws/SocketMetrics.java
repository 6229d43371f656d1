package io.cracktrader.ws;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * WebSocket figures per channel: connected clients, messages sent, messages dropped (replaced by a
 * newer status or ticker before they could be sent) and clients closed for falling too far behind.
 */
@ApplicationScoped
public class SocketMetrics {
    private final MeterRegistry registry;
    private final Map<String, AtomicInteger> connected = new ConcurrentHashMap<>();
    private final Map<String, Counter> sent = new ConcurrentHashMap<>();
    private final Map<String, Counter> dropped = new ConcurrentHashMap<>();
    private final Map<String, Counter> slowCloses = new ConcurrentHashMap<>();

    public SocketMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void opened(String channel) {
        connections(channel).incrementAndGet();
    }

    void closed(String channel) {
        connections(channel).decrementAndGet();
    }

    void sent(String channel) {
        counter(sent, "cracktrader_ws_messages_sent", "WebSocket messages sent", channel).increment();
    }

    void dropped(String channel) {
        counter(dropped, "cracktrader_ws_messages_dropped", "WebSocket messages replaced by newer ones before sending",
                channel).increment();
    }

    void closedSlow(String channel) {
        counter(slowCloses, "cracktrader_ws_slow_clients_closed", "WebSocket clients closed for falling too far behind",
                channel).increment();
    }

    private AtomicInteger connections(String channel) {
        return connected.computeIfAbsent(channel, c -> {
            AtomicInteger value = new AtomicInteger();
            Gauge.builder("cracktrader_ws_connections", value, AtomicInteger::get)
                    .description("Connected WebSocket clients").tag("channel", c).register(registry);
            return value;
        });
    }

    private Counter counter(Map<String, Counter> counters, String name, String help, String channel) {
        return counters.computeIfAbsent(channel, c -> Counter.builder(name).description(help).tag("channel", c)
                .register(registry));
    }
}
