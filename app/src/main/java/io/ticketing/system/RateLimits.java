package io.ticketing.system;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;

/**
 * The rate limits of {@link RateLimitProperties}: one resilience4j limiter per account and per
 * client address and action, created on first use and forgotten after a few idle windows. Going
 * over answers 429 with Retry-After: the seconds until the window that refills the limiter.
 */
@Component
public class RateLimits {

    /** The limited actions. */
    public enum Action {
        QUEUE_ENTRY("entering the waiting room"), HOLD("holding seats"), SIGN_IN("signing in"), SIGN_UP("signing up");

        private final String description;

        Action(String description) {
            this.description = description;
        }
    }

    private final RateLimitProperties properties;
    private final AddressBlocks exempt;
    private final ClientAddress clients;
    private final Cache<String, AtomicRateLimiter> limiters;

    RateLimits(RateLimitProperties properties) {
        this.properties = properties;
        this.exempt = blocks("exempt-client-ips", properties.exemptClientIps());
        this.clients = new ClientAddress(blocks("trusted-proxies", properties.trustedProxies()));
        this.limiters = Caffeine.newBuilder().expireAfterAccess(properties.window().multipliedBy(3)).maximumSize(1_000_000).build();
    }

    /** Completes when the user and their address may do this now; else a 429 problem. */
    public Mono<Void> check(Action action, ServerRequest request, long userId) {
        return check(action, request, Long.toString(userId));
    }

    /**
     * Completes when the account and the client's address may do this now; else a 429 problem.
     * The account is whatever names it stably, e.g. a normalized email for signing in.
     */
    public Mono<Void> check(Action action, ServerRequest request, String account) {
        if (!properties.enabled()) {
            return Mono.empty();
        }
        return Mono.defer(() -> {
            AtomicRateLimiter byAccount = limiter(action, "account", account, perAccount(action));
            if (!byAccount.acquirePermission()) {
                return Mono.error(tooMany(action, "for this account", byAccount));
            }
            return byAddress(action, request);
        });
    }

    /** Completes when the client's address may do this now; else a 429 problem. */
    public Mono<Void> checkAddress(Action action, ServerRequest request) {
        if (!properties.enabled()) {
            return Mono.empty();
        }
        return Mono.defer(() -> byAddress(action, request));
    }

    private Mono<Void> byAddress(Action action, ServerRequest request) {
        Optional<InetAddress> client = request.remoteAddress().map(InetSocketAddress::getAddress)
            .map(peer -> clients.of(peer, request.headers().header("X-Forwarded-For")));
        if (client.isPresent() && exempt.contains(client.get())) {
            return Mono.empty();
        }
        String ip = client.map(InetAddress::getHostAddress).orElse("unknown");
        AtomicRateLimiter byIp = limiter(action, "ip", ip, perIp(action));
        if (!byIp.acquirePermission()) {
            return Mono.error(tooMany(action, "from your network address", byIp));
        }
        return Mono.empty();
    }

    private int perAccount(Action action) {
        return switch (action) {
            case QUEUE_ENTRY -> properties.queueEntryPerUser();
            case HOLD -> properties.holdsPerUser();
            case SIGN_IN -> properties.signInPerAccount();
            case SIGN_UP -> throw new IllegalArgumentException("Signing up has no account yet to count");
        };
    }

    private int perIp(Action action) {
        return switch (action) {
            case QUEUE_ENTRY -> properties.queueEntryPerIp();
            case HOLD -> properties.holdsPerIp();
            case SIGN_IN -> properties.signInPerIp();
            case SIGN_UP -> properties.signUpPerIp();
        };
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

    private static AddressBlocks blocks(String property, List<String> entries) {
        try {
            return AddressBlocks.of(entries);
        }
        catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("ticketing.rate-limits." + property + ": " + e.getMessage(), e);
        }
    }
}
