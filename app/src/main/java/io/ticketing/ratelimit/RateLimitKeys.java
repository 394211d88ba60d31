package io.ticketing.ratelimit;

import io.ticketing.config.Digests;
import io.ticketing.redis.RedisKeys;
import java.util.List;
import java.util.Locale;

/**
 * The Redis key layout of one rate-limit bucket, the one place a limiter key is spelled. A bucket is
 * named {@code rate:<action>:<kind>:<id>} and is a pair of keys, its tokens and when they were
 * counted, which must share a Redis Cluster slot so that one script touches them together. A bucket
 * checked alone is its own hash tag, {@code {rate:hold:user:42}:tokens}; one that a script takes
 * from while it works on other keys lives in their slot instead ({@link #in}), e.g. an event's,
 * {@code {event:42}:rate:hold:user:42:tokens}. The deployment's prefix goes in front ({@link RedisKeys}).
 * An account named by user input (an email) is hashed, so that no input can move a brace into the
 * key and reshape the tag, or make the key long.
 *
 * @param slot   the hash tag the keys carry, without its braces: the bucket's name, or another key's tag
 * @param bucket the bucket's name, {@code rate:<action>:<kind>:<id>}
 */
public record RateLimitKeys(RedisKeys prefix, String slot, String bucket) {

    /** The bucket of one signed-in user. */
    public static RateLimitKeys user(RedisKeys prefix, RateLimits.Action action, long userId) {
        return of(prefix, action, "user", Long.toString(userId));
    }

    static RateLimitKeys account(RedisKeys prefix, RateLimits.Action action, String account) {
        return of(prefix, action, "account", Digests.sha256(account));
    }

    /** The bucket of one client address, as the limits count it ({@link RateLimits.Buckets#address()}). */
    public static RateLimitKeys address(RedisKeys prefix, RateLimits.Action action, String address) {
        return of(prefix, action, "ip", address);
    }

    static RateLimitKeys network(RedisKeys prefix, RateLimits.Action action, String network) {
        return of(prefix, action, "net", network);
    }

    private static RateLimitKeys of(RedisKeys prefix, RateLimits.Action action, String kind, String id) {
        String bucket = "rate:" + action.name().toLowerCase(Locale.ROOT) + ":" + kind + ":" + id;
        return new RateLimitKeys(prefix, bucket, bucket);
    }

    /**
     * This bucket in the slot of the hash tag {@code tag} (e.g. {@code event:42}): for a script that
     * takes its token in the same round trip as its work on that tag's keys. The bucket is then
     * another than the one of the same name checked alone.
     */
    public RateLimitKeys in(String tag) {
        return new RateLimitKeys(prefix, tag, bucket);
    }

    private String key(String name) {
        return prefix.key(slot.equals(bucket) ? "{" + bucket + "}:" + name : "{" + slot + "}:" + bucket + ":" + name);
    }

    String tokens() {
        return key("tokens");
    }

    /** When the tokens were last counted, in Redis's time (epoch ms). */
    String timestamp() {
        return key("timestamp");
    }

    /** The keys take-token.lua takes a token with: the tokens, then when they were counted. */
    public List<String> forTake() {
        return List.of(tokens(), timestamp());
    }
}
