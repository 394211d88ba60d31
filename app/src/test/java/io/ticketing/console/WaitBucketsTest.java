package io.ticketing.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

import io.ticketing.IntegrationTest;
import io.ticketing.redis.LuaScripts;

/** The percentiles read the buckets back with the bounds Redis filed the waits under. */
class WaitBucketsTest extends IntegrationTest {

    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> BUCKETS = LuaScripts.load("console/wait-bucket-for-tests.lua", List.class);

    @Autowired
    ReactiveStringRedisTemplate redis;

    @Test
    void javaFilesEveryWaitUnderTheBucketLuaDoes() {
        List<String> waits = new ArrayList<>();
        for (long millis = 0; millis < 100_000_000L; millis = millis * 11 / 10 + 7) {
            waits.add(Long.toString(millis));
        }
        // Where a bucket's bound is a whole number of ms, both sides of it: the logarithms must round alike there.
        for (int doublings = 0; doublings < 20; doublings++) {
            waits.add(Long.toString((100L << doublings) - 1));
            waits.add(Long.toString(100L << doublings));
        }

        List<?> filed = redis.execute(BUCKETS, List.of(), waits).next().block();

        assertThat(filed).map(bucket -> ((Number) bucket).intValue())
            .isEqualTo(waits.stream().map(wait -> WaitPercentiles.bucketOf(Long.parseLong(wait))).toList());
    }
}
