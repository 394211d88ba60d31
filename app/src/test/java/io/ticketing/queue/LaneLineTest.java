package io.ticketing.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import reactor.test.StepVerifier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;

import io.ticketing.lane.LaneSales;

/** A presale lane's own line, entered with an access code, through the HTTP API and the real Redis. */
class LaneLineTest extends QueueTestSupport {

    /** Shared codes are unique across lanes, and the tests share a database. */
    private final String code = "FAN-" + UUID.randomUUID().toString().substring(0, 8);

    @Autowired
    AdmissionPasses passes;

    @Autowired
    LaneSales laneSales;

    @Test
    void anAccessCodeEntersTheLanesLineAndNotThePublicOne() {
        long event = newEvent(1, 20);
        long lane = lane(event, 5);
        Buyer fan = buyer();

        Map<?, ?> snapshot = enterWithCode(event, fan, code).expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();

        assertThat(((Number) snapshot.get("lane")).longValue()).isEqualTo(lane);
        assertThat(snapshot.get("laneName")).isEqualTo("Fan club");
        assertThat(inLine(new QueueKeys(redisKeys, event, lane), fan)).as("in the lane's line").isTrue();
        assertThat(inLine(new QueueKeys(redisKeys, event), fan)).as("in the public line").isFalse();
    }

    @Test
    void aLanesLineAdmitsWithAPassThatNamesTheLane() {
        long event = newEvent(1, 20);
        long lane = lane(event, 5);
        Buyer fan = buyer();

        String pass = admitted(event, lane, fan);

        assertThat(passes.currentPass(pass, fan.id(), event).room()).isEqualTo(new Room(event, lane));
    }

    @Test
    void aPublicPassNamesNoLane() {
        long event = newEvent(1, 20);
        Buyer buyer = buyer();
        enter(event, buyer);

        tickAfter(event, Duration.ZERO);
        tickAfter(event, Duration.ofSeconds(1));

        assertThat(passes.currentPass((String) status(event, buyer).get("pass"), buyer.id(), event).room()).isEqualTo(Room.publicLine(event));
    }

    @Test
    void aLanesLineAdmitsAtItsOwnRateBesideThePublicLine() {
        long event = newEvent(1, 20);
        Room lane = new Room(event, lane(event, 5));
        configure(event, Map.of("admissionRatePerSecond", 1));
        Buyer fan = buyer();
        Buyer member = buyer();
        enterWithCode(event, fan, code).expectStatus().isOk().expectBody();
        enter(event, member);
        tick(lane, Duration.ZERO).block();
        tickAfter(event, Duration.ZERO);
        // One second for each line, and then one token in each bucket, if each has its own.
        elapse(lane, Duration.ofSeconds(1)).then(elapse(event, Duration.ofSeconds(1))).block();

        assertThat(ticker.tick(lane).block()).containsExactly(Long.toString(fan.id()));
        assertThat(ticker.tick(event).block()).as("the public line's bucket is its own").containsExactly(Long.toString(member.id()));
    }

    @Test
    void aLanesStreamTellsItsWaiterTheirAdmissionWithAPassOfTheLane() {
        long event = newEvent(1, 20);
        Room lane = new Room(event, lane(event, 5));
        Buyer fan = buyer();
        String streamUrl = (String) enterWithCode(event, fan, code).expectStatus().isOk().expectBody(Map.class).returnResult()
            .getResponseBody().get("streamUrl");
        tick(lane, Duration.ZERO).block();

        http.get().uri(streamUrl).accept(MediaType.TEXT_EVENT_STREAM).exchange().expectStatus().isOk()
            .returnResult(new ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>>() {
            }).getResponseBody()
            .filter(e -> e.event() != null)
            .as(StepVerifier::create)
            .assertNext(e -> assertThat(e.data()).containsEntry("position", 1))
            .then(() -> tick(lane, Duration.ofSeconds(1)).subscribe())
            .assertNext(e -> {
                assertThat(e.event()).isEqualTo("admitted");
                assertThat(passes.currentPass((String) e.data().get("pass"), fan.id(), event).room()).isEqualTo(lane);
            })
            .expectComplete()
            .verify(Duration.ofSeconds(10));
    }

