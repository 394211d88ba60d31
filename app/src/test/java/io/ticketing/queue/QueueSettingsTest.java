package io.ticketing.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.ticketing.redis.LuaScripts;

/** The waiting room's settings through the admin API: kept in the database, logged, copied to Redis in order. */
class QueueSettingsTest extends QueueTestSupport {

    private static final RedisScript<Long> COPY = LuaScripts.load("queue/settings.lua", Long.class);

    @Test
    void everyChangeIsLoggedWithWhoWhenBeforeAndAfter() {
        long event = newEvent(2, 2);
        configure(event, Map.of("admissionRatePerSecond", 7));
        configure(event, Map.of("mode", "CLOSED", "message", "Sold through our partners"));

        List<Map<String, Object>> changes = changes(event);
        assertThat(changes).hasSize(2);
        Map<String, Object> newest = changes.get(0);
        assertThat(newest.get("changedByEmail")).isEqualTo(ADMIN_EMAIL);
        assertThat(Instant.parse((String) newest.get("changedAt"))).isCloseTo(clock.instant(), within(5, ChronoUnit.SECONDS));
        assertThat(field(newest, "before", "mode")).isEqualTo("RANDOM_AT_OPEN");
        assertThat(field(newest, "after", "mode")).isEqualTo("CLOSED");
        assertThat(field(newest, "after", "message")).isEqualTo("Sold through our partners");
        assertThat(field(changes.get(1), "before", "admissionRatePerSecond")).isEqualTo(50);
        assertThat(field(changes.get(1), "after", "admissionRatePerSecond")).isEqualTo(7);
    }

    @Test
    void aChangeThatChangesNothingIsNotLogged() {
        long event = newEvent(2, 2);
        configure(event, Map.of("paused", true));
        configure(event, Map.of("paused", true));

        assertThat(changes(event)).hasSize(1);
    }

    @Test
    void settingsAreTheDatabasesNotRedissCopy() {
        long event = newEvent(2, 2);
        configure(event, Map.of("paused", true, "challengeBits", 12));
        redis.delete(new QueueKeys(redisKeys, event).config()).block();

        Map<?, ?> stats = stats(event);
        assertThat(List.of(stats.get("paused"), stats.get("challengeBits"))).containsExactly(true, 12);
    }

    @Test
    void settingsRedisForgotAreCopiedBackAtTheNextTick() {
        long event = newEvent(2, 2);
        enter(event, buyer());
        configure(event, Map.of("paused", true, "mode", "CLOSED"));
        String config = new QueueKeys(redisKeys, event).config();
        redis.delete(config).block();

        tickAfter(event, Duration.ZERO);

        assertThat(redis.<String, String>opsForHash().multiGet(config, List.of("paused", "mode")).block()).containsExactly("1", "CLOSED");
        assertThat(tickAfter(event, Duration.ofSeconds(2))).isEmpty();
    }

    @Test
    void anEventNobodyChangedGetsItsDefaultsCopiedOnce() {
        long event = newEvent(2, 2);
        enter(event, buyer());

        tickAfter(event, Duration.ZERO);

        assertThat(redis.<String, String>opsForHash().multiGet(new QueueKeys(redisKeys, event).config(), List.of("version", "mode")).block())
            .containsExactly("0", "RANDOM_AT_OPEN");
    }

    @Test
    void anOlderCopyNeverOverwritesANewerOne() {
        long event = newEvent(2, 2);
        configure(event, Map.of("admissionRatePerSecond", 7));
        configure(event, Map.of("admissionRatePerSecond", 9));
        String config = new QueueKeys(redisKeys, event).config();

        // The first change's copy, arriving after the second's.
        Long written = redis.execute(COPY, List.of(config), List.of("1", "7", "500", "0", "RANDOM_AT_OPEN", "0", "", "")).next().block();

        assertThat(written).isZero();
        assertThat(redis.<String, String>opsForHash().get(config, "rate").block()).isEqualTo("9");
    }

