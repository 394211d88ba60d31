package io.ticketing.lane;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.ticketing.IntegrationTest;
import io.ticketing.reservation.hold.HoldOutcome;
import io.ticketing.reservation.hold.HoldPipeline;

class LaneApiTest extends IntegrationTest {

    @Autowired
    HoldPipeline holds;

    @Test
    void anOperatorAddsALaneOfSingleUseCodes() {
        long eventId = newEvent(1, 20);

        @SuppressWarnings("unchecked")
        Map<String, Object> lane = create(eventId, lane(8, Map.of("count", 5))).expectStatus().isCreated()
            .expectBody(Map.class).returnResult().getResponseBody();

        assertThat(lane.get("id")).isNotNull();
        assertThat(lane).containsEntry("quota", 8).containsEntry("sold", 0).containsEntry("held", 0).containsEntry("left", 8)
            .containsEntry("returnedAt", null)
            .containsEntry("codeKind", "SINGLE").containsEntry("codeCount", 5).containsEntry("codesDownloaded", false);
        assertThat(storedHashes(((Number) lane.get("id")).longValue())).isEqualTo(5);
    }

    @Test
    void aLaneTakesTheFirstFreeSeatsOfThePublicLane() {
        long eventId = newEvent(1, 10);
        List<Long> seats = seatIds(eventId);
        sellSeats(eventId, "id = " + seats.get(0)).block();
        long first = laneId(create(eventId, lane(3, Map.of("count", 1))));

        long second = laneId(create(eventId, lane(2, Map.of("count", 1))));

        assertThat(seatsOf(first)).containsExactlyElementsOf(seats.subList(1, 4));
        assertThat(seatsOf(second)).containsExactlyElementsOf(seats.subList(4, 6));
    }

    @Test
    void aLaneWithNamedSectionsTakesItsSeatsFromThoseOnly() {
        long eventId = TestLanes.eventWithSections(http, adminToken(), clock.instant(), 5, "A", "B", "C");
        Map<String, Object> body = lane(6, Map.of("count", 1));
        body.put("sections", List.of("C", "B"));

        long laneId = laneId(create(eventId, body));

        assertThat(sql.sql("SELECT section, COUNT(*) AS n FROM seat WHERE lane_id = :id GROUP BY section").bind("id", laneId)
            .map(row -> Map.entry(row.get("section", String.class), row.get("n", Long.class))).all().collectList().block())
            .containsExactlyInAnyOrder(Map.entry("B", 5L), Map.entry("C", 1L));
    }

    @Test
    void aQuotaOverTheNamedSectionsFreeSeatsIsOverCapacity() {
        long eventId = TestLanes.eventWithSections(http, adminToken(), clock.instant(), 5, "A", "B");
        Map<String, Object> body = lane(6, Map.of("count", 1));
        body.put("sections", List.of("B"));

        create(eventId, body).expectStatus().isBadRequest()
            .expectBody()
            .jsonPath("$.type").isEqualTo("urn:ticketing:problem:quota-over-capacity")
            .jsonPath("$.free").isEqualTo(5);
        assertNothingWritten(eventId);
    }

    @Test
    void aSectionTheEventLacksIsABadRequest() {
        long eventId = TestLanes.eventWithSections(http, adminToken(), clock.instant(), 5, "A", "B");
        Map<String, Object> body = lane(2, Map.of("count", 1));
        body.put("sections", List.of("A", "Z"));

        create(eventId, body).expectStatus().isBadRequest()
            .expectBody().jsonPath("$.detail").isEqualTo("The event has no section Z; its sections are A, B");
        assertNothingWritten(eventId);
    }

