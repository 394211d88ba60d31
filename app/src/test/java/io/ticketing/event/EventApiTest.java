package io.ticketing.event;

import static io.ticketing.event.EventFixtures.event;
import static io.ticketing.event.EventFixtures.section;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;

import io.ticketing.IntegrationTest;

class EventApiTest extends IntegrationTest {

    @Autowired
    DatabaseClient db;

    @Autowired
    ReactiveStringRedisTemplate redis;

    @Value("${ticketing.reservations.max-seats:4}")
    int maxSeats;

    @Test
    void adminCreatesAnEventWithEverySeatGenerated() {
        Map<?, ?> created = create(event(unique("Show"), 30, List.of(section("Floor", 10, 20), section("Balcony", 5, 10))));

        assertThat(created.get("capacity")).isEqualTo(250);
        assertThat(created.get("available")).isEqualTo(250);
        assertThat(created.get("held")).isEqualTo(0);
        assertThat(created.get("sold")).isEqualTo(0);
        long id = ((Number) created.get("id")).longValue();
        Long seats = db.sql("SELECT COUNT(*) FROM seat WHERE event_id = :id AND status = 'AVAILABLE'").bind("id", id)
            .map(row -> row.get(0, Long.class)).one().block();
        assertThat(seats).isEqualTo(250);
        Long distinctPositions = db.sql("SELECT COUNT(DISTINCT section, row_no, seat_no) FROM seat WHERE event_id = :id").bind("id", id)
            .map(row -> row.get(0, Long.class)).one().block();
        assertThat(distinctPositions).isEqualTo(250);
    }

    @Test
    void aUserMayNotCreateEvents() {
        http.post().uri("/api/v1/events").header("Authorization", bearer(newUserToken()))
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(event(unique("Nope"), 30, List.of(section("A", 1, 1))))
            .exchange()
            .expectStatus().isForbidden()
            .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
            .expectBody();
    }

    @Test
    void salesWindowMustOpenBeforeItCloses() {
        Map<String, Object> body = new java.util.HashMap<>(event(unique("Bad"), 30, List.of(section("A", 1, 1))));
        body.put("salesOpenAt", body.get("salesCloseAt"));
        postEvent(body)
            .expectStatus().isBadRequest()
            .expectBody().jsonPath("$.detail").isEqualTo("salesOpenAt must be before salesCloseAt");
    }

    @Test
    void eventWithoutSectionsIsABadRequest() {
        postEvent(event(unique("Empty"), 30, List.of()))
            .expectStatus().isBadRequest()
            .expectBody().jsonPath("$.errors[0].field").isEqualTo("sections");
    }

    @Test
    void oversizedVenueIsRejectedBeforeAnythingIsWritten() {
        String name = unique("Huge");
        postEvent(event(name, 30, List.of(section("A", 1000, 1000))))
            .expectStatus().isBadRequest()
            .expectBody().jsonPath("$.detail").value(d -> assertThat(d.toString()).contains("at most"));
        assertThat(countEventsNamed(name)).isZero();
    }

    @Test
    void detailTellsHowManySeatsOneReservationMayTakeWhoeverCachedIt() {
        long id = id(create(event(unique("Limit"), 30, List.of(section("A", 2, 2)))));
        http.get().uri("/api/v1/events/{id}", id).exchange()
            .expectStatus().isOk()
            .expectBody().jsonPath("$.maxSeatsPerReservation").isEqualTo(maxSeats);

        // An instance of an earlier version caches the detail without the limit.
        String older = redis.opsForValue().get(EventCache.key(redisKeys, id)).block().replaceAll(",\"maxSeatsPerReservation\":\\d+", "");
        assertThat(older).contains("\"sold\":0").doesNotContain("maxSeatsPerReservation");
        redis.opsForValue().set(EventCache.key(redisKeys, id), older, Duration.ofMinutes(1)).block();

        http.get().uri("/api/v1/events/{id}", id).exchange()
            .expectStatus().isOk()
            .expectBody().jsonPath("$.maxSeatsPerReservation").isEqualTo(maxSeats);
        assertThat(redis.opsForValue().get(EventCache.key(redisKeys, id)).block()).as("served from the cache, not reloaded").isEqualTo(older);
    }

    @Test
    void detailCarriesLiveCountsAndIsCachedUnderAHashTaggedKey() {
        long id = id(create(event(unique("Cached"), 30, List.of(section("A", 2, 2)))));
        redis.delete(EventCache.key(redisKeys, id)).block();

        http.get().uri("/api/v1/events/{id}", id).exchange()
            .expectStatus().isOk()
            .expectBody().jsonPath("$.available").isEqualTo(4).jsonPath("$.sections[0].name").isEqualTo("A");

        assertThat(redis.hasKey(EventCache.key(redisKeys, id)).block()).isTrue();
    }

    @Test
    void unknownEventIsNotFound() {
        http.get().uri("/api/v1/events/{id}", Long.MAX_VALUE).exchange()
            .expectStatus().isNotFound()
            .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
            .expectBody().jsonPath("$.type").isEqualTo("urn:ticketing:problem:not-found");
    }

