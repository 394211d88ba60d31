package io.ticketing.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.ticketing.door.ProofOfWork;

import io.ticketing.testsupport.ProofOfWorkSolver;

/**
 * The proof-of-work door at the waiting room's entry, through the HTTP API: a solved challenge
 * enters the line; anything else, while the door is on, enters the infinite line, which answers
 * like the line and is never admitted (docs/abuse-controls.md). The test profile puts its floor at place 2.
 */
class ProofOfWorkDoorTest extends QueueTestSupport {

    private static final int BITS = 8;

    @Test
    void aChallengeCarriesTheEventsCurrentDifficultyAndExpiresInTwoMinutes() {
        long event = newEvent(10, 10);
        Buyer buyer = buyer();
        Map<?, ?> off = challenge(event, buyer);
        door(event, BITS);
        Map<?, ?> on = challenge(event, buyer);

        assertThat(off.get("bits")).isEqualTo(0);
        assertThat(on.get("bits")).isEqualTo(BITS);
        assertThat(Instant.parse((String) on.get("expiresAt"))).isBetween(clock.instant().plusSeconds(110), clock.instant().plusSeconds(120));
        assertThat((String) on.get("challenge")).isNotEqualTo(off.get("challenge")).doesNotContain(":");
    }

    @Test
    void aValidSolutionEntersTheRealLine() {
        long event = eventWithTheDoorOn();
        Buyer buyer = buyer();

        Map<?, ?> entered = enterSolved(event, buyer);

        assertThat(entered.get("state")).isEqualTo("WAITING");
        assertThat(position(entered)).isEqualTo(1);
        assertThat(inLine(event, buyer)).isTrue();
        assertThat(inLimbo(event, buyer)).isFalse();
    }

    @Test
    void aWrongCounterEntersTheInfiniteLineWithAnAnswerLikeAnyWaitersAndIsNeverAdmitted() {
        long event = eventWithTheDoorOn();
        configure(event, Map.of("admissionRatePerSecond", 1));
        Buyer first = buyer();
        Buyer bot = buyer();
        Buyer behind = buyer();
        Map<?, ?> real = enterSolved(event, first);
        Map<?, ?> limbo = enterWith(event, bot, wrongSolution(event, bot));
        enterSolved(event, behind);

        assertThat(limbo.keySet()).isEqualTo(real.keySet());
        assertThat(limbo.get("state")).isEqualTo("WAITING");
        assertThat(position(limbo)).isEqualTo(2);
        assertThat(inLimbo(event, bot)).isTrue();
        tickAfter(event, Duration.ZERO);
        assertThat(tickAfter(event, Duration.ofSeconds(1))).containsExactly(Long.toString(first.id()));
        assertThat(tickAfter(event, Duration.ofSeconds(1))).containsExactly(Long.toString(behind.id()));
        assertThat(tickAfter(event, Duration.ofSeconds(1))).isEmpty();
        assertThat(status(event, bot).get("state")).isEqualTo("WAITING");
    }

    @Test
    void aSolutionUsedTwiceEntersTheInfiniteLineTheSecondTime() {
        long event = eventWithTheDoorOn();
        Buyer buyer = buyer();
        Map<String, String> solution = solution(event, buyer);
        enterWith(event, buyer, solution);
        leave(event, buyer);

        enterWith(event, buyer, solution);

        assertThat(inLimbo(event, buyer)).isTrue();
        assertThat(inLine(event, buyer)).isFalse();
    }

    @Test
    void anExpiredSolutionEntersTheInfiniteLine() {
        long event = eventWithTheDoorOn();
        Buyer buyer = buyer();
        Map<String, String> solution = solution(event, buyer);
        clock.advance(Duration.ofMinutes(2));

        enterWith(event, buyer, solution);

        assertThat(inLimbo(event, buyer)).isTrue();
    }

    @Test
    void anotherUsersSolutionEntersTheInfiniteLine() {
        long event = eventWithTheDoorOn();
        Buyer buyer = buyer();

        enterWith(event, buyer, solution(event, buyer()));

        assertThat(inLimbo(event, buyer)).isTrue();
    }

    @Test
    void anotherEventsSolutionEntersTheInfiniteLine() {
        long event = newEvent(10, 10);
        long other = newEvent(10, 10);
        door(event, BITS);
        door(other, BITS);
        Buyer buyer = buyer();

        enterWith(event, buyer, solution(other, buyer));

        assertThat(inLimbo(event, buyer)).isTrue();
    }

