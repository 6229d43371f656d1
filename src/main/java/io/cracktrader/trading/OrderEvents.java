package io.cracktrader.trading;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.Flow;

/** Every change of an order placed through the orders API, for the {@code orders} channel of {@code /ws}. */
@ApplicationScoped
public class OrderEvents {
    private final Flow.Processor<OrderRecord, OrderRecord> processor =
            BroadcastProcessor.<OrderRecord>create().serialized();
    private final Multi<OrderRecord> stream = Multi.createFrom().publisher(processor);

    public Multi<OrderRecord> stream() {
        return stream;
    }

    void changed(OrderRecord order) {
        processor.onNext(order);
    }
}
