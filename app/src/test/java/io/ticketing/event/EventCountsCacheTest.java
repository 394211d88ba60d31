package io.ticketing.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

import io.ticketing.IntegrationTest;

/**
 * The live counts in Redis are never older than the last change, whatever order a read and a
 * change interleave in; the steps of each are driven one by one here, not raced.
 */
class EventCountsCacheTest extends IntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @Autowired
    EventCache cache;

    @Autowired
    EventService events;

    @Autowired
    EventCatalog catalog;

    @Autowired
    ReactiveStringRedisTemplate redis;

    @Test
    void aReadThatStartedBeforeAChangeCannotStoreItsCountsAfterIt() {
        long id = newEvent(1, 4);
        // A reader finds no detail in Redis, and reads the database: nothing is sold yet.
        EventCache.Lookup seen = cache.get(id).block(WAIT);
        assertThat(seen.detail()).isNull();
        EventDetail read = events.detail(id).block(WAIT);
        assertThat(read.sold()).isZero();

        // A writer sells every seat and announces it, before the reader has stored what it read.
        sellSeats(id, "TRUE").then(catalog.seatsChanged(id)).block(WAIT);
        cache.put(read, seen.version()).block(WAIT);

        assertThat(cache.get(id).block(WAIT).detail()).as("nothing from before the change").isNull();
        http.get().uri("/api/v1/events/{id}", id).exchange()
            .expectStatus().isOk()
            .expectBody().jsonPath("$.sold").isEqualTo(4).jsonPath("$.available").isEqualTo(0);
    }

    @Test
    void aReadAfterAChangeIsCachedAgain() {
        long id = newEvent(1, 4);
        sellSeats(id, "TRUE").then(catalog.seatsChanged(id)).block(WAIT);

        http.get().uri("/api/v1/events/{id}", id).exchange()
            .expectStatus().isOk()
            .expectBody().jsonPath("$.sold").isEqualTo(4);

        assertThat(cache.get(id).block(WAIT).detail()).isNotNull().extracting(EventDetail::sold).isEqualTo(4);
    }

    @Test
    void anUnknownEventLeavesNothingBehind() {
        long unknown = Long.MAX_VALUE - 1;

        http.get().uri("/api/v1/events/{id}", unknown).exchange()
            .expectStatus().isNotFound()
            .expectBody();
        StepVerifier.create(catalog.sale(unknown)).expectError().verify(WAIT);
        StepVerifier.create(catalog.window(unknown)).expectError().verify(WAIT);

        await().atMost(WAIT).until(() -> !catalog.remembers(unknown) && !events.loading(unknown));
        assertThat(redis.keys(redisKeys.key("{event:" + unknown + "}:*")).collectList().block(WAIT)).isEmpty();
    }
}