    @Test
    void aLaneWithNoSeatsLeftIsSoldOutWithoutAWaitingList() {
        long event = newEvent(1, 20);
        long lane = lane(event, 5);
        sql.sql("UPDATE seat SET lane_id = NULL WHERE lane_id = :lane").bind("lane", lane).fetch().rowsUpdated().block();
        laneSales.seatsChanged(lane).block();

        Map<?, ?> snapshot = enterWithCode(event, buyer(), code).expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();

        assertThat(snapshot.get("state")).isEqualTo("SOLD_OUT");
        assertThat(snapshot.get("waitingList")).as("the waiting list is the public sale's").isNull();
        assertThat(((Number) snapshot.get("lane")).longValue()).isEqualTo(lane);
    }

    @Test
    void aHoldWithALanesPassTakesOnlyTheLanesSeats() {
        long event = newEvent(1, 20);
        long lane = lane(event, 5);
        Buyer fan = buyer();

        long reservation = hold(event, fan, admitted(event, lane, fan), 3);

        assertThat(sql.sql("SELECT lane_id FROM seat WHERE reservation_id = :id").bind("id", reservation)
            .map(row -> Optional.ofNullable(row.get("lane_id", Long.class))).all().collectList().block())
            .hasSize(3).allMatch(seatLane -> seatLane.equals(Optional.of(lane)));
        assertThat(sql.sql("SELECT lane_id FROM reservation WHERE id = :id").bind("id", reservation).map(row -> row.get("lane_id", Long.class))
            .one().block()).as("the reservation names the line it came through").isEqualTo(lane);
    }

    @Test
    void buyingThroughALaneFreesTheBuyersSlotInTheLanesLine() {
        long event = newEvent(1, 20);
        Room lane = new Room(event, lane(event, 5));
        Buyer fan = buyer();
        long reservation = hold(event, fan, admitted(event, lane.lane(), fan), 1);

        http.post().uri("/api/v1/reservations/{id}/confirm", reservation).header("Authorization", bearer(fan.token()))
            .header("Idempotency-Key", UUID.randomUUID().toString())
            .exchange().expectStatus().isOk().expectBody();

        assertThat(redis.opsForZSet().score(new QueueKeys(redisKeys, event, lane.lane()).admitted(), Long.toString(fan.id())).blockOptional())
            .as("the lane's slot is free for its next waiter").isEmpty();
    }

    @Test
    void aLanesPreQueueIsDrawnAtTheLanesOpening() {
        long event = newEvent(1, 20);
        long lane = presaleLane(event, 5, code, clock.instant().plus(Duration.ofMinutes(10)));
        Buyer early = buyer();
        Map<?, ?> waiting = enterWithCode(event, early, code).expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        assertThat(waiting.get("preQueue")).as("in the lane's pre-queue before it opens").isEqualTo(true);

        // The lane opens now on Redis's clock, which decides the opening.
        sql.sql("UPDATE lane SET opens_at = :at WHERE id = :id")
            .bind("at", LocalDateTime.ofInstant(Instant.ofEpochMilli(redisMillis()), ZoneOffset.UTC)).bind("id", lane)
            .fetch().rowsUpdated().block();
        laneSales.seatsChanged(lane).block();
        tick(new Room(event, lane), Duration.ZERO).block();

        assertThat(redis.hasKey(new QueueKeys(redisKeys, event, lane).opened()).block()).as("the lane's line drawn").isTrue();
        assertThat(redis.hasKey(new QueueKeys(redisKeys, event).opened()).block()).as("the public line's").isFalse();
        Map<?, ?> drawn = me(event, lane, early).expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        assertThat(drawn.get("preQueue")).isEqualTo(false);
        assertThat(drawn.get("position")).isEqualTo(1);
    }

    @Test
    void anUnknownCodeEntersNothing() {
        long event = newEvent(1, 20);
        long lane = lane(event, 5);
        Buyer buyer = buyer();

        enterWithCode(event, buyer, "NOT-THE-CODE").expectStatus().isBadRequest()
            .expectBody().jsonPath("$.type").isEqualTo("urn:ticketing:problem:code-unknown");

        assertThat(inLine(new QueueKeys(redisKeys, event, lane), buyer)).isFalse();
        assertThat(inLine(new QueueKeys(redisKeys, event), buyer)).isFalse();
    }