    @Test
    void anEntryWithoutASolutionEntersTheInfiniteLineWhileTheDoorIsOn() {
        long event = eventWithTheDoorOn();
        Buyer buyer = buyer();

        enter(event, buyer);

        assertThat(inLimbo(event, buyer)).isTrue();
    }

    @Test
    void withTheDoorOffTheBodyIsIgnored() {
        long event = newEvent(10, 10);
        Buyer withWrongSolution = buyer();
        Buyer withoutBody = buyer();

        enterWith(event, withWrongSolution, Map.of("challenge", "not-a-challenge", "counter", "1"));
        enter(event, withoutBody);

        assertThat(inLine(event, withWrongSolution)).isTrue();
        assertThat(inLine(event, withoutBody)).isTrue();
    }

    @Test
    void aMalformedBodyIsABadRequest() {
        long event = newEvent(10, 10);
        Buyer buyer = buyer();

        post(event, buyer, "{\"challenge\": ").expectStatus().isBadRequest()
            .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON).expectBody();
        post(event, buyer, "{\"challenge\": \"x\", \"counter\": \"12ab\"}").expectStatus().isBadRequest().expectBody();
        post(event, buyer, "{\"challenge\": \"x\", \"counter\": \"123456789012345678901\"}").expectStatus().isBadRequest().expectBody();
    }

    @Test
    void limboPlacesMoveWithTheLineThenStallShortOfTheFrontAndAreNeverAdmitted() {
        long event = eventWithTheDoorOn();
        configure(event, Map.of("admissionRatePerSecond", 1));
        List<Buyer> ahead = List.of(buyer(), buyer(), buyer());
        ahead.forEach(buyer -> enterSolved(event, buyer));
        Buyer bot = buyer();

        assertThat(position(enter(event, bot))).isEqualTo(4);
        tickAfter(event, Duration.ZERO);
        tickAfter(event, Duration.ofSeconds(1));
        assertThat(position(status(event, bot))).isEqualTo(3);
        tickAfter(event, Duration.ofSeconds(1));
        tickAfter(event, Duration.ofSeconds(1));
        assertThat(position(status(event, bot))).as("the floor, not the front").isEqualTo(2);
        Buyer later = buyer();
        enterSolved(event, later);
        assertThat(tickAfter(event, Duration.ofSeconds(1))).containsExactly(Long.toString(later.id()));
        assertThat(tickAfter(event, Duration.ofSeconds(1))).isEmpty();
        assertThat(position(status(event, bot))).isEqualTo(2);
    }

    @Test
    void beforeSalesOpenTheInfiniteLineReadsAsThePreQueueThenStandsBehindTheDrawnEarlyArrivals() {
        long event = newEvent(clock.instant().plus(Duration.ofMinutes(10)), 10, 10);
        door(event, BITS);
        Buyer early = buyer();
        enterSolved(event, early);
        Buyer bot = buyer();

        Map<?, ?> waiting = enter(event, bot);

        assertThat(waiting.get("preQueue")).isEqualTo(true);
        assertThat(waiting.get("position")).isNull();
        salesOpenNow(event);
        Buyer late = buyer();
        enterSolved(event, late);
        assertThat(position(status(event, early))).isEqualTo(1);
        assertThat(position(status(event, late))).as("the infinite line takes no place").isEqualTo(2);
        assertThat(position(status(event, bot))).as("behind the early arrival, then the floor").isEqualTo(2);
        assertThat(inLimbo(event, bot)).isTrue();
    }

    @Test
    void theInfiniteLineDoesNotChangeARealWaitersPlace() {
        long event = eventWithTheDoorOn();
        enterSolved(event, buyer());
        for (int i = 0; i < 3; i++) {
            enter(event, buyer());
        }
        Buyer real = buyer();

        assertThat(position(enterSolved(event, real))).isEqualTo(2);
        assertThat(stats(event).get("waiting")).isEqualTo(2);
    }

    @Test
    void leavingTheInfiniteLineLeavesTheRoom() {
        long event = eventWithTheDoorOn();
        Buyer bot = buyer();
        enter(event, bot);

        leave(event, bot);

        assertThat(inLimbo(event, bot)).isFalse();
        me(event, bot).expectStatus().isNotFound().expectBody();
    }

    @Test
    void aValidSolutionTakesAnEntryFromTheInfiniteLineToTheBackOfTheLine() {
        long event = eventWithTheDoorOn();
        Buyer mistaken = buyer();
        enter(event, mistaken);
        enterSolved(event, buyer());

        Map<?, ?> entered = enterSolved(event, mistaken);

        assertThat(position(entered)).isEqualTo(2);
        assertThat(inLimbo(event, mistaken)).isFalse();
        assertThat(inLine(event, mistaken)).isTrue();
    }

    @Test
    void anAccountThatRunsIntoTheEntryLimitWhileTheDoorIsOnIsSentToTheInfiniteLine() {
        long event = eventWithTheDoorOn();
        Buyer hammering = buyer();
        for (int i = 0; i < 5; i++) {
            enter(event, hammering);
        }
        post(event, hammering, null).expectStatus().isEqualTo(429).expectBody();
        leave(event, hammering);
        refillEntryLimit(event, hammering);

        enterSolved(event, hammering);

        assertThat(inLimbo(event, hammering)).as("marked: even a valid solution").isTrue();
        assertThat(redis.opsForZSet().score(new QueueKeys(redisKeys, event).marked(), Long.toString(hammering.id())).block())
            .isGreaterThan(redisMillis() + Duration.ofMinutes(9).toMillis());
    }

    private long eventWithTheDoorOn() {
        long event = newEvent(10, 10);
        door(event, BITS);
        return event;
    }

    private Map<?, ?> challenge(long event, Buyer buyer) {
        return http.get().uri("/api/v1/events/{id}/queue/challenge", event).header("Authorization", bearer(buyer.token()))
            .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
    }

    private Map<String, String> solution(long event, Buyer buyer) {
        Map<?, ?> challenge = challenge(event, buyer);
        String value = (String) challenge.get("challenge");
        return Map.of("challenge", value, "counter", ProofOfWorkSolver.solve(value, (Integer) challenge.get("bits")));
    }

    private Map<String, String> wrongSolution(long event, Buyer buyer) {
        String value = (String) challenge(event, buyer).get("challenge");
        for (long counter = 0; ; counter++) {
            if (!ProofOfWork.solves(value, Long.toString(counter), BITS)) {
                return Map.of("challenge", value, "counter", Long.toString(counter));
            }
        }
    }

    private Map<?, ?> enterSolved(long event, Buyer buyer) {
        return enterWith(event, buyer, solution(event, buyer));
    }

    private Map<?, ?> enterWith(long event, Buyer buyer, Map<String, String> solution) {
        return http.post().uri("/api/v1/events/{id}/queue", event).header("Authorization", bearer(buyer.token()))
            .contentType(MediaType.APPLICATION_JSON).bodyValue(solution)
            .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
    }

    private WebTestClient.ResponseSpec post(long event, Buyer buyer, String json) {
        WebTestClient.RequestBodySpec request = http.post().uri("/api/v1/events/{id}/queue", event).header("Authorization", bearer(buyer.token()));
        return json == null ? request.exchange() : request.contentType(MediaType.APPLICATION_JSON).bodyValue(json).exchange();
    }

    private void leave(long event, Buyer buyer) {
        http.delete().uri("/api/v1/events/{id}/queue/me", event).header("Authorization", bearer(buyer.token()))
            .exchange().expectStatus().isNoContent().expectBody();
    }

    /** The window of the entry limit has passed, as far as its bucket knows. */
    private void refillEntryLimit(long event, Buyer buyer) {
        redis.delete(new QueueKeys(redisKeys, event).limits(io.ticketing.ratelimit.RateLimits.Action.QUEUE_ENTRY, buyer.id(), "127.0.0.1")
            .toArray(String[]::new)).block();
    }

    private boolean inLimbo(long event, Buyer buyer) {
        return redis.opsForZSet().score(new QueueKeys(redisKeys, event).limbo(), Long.toString(buyer.id())).blockOptional().isPresent();
    }

    private boolean inLine(long event, Buyer buyer) {
        return redis.opsForZSet().score(new QueueKeys(redisKeys, event).line(), Long.toString(buyer.id())).blockOptional().isPresent();
    }
}