    @Test
    void nonNumericEventIdIsABadRequest() {
        http.get().uri("/api/v1/events/abc").exchange()
            .expectStatus().isBadRequest()
            .expectBody().jsonPath("$.detail").value(d -> assertThat(d.toString()).contains("'id'"));
    }

    @Test
    void searchMatchesANamePrefixWhateverItsCaseAndPagesWithoutGapsOrRepeats() {
        String prefix = unique("Tour");
        for (int i = 0; i < 5; i++) {
            create(event(prefix + " night " + i, 10 + i, List.of(section("A", 1, 1))));
        }
        create(event(unique("Other"), 10, List.of(section("A", 1, 1))));

        List<String> names = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            String uri = "/api/v1/events?limit=2&query=" + prefix.toUpperCase() + (cursor == null ? "" : "&cursor=" + cursor);
            Map<?, ?> page = http.get().uri(uri).exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
            ((List<?>) page.get("items")).forEach(item -> names.add((String) ((Map<?, ?>) item).get("name")));
            cursor = (String) page.get("nextCursor");
            pages++;
        } while (cursor != null);

        assertThat(names).containsExactly(prefix + " night 0", prefix + " night 1", prefix + " night 2", prefix + " night 3", prefix + " night 4");
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void listingIsOrderedByStartTime() {
        String prefix = unique("Order");
        long later = id(create(event(prefix + " later", 400, List.of(section("A", 1, 1)))));
        long sooner = id(create(event(prefix + " sooner", 399, List.of(section("A", 1, 1)))));

        List<Long> ids = new ArrayList<>();
        String cursor = null;
        do {
            Map<?, ?> page = http.get().uri("/api/v1/events?limit=100" + (cursor == null ? "" : "&cursor=" + cursor))
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
            ((List<?>) page.get("items")).forEach(item -> ids.add(((Number) ((Map<?, ?>) item).get("id")).longValue()));
            cursor = (String) page.get("nextCursor");
        } while (cursor != null);

        assertThat(ids).doesNotHaveDuplicates().contains(sooner, later);
        assertThat(ids.indexOf(sooner)).isLessThan(ids.indexOf(later));
    }

    @Test
    void tamperedCursorIsABadRequest() {
        http.get().uri("/api/v1/events?cursor=bm90LWEtY3Vyc29y").exchange()
            .expectStatus().isBadRequest()
            .expectBody().jsonPath("$.detail").value(d -> assertThat(d.toString()).contains("cursor"));
    }

    @Test
    void limitOutOfRangeIsABadRequest() {
        http.get().uri("/api/v1/events?limit=1000").exchange().expectStatus().isBadRequest().expectBody();
        http.get().uri("/api/v1/events?limit=ten").exchange().expectStatus().isBadRequest().expectBody();
    }

    @Test
    void seatsCanBeFilteredByStatusAndPaged() {
        long id = id(create(event(unique("Seats"), 30, List.of(section("A", 1, 3)))));
        sellSeats(id, "seat_no = 2").block();

        http.get().uri("/api/v1/events/{id}/seats?status=available&limit=1", id).exchange()
            .expectStatus().isOk()
            .expectBody()
            .jsonPath("$.items.length()").isEqualTo(1)
            .jsonPath("$.items[0].number").isEqualTo(1)
            .jsonPath("$.items[0].row").isEqualTo(1)
            .jsonPath("$.items[0].section").isEqualTo("A")
            .jsonPath("$.nextCursor").isNotEmpty();
        http.get().uri("/api/v1/events/{id}/seats?status=SOLD", id).exchange()
            .expectStatus().isOk()
            .expectBody().jsonPath("$.items.length()").isEqualTo(1).jsonPath("$.items[0].number").isEqualTo(2);
    }

    @Test
    void unknownSeatStatusIsABadRequest() {
        long id = id(create(event(unique("Status"), 30, List.of(section("A", 1, 1)))));
        http.get().uri("/api/v1/events/{id}/seats?status=GONE", id).exchange()
            .expectStatus().isBadRequest()
            .expectBody().jsonPath("$.detail").value(d -> assertThat(d.toString()).contains("AVAILABLE, HELD, SOLD"));
    }

    @Test
    void seatsOfAnUnknownEventAreNotFound() {
        http.get().uri("/api/v1/events/{id}/seats", Long.MAX_VALUE).exchange().expectStatus().isNotFound().expectBody();
    }

    private Map<?, ?> create(Map<String, Object> body) {
        return postEvent(body).expectStatus().isCreated()
            .expectHeader().exists("Location")
            .expectBody(Map.class).returnResult().getResponseBody();
    }

    private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec postEvent(Map<String, Object> body) {
        return http.post().uri("/api/v1/events").header("Authorization", bearer(adminToken()))
            .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    private long countEventsNamed(String name) {
        return db.sql("SELECT COUNT(*) FROM event WHERE name = :name").bind("name", name)
            .map(row -> row.get(0, Long.class)).one().block();
    }

    private static long id(Map<?, ?> event) {
        return ((Number) event.get("id")).longValue();
    }
}