    @Test
    void theListingShowsEachLanesSeatsSoldHeldAndLeft() {
        long eventId = newEvent(1, 20);
        long laneId = laneId(create(eventId, lane(8, Map.of("count", 5))));
        long other = laneId(create(eventId, lane(4, Map.of("count", 5))));
        Buyer buyer = buyer();
        long bought = laneHold(buyer, eventId, laneId, 2);
        http.post().uri("/api/v1/reservations/{id}/confirm", bought).header("Authorization", bearer(buyer.token()))
            .header("Idempotency-Key", unique("confirm")).exchange().expectStatus().isOk().expectBody();
        laneHold(buyer(), eventId, laneId, 1);

        http.get().uri("/api/v1/admin/events/{id}/lanes", eventId).header("Authorization", bearer(adminToken()))
            .exchange().expectStatus().isOk()
            .expectBody()
            .jsonPath("$.items.length()").isEqualTo(2)
            .jsonPath("$.items[0].id").isEqualTo(laneId)
            .jsonPath("$.items[0].sold").isEqualTo(2)
            .jsonPath("$.items[0].held").isEqualTo(1)
            .jsonPath("$.items[0].left").isEqualTo(5)
            .jsonPath("$.items[1].id").isEqualTo(other)
            .jsonPath("$.items[1].sold").isEqualTo(0)
            .jsonPath("$.items[1].held").isEqualTo(0)
            .jsonPath("$.items[1].left").isEqualTo(4);
    }

    @Test
    void aLaneForAnUnknownEventIsNotFound() {
        create(999_999_999L, lane(1, Map.of("count", 1))).expectStatus().isNotFound()
            .expectBody().jsonPath("$.type").isEqualTo("urn:ticketing:problem:not-found");
    }

    @Test
    void aLaneThatClosesBeforeItOpensIsABadRequest() {
        Map<String, Object> body = lane(1, Map.of("count", 1));
        body.put("closesAt", body.get("opensAt"));
        create(newEvent(1, 5), body).expectStatus().isBadRequest()
            .expectBody().jsonPath("$.detail").isEqualTo("opensAt must be before closesAt");
    }

    @Test
    void aQuotaOfNoSeatsIsABadRequest() {
        create(newEvent(1, 5), lane(0, Map.of("count", 1))).expectStatus().isBadRequest()
            .expectBody().jsonPath("$.errors[0].field").isEqualTo("quota");
    }

    @Test
    void lanesCannotTogetherHoldMoreSeatsThanTheEventHas() {
        long eventId = newEvent(1, 10);
        long first = laneId(create(eventId, lane(6, Map.of("count", 1))));

        create(eventId, lane(5, Map.of("count", 1))).expectStatus().isBadRequest()
            .expectBody()
            .jsonPath("$.type").isEqualTo("urn:ticketing:problem:quota-over-capacity")
            .jsonPath("$.quota").isEqualTo(5)
            .jsonPath("$.free").isEqualTo(4);
        assertThat(sql.sql("SELECT id FROM lane WHERE event_id = :id").bind("id", eventId).map(row -> row.get(0, Long.class)).all()
            .collectList().block()).containsExactly(first);
        assertThat(count("SELECT COUNT(*) FROM seat WHERE event_id = :id AND lane_id IS NOT NULL", eventId)).isEqualTo(6);
    }

    @Test
    void twoLanesCreatedAtOnceCannotOverbookTheCapacity() {
        long eventId = newEvent(1, 10);
        String admin = adminToken();

        List<HttpStatusCode> statuses = List.of(
                CompletableFuture.supplyAsync(() -> create(admin, eventId, lane(6, Map.of("count", 50)))),
                CompletableFuture.supplyAsync(() -> create(admin, eventId, lane(6, Map.of("count", 50)))))
            .stream().map(CompletableFuture::join).toList();

        assertThat(statuses).containsExactlyInAnyOrder(HttpStatus.CREATED, HttpStatus.BAD_REQUEST);
        assertThat(sql.sql("SELECT COUNT(*) FROM lane WHERE event_id = :id").bind("id", eventId)
            .map(row -> row.get(0, Long.class)).one().block()).isEqualTo(1);
    }

    @Test
    void moreThanOneHundredThousandCodesIsABadRequest() {
        create(newEvent(1, 5), lane(1, Map.of("count", 100_001))).expectStatus().isBadRequest()
            .expectBody().jsonPath("$.errors[0].field").isEqualTo("codes.count");
    }

