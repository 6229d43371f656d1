package io.cracktrader.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cracktrader.security.RateLimiter;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;

/**
 * Applies the request budgets of {@link RateLimiter} ahead of everything else on the router, so an
 * over-budget request costs no authentication or database work. Health, metrics, docs and the
 * dashboard's files are never limited. Over budget: 429 with {@code Retry-After} and the error body.
 */
@ApplicationScoped
public class RateLimitFilter {
    private final RateLimiter limiter;
    private final ObjectMapper json;

    public RateLimitFilter(RateLimiter limiter, ObjectMapper json) {
        this.limiter = limiter;
        this.json = json;
    }

    void install(@Observes Router router) {
        router.route().order(-1000).handler(this::limit);
    }

    void limit(RoutingContext rc) {
        String path = rc.request().path();
        if (!limiter.enabled() || !limited(path)) {
            rc.next();
            return;
        }
        // Logging in and refreshing draw on the address's budget whatever token is sent: a made-up bearer
        // token must not buy a fresh budget (guessing is throttled per account too, in LoginThrottle).
        String token = path.equals("/api/auth/login") || path.equals("/api/auth/refresh") ? null
                : BearerAuthMechanism.token(rc);
        String address = rc.request().remoteAddress() == null ? null : rc.request().remoteAddress().host();
        if (!admitted(rc, limiter.takeRequest(token, address), "minute")) {
            return;
        }
        if ("POST".equals(rc.request().method().name()) && path.equals("/api/trading/order")
                && !admitted(rc, limiter.takeOrder(token, address), "second")) {
            return;
        }
        rc.next();
    }

    /** The API and WebSocket handshakes; never health, metrics, docs or the dashboard's files. */
    static boolean limited(String path) {
        if (!(path.startsWith("/api/") || path.startsWith("/ws"))) {
            return false;
        }
        return !(path.equals("/api/health") || path.startsWith("/api/health/") || path.equals("/api/v1/health"));
    }

    private boolean admitted(RoutingContext rc, RateLimiter.Decision decision, String per) {
        rc.response().putHeader("X-RateLimit-Limit", decision.capacity() + "/" + ("second".equals(per) ? "s" : "min"));
        if (decision.allowed()) {
            rc.response().putHeader("X-RateLimit-Remaining", Long.toString(decision.remaining()));
            return true;
        }
        long retryAfter = decision.retryAfterSeconds();
        ErrorBody body = ErrorBody.of(429, ErrorCode.RATE_LIMITED, "Rate limit exceeded: " + decision.capacity()
                + " requests per " + per + "; retry after " + retryAfter + " s",
                Map.of("limit", decision.capacity(), "retry_after_seconds", retryAfter), rc.request().path(),
                RequestIds.of(rc.request()));
        rc.response().putHeader("Retry-After", Long.toString(retryAfter));
        EdgeRejections.send(rc, json, body);
        return false;
    }
}
