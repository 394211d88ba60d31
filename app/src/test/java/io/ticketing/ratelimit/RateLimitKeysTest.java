package io.ticketing.ratelimit;

import io.ticketing.config.Digests;
import io.ticketing.redis.RedisKeys;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Pinned: both keys of a bucket share one hash tag, its own {rate:...} or the one of the keys a script
 * takes its token with, behind the deployment's prefix, so one script may touch them in Redis Cluster.
 */
class RateLimitKeysTest {

    private static final RedisKeys PREFIX = new RedisKeys("ticketing");

    @Test
    void everyKeyOfABucketIsHashTaggedWithIt() {
        RateLimitKeys keys = RateLimitKeys.user(PREFIX, RateLimits.Action.HOLD, 42);

        assertThat(keys.tokens()).isEqualTo("ticketing:{rate:hold:user:42}:tokens");
        assertThat(keys.timestamp()).isEqualTo("ticketing:{rate:hold:user:42}:timestamp");
        assertThat(keys.forTake()).containsExactly(keys.tokens(), keys.timestamp());
    }

    @Test
    void aBucketInAnotherSlotCarriesThatSlotsTagAndItsOwnName() {
        RateLimitKeys keys = RateLimitKeys.user(PREFIX, RateLimits.Action.QUEUE_ENTRY, 7).in("event:42");

        assertThat(keys.forTake()).containsExactly("ticketing:{event:42}:rate:queue_entry:user:7:tokens",
            "ticketing:{event:42}:rate:queue_entry:user:7:timestamp");
    }

    @Test
    void addressesAreKeyedAsTheyAre() {
        assertThat(RateLimitKeys.address(PREFIX, RateLimits.Action.SIGN_UP, "2001:db8::1").tokens())
            .isEqualTo("ticketing:{rate:sign_up:ip:2001:db8::1}:tokens");
    }

    @Test
    void anAccountNameIsHashedSoItCannotReshapeTheHashTag() {
        RateLimitKeys keys = RateLimitKeys.account(PREFIX, RateLimits.Action.SIGN_IN, "a}b{c@example.com");

        assertThat(keys.tokens()).matches("ticketing:\\{rate:sign_in:account:[0-9a-f]{64}\\}:tokens")
            .isEqualTo("ticketing:{rate:sign_in:account:" + Digests.sha256("a}b{c@example.com") + "}:tokens");
    }
}