    @Test
    void oneHundredThousandCodesAreAllStoredHashed() {
        long laneId = laneId(create(newEvent(1, 5), lane(1, Map.of("count", 100_000))));

        assertThat(storedHashes(laneId)).isEqualTo(100_000);
    }

    @Test
    void aSharedCodeOutsideItsAlphabetIsABadRequest() {
        create(newEvent(1, 5), lane(1, Map.of("shared", "fan club!", "maxUses", 10))).expectStatus().isBadRequest()
            .expectBody().jsonPath("$.errors[0].field").isEqualTo("codes.shared");
    }

    @Test
    void aCapOnUsesAboveOneMillionIsABadRequest() {
        create(newEvent(1, 5), lane(1, Map.of("maxUses", 1_000_001))).expectStatus().isBadRequest()
            .expectBody().jsonPath("$.errors[0].field").isEqualTo("codes.maxUses");
    }

    @Test
    void bothKindsOfCodesAtOnceAreABadRequest() {
        create(newEvent(1, 5), lane(1, Map.of("count", 3, "maxUses", 10))).expectStatus().isBadRequest()
            .expectBody().jsonPath("$.detail").isEqualTo("codes must be either {count} or {shared, maxUses}, not both or neither");
    }

    @Test
    void aUserMayNotAddLanes() {
        long eventId = newEvent(1, 5);
        http.post().uri("/api/v1/admin/events/{id}/lanes", eventId).header("Authorization", bearer(newUserToken()))
            .contentType(MediaType.APPLICATION_JSON).bodyValue(lane(1, Map.of("count", 1)))
            .exchange().expectStatus().isForbidden()
            .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
            .expectBody();
    }

    @Test
    void theDownloadListsEverySingleUseCodeWhoseHashIsStored() {
        long laneId = laneId(create(newEvent(1, 5), lane(1, Map.of("count", 3))));
        long eventId = eventOf(laneId);

        String csv = download(eventId, laneId).expectStatus().isOk()
            .expectHeader().contentTypeCompatibleWith("text/csv")
            .expectHeader().cacheControl(CacheControl.noStore())
            .expectBody(String.class).returnResult().getResponseBody();

        List<String> lines = Arrays.asList(csv.split("\n"));
        assertThat(lines).hasSize(4).first().isEqualTo("code");
        List<String> hashes = sql.sql("SELECT code_hash FROM lane_code WHERE lane_id = :id").bind("id", laneId)
            .map(row -> row.get(0, String.class)).all().collectList().block();
        assertThat(lines.subList(1, 4)).allMatch(code -> code.matches("[A-Z2-7]{4}(-[A-Z2-7]{4}){3}"))
            .map(AccessCodes::hash).containsExactlyInAnyOrderElementsOf(hashes);
    }

    @Test
    void theCodesDownloadOnlyOnce() {
        long laneId = laneId(create(newEvent(1, 5), lane(1, Map.of("count", 3))));
        long eventId = eventOf(laneId);
        download(eventId, laneId).expectStatus().isOk().expectBody();

        download(eventId, laneId).expectStatus().isEqualTo(HttpStatus.GONE)
            .expectBody().jsonPath("$.type").isEqualTo("urn:ticketing:problem:codes-downloaded");
    }

    @Test
    void aGeneratedSharedCodeIsShownInTheDownload() {
        long laneId = laneId(create(newEvent(1, 5), lane(1, Map.of("maxUses", 10))));

        String csv = download(eventOf(laneId), laneId).expectStatus().isOk()
            .expectBody(String.class).returnResult().getResponseBody();

        String[] lines = csv.split("\n");
        assertThat(lines).hasSize(2);
        assertThat(AccessCodes.hash(lines[1])).isEqualTo(sql.sql("SELECT code_hash FROM lane_code WHERE lane_id = :id")
            .bind("id", laneId).map(row -> row.get(0, String.class)).one().block());
    }

