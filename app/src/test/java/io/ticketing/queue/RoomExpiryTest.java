package io.ticketing.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.script.RedisScript;

/** A waiting room does not outlive its sale: every key of it ends a while after sales close or the event sells out. */
class RoomExpiryTest extends QueueTestSupport {

    private static final RedisScript<Long> EXPIRES_AT = RedisScript.of("return redis.call('PEXPIRETIME', KEYS[1])", Long.class);

    @Autowired
    QueueProperties properties;

    @Test
    void everyKeyOfTheRoomEndsAWhileAfterSalesClose() {
        long event = newEvent(10, 10);
        configure(event, Map.of("maxActive", 1));
        enter(event, buyer());
        enter(event, buyer());
        tickAfter(event, Duration.ZERO);
        assertThat(tickAfter(event, Duration.ofSeconds(1))).isNotEmpty();

        long endsAt = salesCloseAt(event).plus(properties.keepAfterEnd()).toEpochMilli();

        assertThat(existingKeys(event)).as("a line, an admission, signs of life, settings, the bucket…").hasSizeGreaterThan(7)
            .allSatisfy(key -> assertThat(expiresAt(key)).as(key).isEqualTo(endsAt));
    }

    @Test
    void everyKeyOfTheRoomEndsAWhileAfterTheEventSellsOut() {
        long event = newEvent(1, 1);
        enter(event, buyer());
        sellSeats(event, "TRUE").block();
        forgetCachedEvent(event);

        long before = redisMillis();
        tickAfter(event, Duration.ZERO);

        long soldOutAt = Long.parseLong(redis.<String, String>opsForHash().get(new QueueKeys(redisKeys, event).stats(), "soldOutAt").block());
        assertThat(soldOutAt).as("on Redis's clock").isBetween(before, redisMillis());
        assertThat(existingKeys(event)).isNotEmpty()
            .allSatisfy(key -> assertThat(expiresAt(key)).as(key).isEqualTo(soldOutAt + properties.keepAfterEnd().toMillis()));
    }

    @Test
    void theInfiniteLineAndItsMarkedAccountsEndWithTheRoom() {
        long event = newEvent(10, 10);
        door(event, 8);
        Buyer bot = buyer();
        for (int i = 0; i < 6; i++) {
            http.post().uri("/api/v1/events/{id}/queue", event).header("Authorization", bearer(bot.token())).exchange().expectBody();
        }
        tickAfter(event, Duration.ZERO);

        long endsAt = salesCloseAt(event).plus(properties.keepAfterEnd()).toEpochMilli();
        QueueKeys keys = new QueueKeys(redisKeys, event);

        assertThat(List.of(keys.limbo(), keys.marked())).allSatisfy(key -> assertThat(expiresAt(key)).as(key).isEqualTo(endsAt));
    }

    private List<String> existingKeys(long event) {
        return new QueueKeys(redisKeys, event).forAdmit().stream().filter(key -> Boolean.TRUE.equals(redis.hasKey(key).block())).toList();
    }

    private long expiresAt(String key) {
        return redis.execute(EXPIRES_AT, List.of(key)).next().block();
    }

    private Instant salesCloseAt(long event) {
        Map<?, ?> detail = http.get().uri("/api/v1/events/{id}", event).exchange().expectStatus().isOk()
            .expectBody(Map.class).returnResult().getResponseBody();
        return Instant.parse((String) detail.get("salesCloseAt"));
    }
}