    @Test
    void theScheduleIsKeptSortedAndLogged() {
        long event = newEvent(2, 2);
        Instant at = clock.instant().plus(Duration.ofHours(1));
        schedule(event, List.of(window("QUEUE_ALL", at.plusSeconds(600), at.plusSeconds(900)), window("PASSTHROUGH", at, at.plusSeconds(600))))
            .expectStatus().isOk()
            .expectBody()
            .jsonPath("$.schedule[0].mode").isEqualTo("PASSTHROUGH")
            .jsonPath("$.schedule[1].mode").isEqualTo("QUEUE_ALL");

        assertThat(changes(event)).hasSize(1);
    }

    @Test
    void overlappingWindowsAreRefused() {
        long event = newEvent(2, 2);
        Instant at = clock.instant().plus(Duration.ofHours(1));
        schedule(event, List.of(window("QUEUE_ALL", at, at.plusSeconds(600)), window("CLOSED", at.plusSeconds(300), at.plusSeconds(900))))
            .expectStatus().isBadRequest()
            .expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("must not overlap"));
        assertThat(changes(event)).isEmpty();
    }

    @Test
    void aWindowEndingBeforeItStartsIsRefused() {
        long event = newEvent(2, 2);
        Instant at = clock.instant().plus(Duration.ofHours(1));
        schedule(event, List.of(window("CLOSED", at, at.minusSeconds(1))))
            .expectStatus().isBadRequest()
            .expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("must end after it starts"));
    }

    @Test
    void anUnknownModeIsRefused() {
        long event = newEvent(2, 2);
        put(event, Map.of("mode", "LOTTERY")).expectStatus().isBadRequest().expectBody();
        assertThat(changes(event)).isEmpty();
    }

    @Test
    void aDifficultyAbove32BitsIsRefused() {
        long event = newEvent(2, 2);
        put(event, Map.of("challengeBits", 33)).expectStatus().isBadRequest()
            .expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("challengeBits"));
    }

    @Test
    void aMessageWithControlCharactersIsRefused() {
        long event = newEvent(2, 2);
        put(event, Map.of("message", "line one\nline two")).expectStatus().isBadRequest()
            .expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("message"));
    }

    @Test
    void anEmptyMessageClearsIt() {
        long event = newEvent(2, 2);
        configure(event, Map.of("message", "Doors at seven"));
        configure(event, Map.of("message", ""));

        assertThat(stats(event).get("message")).isNull();
        assertThat(redis.<String, String>opsForHash().hasKey(new QueueKeys(redisKeys, event).config(), "message").block()).isFalse();
    }

    @Test
    void changingAnUnknownEventIsNotFound() {
        put(Long.MAX_VALUE, Map.of("paused", true)).expectStatus().isNotFound().expectBody();
    }

    @Test
    void onlyAdminsReadTheLog() {
        long event = newEvent(1, 1);
        http.get().uri("/api/v1/admin/events/{id}/queue/changes", event).header("Authorization", bearer(newUserToken()))
            .exchange().expectStatus().isForbidden().expectBody();
    }

    private WebTestClient.ResponseSpec put(long event, Map<String, Object> settings) {
        return http.put().uri("/api/v1/admin/events/{id}/queue", event).header("Authorization", bearer(adminToken()))
            .contentType(MediaType.APPLICATION_JSON).bodyValue(settings).exchange();
    }

    private WebTestClient.ResponseSpec schedule(long event, List<Map<String, Object>> windows) {
        return http.put().uri("/api/v1/admin/events/{id}/queue/schedule", event).header("Authorization", bearer(adminToken()))
            .contentType(MediaType.APPLICATION_JSON).bodyValue(windows).exchange();
    }

    private static Map<String, Object> window(String mode, Instant from, Instant to) {
        return Map.of("mode", mode, "from", from.toString(), "to", to.toString());
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> changes(long event) {
        return http.get().uri("/api/v1/admin/events/{id}/queue/changes", event).header("Authorization", bearer(adminToken()))
            .exchange().expectStatus().isOk().expectBody(List.class).returnResult().getResponseBody();
    }

    @SuppressWarnings("unchecked")
    private static Object field(Map<String, Object> change, String side, String name) {
        return ((Map<String, Object>) change.get(side)).get(name);
    }
}
