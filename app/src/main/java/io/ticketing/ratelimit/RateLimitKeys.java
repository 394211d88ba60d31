package io.ticketing.ratelimit;

import io.ticketing.config.Digests;
import io.ticketing.redis.RedisKeys;
import java.util.List;
import java.util.Locale;

/**
 * The Redis key layout of one rate-limit bucket. Both keys carry the hash tag
 * {@code {rate:<action>:<kind>:<id>}} so that they share one Redis Cluster slot, which lets
 * token-bucket.lua touch them together; the deployment's prefix goes in front ({@link RedisKeys}). An account named by user input (an email) is hashed, so
 * that no input can move a brace into the key and reshape the tag, or make the key long.
 */
record RateLimitKeys(RedisKeys prefix, String bucket) {

    static RateLimitKeys user(RedisKeys prefix, RateLimits.Action action, long userId) {
        return of(prefix, action, "user", Long.toString(userId));
    }

    static RateLimitKeys account(RedisKeys prefix, RateLimits.Action action, String account) {
        return of(prefix, action, "account", Digests.sha256(account));
    }

    static RateLimitKeys address(RedisKeys prefix, RateLimits.Action action, String address) {
        return of(prefix, action, "ip", address);
    }

    static RateLimitKeys network(RedisKeys prefix, RateLimits.Action action, String network) {
        return of(prefix, action, "net", network);
    }

    private static RateLimitKeys of(RedisKeys prefix, RateLimits.Action action, String kind, String id) {
        return new RateLimitKeys(prefix, "rate:" + action.name().toLowerCase(Locale.ROOT) + ":" + kind + ":" + id);
    }

    private String key(String name) {
        return prefix.key("{" + bucket + "}:" + name);
    }

    String tokens() {
        return key("tokens");
    }

    /** When the tokens were last counted, in Redis's time (epoch ms). */
    String timestamp() {
        return key("timestamp");
    }

    List<String> forTake() {
        return List.of(tokens(), timestamp());
    }
}