    @Test
    void anOperatorsOwnSharedCodeIsStoredOnlyAsItsHash() {
        String code = unique("FANS");
        long laneId = laneId(create(newEvent(1, 5), lane(1, Map.of("shared", code, "maxUses", 10))));

        assertThat(sql.sql("SELECT code_hash FROM lane_code WHERE lane_id = :id").bind("id", laneId)
            .map(row -> row.get(0, String.class)).all().collectList().block()).containsExactly(AccessCodes.hash(code));
    }

    @Test
    void aSharedCodeAnotherLaneUsesIsAConflict() {
        String code = unique("FANS");
        create(newEvent(1, 5), lane(1, Map.of("shared", code, "maxUses", 10))).expectStatus().isCreated().expectBody();

        create(newEvent(1, 5), lane(1, Map.of("shared", code.toLowerCase(), "maxUses", 10))).expectStatus().isEqualTo(HttpStatus.CONFLICT)
            .expectBody().jsonPath("$.type").isEqualTo("urn:ticketing:problem:code-in-use");
    }

    private Map<String, Object> lane(int quota, Map<String, Object> codes) {
        return TestLanes.lane(clock.instant().plus(Duration.ofHours(1)), quota, codes);
    }

    private WebTestClient.ResponseSpec create(long eventId, Map<String, Object> body) {
        return TestLanes.create(http, adminToken(), eventId, body);
    }

    private HttpStatusCode create(String admin, long eventId, Map<String, Object> body) {
        return http.post().uri("/api/v1/admin/events/{id}/lanes", eventId).header("Authorization", bearer(admin))
            .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
            .returnResult(String.class).getStatus();
    }

    private WebTestClient.ResponseSpec download(long eventId, long laneId) {
        return http.get().uri("/api/v1/admin/events/{id}/lanes/{laneId}/codes", eventId, laneId)
            .header("Authorization", bearer(adminToken())).exchange();
    }

    private static long laneId(WebTestClient.ResponseSpec created) {
        return TestLanes.created(created);
    }

    /** The best {@code quantity} seats of the lane held for the buyer through the hold pipeline; the reservation's id. */
    private long laneHold(Buyer buyer, long eventId, long laneId, int quantity) {
        HoldOutcome outcome = holds.submit(buyer.id(), eventId, laneId, null, quantity, unique("hold"), "hash").block();
        assertThat(outcome).isInstanceOf(HoldOutcome.Held.class);
        return ((HoldOutcome.Held) outcome).reservationId();
    }

    private List<Long> seatIds(long eventId) {
        return sql.sql("SELECT id FROM seat WHERE event_id = :id ORDER BY id").bind("id", eventId)
            .map(row -> row.get(0, Long.class)).all().collectList().block();
    }

    private List<Long> seatsOf(long laneId) {
        return sql.sql("SELECT id FROM seat WHERE lane_id = :id ORDER BY id").bind("id", laneId)
            .map(row -> row.get(0, Long.class)).all().collectList().block();
    }

    /** No lane, no seat of a lane, no code: a refused lane leaves nothing behind. */
    private void assertNothingWritten(long eventId) {
        assertThat(count("SELECT COUNT(*) FROM lane WHERE event_id = :id", eventId)).isZero();
        assertThat(count("SELECT COUNT(*) FROM seat WHERE event_id = :id AND lane_id IS NOT NULL", eventId)).isZero();
        assertThat(count("SELECT COUNT(*) FROM lane_code c JOIN lane l ON l.id = c.lane_id WHERE l.event_id = :id", eventId)).isZero();
    }

    private long count(String query, long id) {
        return sql.sql(query).bind("id", id).map(row -> row.get(0, Long.class)).one().block();
    }

    private long eventOf(long laneId) {
        return sql.sql("SELECT event_id FROM lane WHERE id = :id").bind("id", laneId).map(row -> row.get(0, Long.class)).one().block();
    }

    private long storedHashes(long laneId) {
        return sql.sql("SELECT COUNT(*) FROM lane_code WHERE lane_id = :id").bind("id", laneId).map(row -> row.get(0, Long.class)).one().block();
    }
}
