package io.ticketing.ratelimit;

import io.ticketing.redis.RedisKeys;
import io.ticketing.web.Problems;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;

/**
 * The rate limits of {@link RateLimitProperties}: a token bucket per account and per client
 * address and action, in Redis ({@link TokenBuckets}), so the limit holds across all instances.
 * Going over answers 429 with Retry-After: the seconds until the bucket holds a token again.
 * Entering a waiting room and holding seats take their tokens inside the script that does the
 * work, in the event's slot ({@link #buckets}); signing in and up take them here.
 * Without Redis (an error, a timeout, an open breaker) the same check is made against a bucket in
 * this instance's memory instead, which is what the limits were before they were shared: N
 * instances then allow up to N times the limit, see {@link RateLimitProperties} for why.
 */
@Component
public class RateLimits {

    /** The limited actions. */
    public enum Action {
        QUEUE_ENTRY("entering the waiting room"), HOLD("holding seats"), SIGN_IN("signing in"), SIGN_UP("signing up"),
        CODE_REDEMPTION("entering with access codes");

        private final String description;

        Action(String description) {
            this.description = description;
        }
    }

    /** Which bucket refused, as a 429 says it. */
    private static final String BY_ACCOUNT = "for this account";
    private static final String BY_ADDRESS = "from your network address";
    private static final String BY_NETWORK = "from your network";

    /** The network a sign-up counts against: an IPv4 /24, an IPv6 /48 (what one site is given). */
    private static final int IPV4_NETWORK = 24;
    private static final int IPV6_NETWORK = 48;

    private final RateLimitProperties properties;
    private final TokenBuckets buckets;
    private final RedisKeys prefix;
    private final AddressBlocks exempt;
    private final ClientAddress clients;
    /**
     * The buckets used while Redis cannot be reached, created on first use and forgotten after a few
     * idle windows: Bucket4j's, which refill evenly like token-bucket.lua's and take without a lock.
     */
    private final Cache<String, Bucket> fallback;

    RateLimits(RateLimitProperties properties, TokenBuckets buckets, RedisKeys prefix) {
        this.prefix = prefix;
        this.properties = properties;
        this.buckets = buckets;
        this.exempt = blocks("exempt-client-ips", properties.exemptClientIps());
        this.clients = new ClientAddress(blocks("trusted-proxies", properties.trustedProxies()));
        this.fallback = Caffeine.newBuilder().expireAfterAccess(properties.window().multipliedBy(3)).maximumSize(1_000_000).build();
    }

    /**
     * Completes when the account and the client's address may do this now; else a 429 problem.
     * The account is whatever names it stably, e.g. a normalized email for signing in.
     */
    public Mono<Void> check(Action action, ServerRequest request, String account) {
        return check(action, request, RateLimitKeys.account(prefix, action, account));
    }

    /** Completes when the client's address may do this now; else a 429 problem. */
    public Mono<Void> checkAddress(Action action, ServerRequest request) {
        if (!properties.enabled()) {
            return Mono.empty();
        }
        return Mono.defer(() -> byAddress(action, request));
    }

    /**
     * Completes when the client may create an account now: within the sign-ups per address and,
     * over a longer window, per network ({@code sign-up-per-network}), which bounds the accounts one
     * person with one connection can run; else a 429 problem.
     */
    public Mono<Void> checkSignUp(ServerRequest request) {
        if (!properties.enabled()) {
            return Mono.empty();
        }
        return Mono.defer(() -> client(request).filter(ip -> !exempt.contains(ip))
            .map(ip -> take(Action.SIGN_UP, BY_ADDRESS, RateLimitKeys.address(prefix, Action.SIGN_UP, counted(ip)), properties.signUpPerIp(), properties.window())
                .then(take(Action.SIGN_UP, BY_NETWORK, RateLimitKeys.network(prefix, Action.SIGN_UP, ClientAddress.counted(ip, IPV4_NETWORK, IPV6_NETWORK)),
                    properties.signUpPerNetwork(), properties.signUpNetworkWindow())))
            .orElse(Mono.empty()));
    }

    /**
     * The client's address as the limits count it (an IPv6 client by its {@code ipv6-prefix}
     * network), exempt or not: what sign-in slow-downs are kept per.
     */
    public String address(ServerRequest request) {
        return client(request).map(this::counted).orElse("unknown");
    }

    /**
     * An action's limits for a script that takes the tokens itself, in the Redis slot of the work
     * they guard and in the same round trip (enter.lua for entries, hold-gate.lua for holds). A limit that does
     * not apply is 0: all of them when the limits are off, the address's when it is exempt.
     *
     * @param address the client's address as the per-address limit counts it
     */
    public record Buckets(int perAccount, int perAddress, Duration window, String address) {
    }

