package io.ticketing.web;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.http.Outcome;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;

/**
 * {@code http_server_requests_seconds{method, uri, status, outcome}}, what the dashboard and the
 * alerts read, for two clock reads and one map lookup a request. Spring's HTTP server observation
 * made the same timer through an Observation, its conventions and a tag list built and sorted on
 * every request, a cost the cheapest requests felt (docs/benchmarks.md); it is switched off
 * (application.yml). A request is timed until its response is committed, which for a
 * position stream is when the stream starts, not when it ends.
 *
 * <p>Every tag takes its value from a closed set, whatever the client sends: each combination is a
 * timer with its histogram, kept for the life of the instance and scraped every time, and this
 * filter sees a request before the firewall does. A method outside HTTP's standard ones is
 * {@code OTHER} (the firewall refuses it anyway), a path no route matched is one value, and the
 * status is one the service's own code set.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class HttpMetrics implements WebFilter {

    static final String NAME = "http.server.requests";

    private final MeterRegistry meters;
    /** One timer per tag combination, found by a lookup that builds no tag list. */
    private final Map<Key, Timer> timers = new ConcurrentHashMap<>();

    HttpMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        time(exchange.getRequest(), exchange.getResponse(), status -> uri(exchange, status));
        return chain.filter(exchange);
    }

    /**
     * Times a response that a route serves beneath WebFlux's filters (the position stream), as this
     * filter times the others: from now until its response is committed, under its route's pattern.
     */
    public void time(ServerHttpRequest request, ServerHttpResponse response, String pattern) {
        time(request, response, status -> pattern);
    }

    private void time(ServerHttpRequest request, ServerHttpResponse response, Function<HttpStatusCode, String> uri) {
        long started = System.nanoTime();
        response.beforeCommit(() -> Mono.fromRunnable(() -> {
            Key key = new Key(method(request.getMethod()), uri.apply(response.getStatusCode()), response.getStatusCode());
            timers.computeIfAbsent(key, this::timer).record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        }));
    }

    /** The method's name if it is one of HTTP's standard methods, else {@code OTHER}: a client may invent any other. */
    private static String method(HttpMethod method) {
        String name = method.name();
        return switch (name) {
            case "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE" -> name;
            default -> "OTHER";
        };
    }

    /** The route's pattern, as Spring's convention names it: never the raw path, whose ids would be a series each. */
    private static String uri(ServerWebExchange exchange, HttpStatusCode status) {
        PathPattern pattern = exchange.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        if (pattern != null) {
            return pattern.getPatternString();
        }
        if (status != null && status.is3xxRedirection()) {
            return "REDIRECTION";
        }
        if (status != null && status.value() == 404) {
            return "NOT_FOUND";
        }
        return exchange.getRequest().getPath().value().isEmpty() ? "root" : "UNKNOWN";
    }

    private Timer timer(Key key) {
        return Timer.builder(NAME)
            .description("HTTP requests, until their response is committed")
            .tag("method", key.method())
            .tag("uri", key.uri())
            .tag("status", key.status() == null ? "UNKNOWN" : Integer.toString(key.status().value()))
            .tag("outcome", key.status() == null ? Outcome.UNKNOWN.name() : Outcome.forStatus(key.status().value()).name())
            .register(meters);
    }

    private record Key(String method, String uri, HttpStatusCode status) {
    }
}
