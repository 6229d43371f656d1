package io.cracktrader.exchange;

import io.cracktrader.config.CracktraderConfig;
import io.cracktrader.error.ExchangeFailureException.Failure;
import io.cracktrader.error.ExchangeFailureException;
import io.cracktrader.error.ServiceException;
import io.cracktrader.error.UnavailableException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;
import org.knowm.xchange.exceptions.ExchangeException;
import org.knowm.xchange.exceptions.ExchangeSecurityException;
import org.knowm.xchange.exceptions.NotAvailableFromExchangeException;
import org.knowm.xchange.exceptions.NotYetImplementedForExchangeException;
import org.knowm.xchange.exceptions.RateLimitExceededException;
import si.mazi.rescu.HttpStatusExceptionSupport;
import si.mazi.rescu.HttpStatusIOException;

/**
 * The one layer every exchange call goes through. It retries reads that failed for a passing reason
 * (timeout, connection, 5xx) with exponential backoff, keeps a circuit breaker per exchange (after
 * {@code breaker-failures} failed calls in a row the exchange is left alone for {@code breaker-open}),
 * and turns what went wrong into an {@link ExchangeFailureException} that says what failed (the REST
 * layer answers 502, 429 or 422 by kind; docs/API-CONTRACT.md), or {@link UnavailableException} while
 * the breaker is open. Messages name the exchange and the reason, never a URL, header or key.
 */
@ApplicationScoped
public class ExchangeCalls {
    private static final Logger LOG = Logger.getLogger(ExchangeCalls.class);

    /** An exchange call that failed, classified; {@link #toApi} gives the response. */
    public static final class CallFailure extends RuntimeException {
        public final Failure failure;
        public final String exchange;

        CallFailure(String exchange, Failure failure, String message) {
            super(message, null, false, false);
            this.exchange = exchange;
            this.failure = failure;
        }
    }

    @FunctionalInterface
    public interface ExchangeCall<T> {
        T call() throws IOException;
    }

    private final Map<String, CircuitBreaker> breakers = new ConcurrentHashMap<>();
    private final CircuitBreakerConfig breakerConfig;
    private final RetryConfig retryConfig;
    private final MeterRegistry meters;

    public ExchangeCalls(CracktraderConfig config, MeterRegistry meters) {
        CracktraderConfig.Exchanges c = config.exchanges();
        this.meters = meters;
        this.breakerConfig = CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(c.breakerFailures())
                .minimumNumberOfCalls(c.breakerFailures())
                .failureRateThreshold(100)
                .waitDurationInOpenState(c.breakerOpen())
                .permittedNumberOfCallsInHalfOpenState(1)
                .recordException(e -> e instanceof CallFailure f && f.failure.transientFault)
                .build();
        this.retryConfig = RetryConfig.custom()
                .maxAttempts(Math.max(1, c.attempts()))
                .intervalFunction(IntervalFunction.ofExponentialBackoff(c.retryBackoff().toMillis(), 2))
                .retryOnException(e -> e instanceof CallFailure f && f.failure.transientFault)
                .failAfterMaxAttempts(false)
                .build();
    }

    /** A read: safe to repeat, so retried on passing failures. */
    public <T> T read(String exchange, String what, ExchangeCall<T> call) {
        Retry retry = Retry.of(exchange + ":" + what, retryConfig);
        return run(exchange, what, () -> Retry.decorateCallable(retry, () -> once(exchange, what, call)).call());
    }

    /**
     * A call that must not be repeated blindly (placing an order): one attempt; the caller
     * reconciles an ambiguous failure (see {@code OrderService}).
     */
    public <T> T write(String exchange, String what, ExchangeCall<T> call) {
        return run(exchange, what, () -> once(exchange, what, call));
    }

    /** Publishes whether the exchange's circuit breaker is open (1) or lets calls through (0). */
    public void watch(String exchange) {
        Gauge.builder("cracktrader.exchange.circuit.open", this,
                        calls -> calls.breaker(exchange).getState() == CircuitBreaker.State.OPEN ? 1 : 0)
                .description("1 while calls to the exchange are refused by its circuit breaker")
                .tag("exchange", exchange).register(meters);
    }

    /** Closed (calls pass), open (refused until it probes again) or half-open. */
    public String state(String exchange) {
        return breaker(exchange).getState().name().toLowerCase(Locale.ROOT);
    }

    private <T> T run(String exchange, String what, Callable<T> attempts) {
        try {
            return attempts.call();
        } catch (CallFailure f) {
            meters.counter("cracktrader_exchange_failures_total", "exchange", exchange, "failure",
                    f.failure.code()).increment();
            throw toApi(f, what);
        } catch (ServiceException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("unexpected checked exception", e);
        }
    }