    public Buckets buckets(Action action, ServerRequest request) {
        if (!properties.enabled()) {
            return new Buckets(0, 0, properties.window(), "none");
        }
        Optional<String> address = limitedAddress(request);
        return new Buckets(perAccount(action), address.isPresent() ? perIp(action) : 0, properties.window(), address.orElse("exempt"));
    }

    /**
     * The check of {@code limits} against this instance's own buckets alone, for when the script that
     * takes them from Redis got no answer: what {@link #check} falls back to, see {@link RateLimitProperties}.
     */
    public Mono<Void> checkHere(Action action, long userId, Buckets limits) {
        return Mono.fromRunnable(() -> {
            if (limits.perAccount() > 0) {
                refuseUnless(action, BY_ACCOUNT, takeHere(RateLimitKeys.user(prefix, action, userId), limits.perAccount(), limits.window()));
            }
            if (limits.perAddress() > 0) {
                refuseUnless(action, BY_ADDRESS, takeHere(RateLimitKeys.address(prefix, action, limits.address()), limits.perAddress(), limits.window()));
            }
        });
    }

    private static void refuseUnless(Action action, String scope, Take take) {
        if (!take.allowed()) {
            throw tooMany(action, scope, take.retryAfter());
        }
    }

    /**
     * The 429 for the refusal of a script that took both of an action's buckets ({@link #buckets}):
     * the address's when it was the empty one, else the account's; empty when the take was allowed.
     */
    public Optional<RuntimeException> refusal(Action action, Take take) {
        return take.allowed() ? Optional.empty() : Optional.of(tooMany(action, take.byAddress() ? BY_ADDRESS : BY_ACCOUNT, take.retryAfter()));
    }

    private Mono<Void> check(Action action, ServerRequest request, RateLimitKeys account) {
        if (!properties.enabled()) {
            return Mono.empty();
        }
        return take(action, BY_ACCOUNT, account, perAccount(action), properties.window()).then(Mono.defer(() -> byAddress(action, request)));
    }

    private Mono<Void> byAddress(Action action, ServerRequest request) {
        return limitedAddress(request)
            .map(ip -> take(action, BY_ADDRESS, RateLimitKeys.address(prefix, action, ip), perIp(action), properties.window()))
            .orElse(Mono.empty());
    }

    /** The client's address as the per-address limits count it; empty when it is exempt from them. */
    private Optional<String> limitedAddress(ServerRequest request) {
        Optional<InetAddress> client = client(request);
        if (client.isPresent() && exempt.contains(client.get())) {
            return Optional.empty();
        }
        return Optional.of(client.map(this::counted).orElse("unknown"));
    }

    private Optional<InetAddress> client(ServerRequest request) {
        return request.remoteAddress().map(InetSocketAddress::getAddress)
            .map(peer -> clients.of(peer, request.headers().header("X-Forwarded-For")));
    }

    /** One client's address: an IPv6 client holds a whole network (a /64 by default), an IPv4 one an address. */
    private String counted(InetAddress address) {
        return ClientAddress.counted(address, 32, properties.ipv6Prefix());
    }

    private Mono<Void> take(Action action, String scope, RateLimitKeys keys, int limit, Duration window) {
        return buckets.take(keys, limit, window)
            .onErrorResume(unreachable -> Mono.fromSupplier(() -> takeHere(keys, limit, window)))
            .flatMap(take -> take.allowed() ? Mono.empty() : Mono.error(tooMany(action, scope, take.retryAfter())));
    }

    private Take takeHere(RateLimitKeys keys, int limit, Duration window) {
        Bucket bucket = fallback.get(keys.bucket(), name -> Bucket.builder()
            .addLimit(bandwidth -> bandwidth.capacity(limit).refillGreedy(limit, window))
            .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Take.ALLOWED : Take.refused(keys.bucket(), Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    private int perAccount(Action action) {
        return switch (action) {
            case QUEUE_ENTRY -> properties.queueEntryPerUser();
            case HOLD -> properties.holdsPerUser();
            case SIGN_IN -> properties.signInPerAccount();
            case CODE_REDEMPTION -> properties.codeRedemptionsPerUser();
            case SIGN_UP -> throw new IllegalArgumentException("Signing up has no account yet to count");
        };
    }

    private int perIp(Action action) {
        return switch (action) {
            case QUEUE_ENTRY -> properties.queueEntryPerIp();
            case HOLD -> properties.holdsPerIp();
            case SIGN_IN -> properties.signInPerIp();
            case SIGN_UP -> properties.signUpPerIp();
            case CODE_REDEMPTION -> properties.codeRedemptionsPerIp();
        };
    }

    private static RuntimeException tooMany(Action action, String scope, Duration wait) {
        return Problems.retryLater(HttpStatus.TOO_MANY_REQUESTS, "rate-limited",
            "Too many requests " + scope + " for " + action.description + "; retry after the Retry-After delay", wait);
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