    @Test
    void guessingCodesRunsIntoTheAccountsLimitBeforeTheDatabase() {
        long event = newEvent(1, 20);
        lane(event, 5);
        Buyer guesser = buyer();
        for (int guess = 0; guess < 5; guess++) {
            enterWithCode(event, guesser, "GUESS-" + guess).expectStatus().isBadRequest().expectBody();
        }

        enterWithCode(event, guesser, code).expectStatus().isEqualTo(429)
            .expectBody().jsonPath("$.type").isEqualTo("urn:ticketing:problem:rate-limited");
    }

    @Test
    void theLanesLineIsAskedForByItsLane() {
        long event = newEvent(1, 20);
        long lane = lane(event, 5);
        Buyer fan = buyer();
        enterWithCode(event, fan, code).expectStatus().isOk().expectBody();

        me(event, lane, fan).expectStatus().isOk().expectBody().jsonPath("$.lane").isEqualTo(lane);
        me(event, fan).expectStatus().isNotFound();
    }

    @Test
    void leavingTheLanesLineLeavesOnlyIt() {
        long event = newEvent(1, 20);
        long lane = lane(event, 5);
        Buyer fan = buyer();
        enterWithCode(event, fan, code).expectStatus().isOk().expectBody();
        enter(event, fan);

        http.delete().uri("/api/v1/events/{id}/queue/me?lane={lane}", event, lane).header("Authorization", bearer(fan.token()))
            .exchange().expectStatus().isNoContent();

        assertThat(inLine(new QueueKeys(redisKeys, event, lane), fan)).isFalse();
        assertThat(inLine(new QueueKeys(redisKeys, event), fan)).isTrue();
    }

    @Test
    void aLaneThatIsNotANumberIsABadRequest() {
        long event = newEvent(1, 20);
        Buyer buyer = buyer();

        http.get().uri("/api/v1/events/{id}/queue/me?lane=fans", event).header("Authorization", bearer(buyer.token())).exchange()
            .expectStatus().isBadRequest()
            .expectBody().jsonPath("$.detail").isEqualTo("Query parameter 'lane' must be a lane's id, a positive number, got 'fans'");
    }

    @Test
    void aHalfSolutionOfTheDoorIsABadRequest() {
        long event = newEvent(1, 20);
        Buyer buyer = buyer();

        http.post().uri("/api/v1/events/{id}/queue", event).header("Authorization", bearer(buyer.token()))
            .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("counter", "12"))
            .exchange().expectStatus().isBadRequest()
            .expectBody().jsonPath("$.detail").isEqualTo("A solution of the door's challenge needs both challenge and counter");
    }

    /** A lane open since a while ago, whose shared code is {@link #code}; answers its id. */
    private long lane(long event, int quota) {
        return presaleLane(event, quota, code);
    }

    /** Enters the lane's line with the code, is admitted by its ticks, and answers the pass. */
    private String admitted(long event, long lane, Buyer fan) {
        enterWithCode(event, fan, code).expectStatus().isOk().expectBody();
        tick(new Room(event, lane), Duration.ZERO).block();
        tick(new Room(event, lane), Duration.ofSeconds(1)).block();
        Map<?, ?> status = me(event, lane, fan).expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        assertThat(status.get("state")).isEqualTo("ADMITTED");
        return (String) status.get("pass");
    }

    /** Holds {@code quantity} best-available seats with the pass; answers the reservation's id. */
    private long hold(long event, Buyer buyer, String pass, int quantity) {
        return ((Number) http.post().uri("/api/v1/events/{id}/reservations", event).header("Authorization", bearer(buyer.token()))
            .header("Admission-Pass", pass).header("Idempotency-Key", UUID.randomUUID().toString())
            .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("quantity", quantity))
            .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody().get("id")).longValue();
    }

    private boolean inLine(QueueKeys keys, Buyer buyer) {
        return redis.opsForZSet().score(keys.line(), Long.toString(buyer.id())).blockOptional().isPresent();
    }
}
