package io.cracktrader.ws;

import io.cracktrader.security.Caller;
import io.cracktrader.service.RunAccess;
import io.cracktrader.service.RunEvents;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which runs one connection may see (README, "Security"): its user's own at once, others' only through
 * a share of their strategy, asked once per run and remembered for the connection's life.
 */
final class VisibleRuns {
    private final RunAccess access;
    private final Caller caller;
    private final Map<String, Boolean> shared = new ConcurrentHashMap<>();

    VisibleRuns(RunAccess access, Caller caller) {
        this.access = access;
        this.caller = caller;
    }

    boolean test(RunEvents.RunEvent e) {
        if (caller.isAdmin() || caller.username().equals(e.owner())) {
            return true;
        }
        return e.strategyId() != null
                && shared.computeIfAbsent(e.runId(), id -> access.mayRead(caller, e.owner(), e.strategyId()));
    }
}
