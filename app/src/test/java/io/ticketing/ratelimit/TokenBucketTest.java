package io.ticketing.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

import io.ticketing.IntegrationTest;

/** token-bucket.lua on the real Redis, through {@link TokenBuckets}; every test has buckets of its own. */
class TokenBucketTest extends IntegrationTest {

    @Autowired
    TokenBuckets buckets;

    @Autowired
    ReactiveStringRedisTemplate redis;

    @Test
    void aBucketGivesItsCapacityAndThenRefuses() {
        RateLimitKeys keys = newBucket();

        for (int i = 0; i < 3; i++) {
            assertThat(take(keys, 3, Duration.ofHours(1)).allowed()).as("take %d", i).isTrue();
        }

        assertThat(take(keys, 3, Duration.ofHours(1)).allowed()).isFalse();
    }

    @Test
    void aRefusalTellsHowLongUntilTheNextToken() {
        RateLimitKeys keys = newBucket();
        take(keys, 2, Duration.ofHours(1));
        take(keys, 2, Duration.ofHours(1));

        Take refused = take(keys, 2, Duration.ofHours(1));

        // One token every half hour, less the moments the takes above took.
        assertThat(refused.retryAfter()).isBetween(Duration.ofMinutes(29), Duration.ofMinutes(30));
    }

    @Test
    void anEmptiedBucketRefillsOverItsWindow() {
        RateLimitKeys keys = newBucket();
        Duration window = Duration.ofSeconds(2);
        Take refused = await().atMost(Duration.ofSeconds(10)).until(() -> take(keys, 2, window), take -> !take.allowed());
        assertThat(refused.retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(1));

        await().atMost(Duration.ofSeconds(10)).until(() -> take(keys, 2, window).allowed());
    }

    @Test
    void aBucketsKeysExpireWithinItsWindow() {
        RateLimitKeys keys = newBucket();

        take(keys, 5, Duration.ofMinutes(1));

        for (String key : keys.forTake()) {
            assertThat(redis.getExpire(key).block()).as(key).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(1));
        }
    }

    @Test
    void bucketsOfOtherKeysAreApart() {
        RateLimitKeys emptied = newBucket();
        take(emptied, 1, Duration.ofHours(1));

        assertThat(take(newBucket(), 1, Duration.ofHours(1)).allowed()).isTrue();
    }

    private Take take(RateLimitKeys keys, int capacity, Duration window) {
        return buckets.take(keys, capacity, window).block();
    }

    private RateLimitKeys newBucket() {
        return RateLimitKeys.address(redisKeys, RateLimits.Action.HOLD, unique("bucket-test"));
    }
}
