package io.ticketing.reservation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.web.reactive.function.client.WebClient;

import io.ticketing.SecondInstance;
import io.ticketing.lane.TestLanes;
import io.ticketing.reservation.hold.HoldOutcome;
import io.ticketing.reservation.hold.HoldPipeline;
import io.ticketing.testsupport.Invariants;
import io.ticketing.testsupport.TestBuyers;
import io.ticketing.testsupport.TestTokens;

/**
 * A presale lane and the public sale rushing one event at once, through the hold pipelines of two
 * instances: the lane sells exactly its quota, and no seat crosses from one lane to the other.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LaneQuotaRaceTest extends ReservationTestSupport {

    private static final int QUOTA = 30;
    private static final int LANE_HOLDS = 90;
    private static final int PUBLIC_HOLDS = 90;

    @Autowired
    Environment environment;

    @Autowired
    JwtEncoder jwt;

    @Autowired
    HoldPipeline pipeline;

    ConfigurableApplicationContext other;
    List<WebClient> instances;
    List<HoldPipeline> pipelines;

    @BeforeAll
    void startAnotherInstance() {
        other = SecondInstance.start(environment, Map.of());
        instances = List.of(WebClient.create("http://127.0.0.1:" + environment.getProperty("local.server.port")),
            WebClient.create(SecondInstance.baseUrl(other)));
        pipelines = List.of(pipeline, other.getBean(HoldPipeline.class));
    }

    @AfterAll
    void stopIt() {
        other.close();
    }

    @Test
    void aLaneRushedWithThePublicSaleSellsExactlyItsQuota() {
        long event = newEvent(4, 25);
        long lane = TestLanes.openLane(http, adminToken(), event, clock.instant(), QUOTA, null);
        List<Long> seats = seatIds(event);
        long[] laneBuyers = TestBuyers.seed(db, unique("lane"), LANE_HOLDS);
        long[] publicBuyers = TestBuyers.seed(db, unique("public"), PUBLIC_HOLDS);
        Random random = new Random(7);
        // A third choose a seat anywhere on the map, the lane's or the public's; the rest ask for the best
        // one (lane: one, so that the lane's last seat always finds a taker) or two.
        List<Map<String, Object>> bodies = Flux.range(0, LANE_HOLDS + PUBLIC_HOLDS)
            .map(i -> i % 3 == 0 ? Map.<String, Object>of("seatIds", List.of(seats.get(random.nextInt(seats.size()))))
                : Map.<String, Object>of("quantity", i < LANE_HOLDS ? 1 : 1 + i % 2))
            .collectList().block();
        Map<String, Integer> laneAnswers = new ConcurrentHashMap<>();

        Flux<String> laneHolds = Flux.range(0, LANE_HOLDS).flatMap(i -> laneHold(pipelines.get(i % 2), laneBuyers[i], event, lane, bodies.get(i))
            .doOnNext(answer -> laneAnswers.merge(answer, 1, Integer::sum)));
        Flux<Integer> publicHolds = Flux.range(0, PUBLIC_HOLDS).flatMap(i -> publicHold(instances.get(i % 2), publicBuyers[i], event,
            bodies.get(LANE_HOLDS + i)));
        Flux.merge(laneHolds, publicHolds).then().block(Duration.ofMinutes(2));

        assertThat(laneAnswers.keySet()).as("holds and true refusals only").isSubsetOf("Held", "SoldOut", "Taken");
        assertThat(count("SELECT COUNT(*) FROM seat WHERE lane_id = :id AND status <> 'AVAILABLE'", lane))
            .as("the lane's seats held or sold").isEqualTo(QUOTA);
        assertThat(count("SELECT COUNT(*) FROM seat WHERE lane_id = :id", lane)).as("the lane's seats").isEqualTo(QUOTA);
        assertThat(seatsTakenOutsideTheirLane(event, laneBuyers, "s.lane_id IS NULL OR s.lane_id <> " + lane))
            .as("public seats taken by lane holds").isZero();
        assertThat(seatsTakenOutsideTheirLane(event, publicBuyers, "s.lane_id IS NOT NULL"))
            .as("lane seats taken by public holds").isZero();
        assertThat(Invariants.check(db, List.of(event)).violations()).allSatisfy((rule, rows) -> assertThat(rows).as(rule).isZero());
    }

    /** Through the pipeline the entry path calls with a pass's lane; answers the outcome's kind. */
    private static Mono<String> laneHold(HoldPipeline pipeline, long buyer, long event, long lane, Map<String, Object> body) {
        @SuppressWarnings("unchecked")
        List<Long> seatIds = (List<Long>) body.get("seatIds");
        Integer quantity = (Integer) body.get("quantity");
        return pipeline.submit(buyer, event, lane, seatIds, quantity, "lane-" + buyer, ReservationService.hash(event, seatIds, quantity))
            .map(outcome -> outcome.getClass().getSimpleName());
    }

    private Mono<Integer> publicHold(WebClient instance, long buyer, long event, Map<String, Object> body) {
        return instance.post().uri("/api/v1/events/{id}/reservations", event)
            .headers(h -> {
                h.setBearerAuth(TestTokens.access(jwt, buyer, "USER"));
                h.set("Admission-Pass", passes.issuePass(buyer, event, clock.instant().plus(Duration.ofHours(1))));
                h.set("Idempotency-Key", "public-" + buyer);
            })
            .contentType(MediaType.APPLICATION_JSON).bodyValue(body)
            .exchangeToMono(response -> response.releaseBody().thenReturn(response.statusCode().value()));
    }

    /** Seats of the event the buyers hold or bought that match {@code outside}. */
    private long seatsTakenOutsideTheirLane(long event, long[] buyers, String outside) {
        return count("""
            SELECT COUNT(*) FROM seat s JOIN reservation r ON r.id = s.reservation_id
            WHERE s.event_id = :id AND r.user_id IN (%s) AND (%s)""".formatted(
                String.join(",", Arrays.stream(buyers).mapToObj(Long::toString).toList()), outside), event);
    }
}
