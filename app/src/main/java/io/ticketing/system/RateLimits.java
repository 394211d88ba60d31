package io.ticketing.system;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Set;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;

/**
 * The rate limits of {@link RateLimitProperties}: one resilience4j limiter per user and per client
 * IP and action, created on first use and forgotten after a few idle windows. Going over answers
 * 429 with Retry-After: the seconds until the window that refills the limiter.
 */
@Component
public class RateLimits {

    /** The limited actions. */
    public enum Action {
        QUEUE_ENTRY("entering the waiting room"), HOLD("holding seats");

        private final String description;

        Action(String description) {
            this.description = description;
        }
    }

    private final RateLimitProperties properties;
    private final Set<String> exempt;
    private final Cache<String, AtomicRateLimiter> limiters;

    RateLimits(RateLimitProperties properties) {
        this.properties = properties;
        this.exempt = Set.copyOf(properties.exemptClientIps());
        this.limiters = Caffeine.newBuilder().expireAfterAccess(properties.window().multipliedBy(3)).maximumSize(1_000_000).build();
    }

    /** Completes when the user and their address may do this now; else a 429 problem. */
    public Mono<Void> check(Action action, ServerRequest request, long userId) {
        if (!properties.enabled()) {
            return Mono.empty();
        }
        return Mono.defer(() -> {
            String ip = request.remoteAddress().map(InetSocketAddress::getAddress).map(InetAddress::getHostAddress).orElse("unknown");
            AtomicRateLimiter byUser = limiter(action, "user", Long.toString(userId), action == Action.HOLD ? properties.holdsPerUser()
                : properties.queueEntryPerUser());
            if (!byUser.acquirePermission()) {
                return Mono.error(tooMany(action, "for your account", byUser));
            }
            if (exempt.contains(ip)) {
                return Mono.empty();
            }
            AtomicRateLimiter byIp = limiter(action, "ip", ip, action == Action.HOLD ? properties.holdsPerIp() : properties.queueEntryPerIp());
            if (!byIp.acquirePermission()) {
                return Mono.error(tooMany(action, "from your network address", byIp));
            }
            return Mono.empty();
        });
    }

    private AtomicRateLimiter limiter(Action action, String kind, String key, int limit) {
        String name = action + ":" + kind + ":" + key;
        return limiters.get(name, n -> new AtomicRateLimiter(n, RateLimiterConfig.custom()
            .limitForPeriod(limit)
            .limitRefreshPeriod(properties.window())
            .timeoutDuration(Duration.ZERO)
            .build()));
    }

    private RuntimeException tooMany(Action action, String scope, AtomicRateLimiter limiter) {
        long nanos = Math.max(limiter.getDetailedMetrics().getNanosToWait(), 0);
        return Problems.retryLater(HttpStatus.TOO_MANY_REQUESTS, "rate-limited",
            "Too many requests " + scope + " for " + action.description + "; retry after the Retry-After delay", Duration.ofNanos(nanos));
    }
}