    private <T> T once(String exchange, String what, ExchangeCall<T> call) {
        CircuitBreaker breaker = breaker(exchange);
        try {
            return breaker.executeCallable(() -> {
                try {
                    return call.call();
                } catch (IOException | RuntimeException e) {
                    CallFailure f = classify(exchange, e);
                    LOG.warnf("%s: %s failed (%s): %s", exchange, what, f.failure, f.getMessage());
                    throw f;
                }
            });
        } catch (CallNotPermittedException e) {
            long wait = Math.max(1, breakerConfig.getWaitDurationInOpenState().toSeconds());
            throw new UnavailableException(exchange + " is unavailable: its last "
                    + breakerConfig.getMinimumNumberOfCalls() + " calls failed, so it is left alone for up to " + wait
                    + " s before it is tried again", wait, null);
        } catch (CallFailure | ServiceException e) {
            throw e;
        } catch (Exception e) {
            throw classify(exchange, e);
        }
    }

    private CircuitBreaker breaker(String exchange) {
        return breakers.computeIfAbsent(exchange, name -> CircuitBreaker.of(name, breakerConfig));
    }

    /** Sorts a failure by its cause chain: network, HTTP status, or XChange's own exception types. */
    static CallFailure classify(String exchange, Throwable error) {
        Integer status = null;
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof CallFailure f) {
                return f;
            }
            if (t instanceof SocketTimeoutException) {
                return new CallFailure(exchange, Failure.TIMEOUT, exchange + " did not answer in time");
            }
            if (t instanceof ConnectException || t instanceof UnknownHostException || t instanceof NoRouteToHostException
                    || t instanceof SocketException) {
                return new CallFailure(exchange, Failure.UNREACHABLE, exchange + " could not be reached");
            }
            if (t instanceof RateLimitExceededException) {
                return new CallFailure(exchange, Failure.RATE_LIMITED, exchange + " is rate-limiting this service");
            }
            if (t instanceof ExchangeSecurityException) {
                return new CallFailure(exchange, Failure.CREDENTIALS_REFUSED, exchange + " refused the API credentials");
            }
            if (t instanceof NotAvailableFromExchangeException || t instanceof NotYetImplementedForExchangeException) {
                return new CallFailure(exchange, Failure.UNSUPPORTED, exchange + " does not offer this through XChange");
            }
            if (status == null && t instanceof HttpStatusExceptionSupport h && h.getHttpStatusCode() > 0) {
                status = h.getHttpStatusCode();
            }
            if (status == null && t instanceof HttpStatusIOException h) {
                status = h.getHttpStatusCode();
            }
        }
        String said = exchangeMessage(error);
        if (status != null) {
            if (status == 429 || status == 418) {
                return new CallFailure(exchange, Failure.RATE_LIMITED, exchange + " is rate-limiting this service");
            }
            if (status == 401 || status == 403) {
                return new CallFailure(exchange, Failure.CREDENTIALS_REFUSED, exchange + " refused the API credentials");
            }
            if (status >= 500) {
                return new CallFailure(exchange, Failure.SERVER_ERROR, exchange + " answered HTTP " + status);
            }
            return new CallFailure(exchange, Failure.REJECTED, exchange + " rejected the request: " + said);
        }
        if (error instanceof ExchangeException) {
            return new CallFailure(exchange, Failure.REJECTED, exchange + " rejected the request: " + said);
        }
        if (error instanceof IOException) {
            return new CallFailure(exchange, Failure.UNREACHABLE, exchange + " could not be reached");
        }
        LOG.warnf("%s: unexpected failure %s: %s", exchange, error.getClass().getSimpleName(), said);
        return new CallFailure(exchange, Failure.SERVER_ERROR, exchange + " failed unexpectedly");
    }

    /** The classified failure as the service reports it. */
    static ExchangeFailureException toApi(CallFailure f, String what) {
        return new ExchangeFailureException(f.exchange, f.failure, "Could not " + what + ": " + f.getMessage());
    }

    /**
     * The exchange's own words (first line, at most 160 characters), with anything that looks like a
     * URL query or a long token cut out, so no signature, key or nonce reaches a response or log.
     */
    static String exchangeMessage(Throwable error) {
        String m = error.getMessage();
        if (m == null || m.isBlank()) {
            return "no reason given";
        }
        String line = m.lines().findFirst().orElse("").replaceAll("\\?\\S*", "?…")
                .replaceAll("[A-Za-z0-9+/=_-]{24,}", "…");
        return line.length() > 160 ? line.substring(0, 160) + "…" : line;
    }
}
