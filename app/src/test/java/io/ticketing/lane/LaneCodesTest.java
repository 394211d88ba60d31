package io.ticketing.lane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.web.ErrorResponseException;

import io.ticketing.IntegrationTest;
import io.ticketing.web.Problems;

/** Redemption against the real database, through the bean the entry path will call. */
class LaneCodesTest extends IntegrationTest {

    @Autowired
    LaneCodes laneCodes;

    @Autowired
    LaneProperties properties;

    @Test
    void aSingleUseCodeIsBoundToTheFirstAccountThatRedeemsIt() {
        Presale presale = presale(Map.of("count", 3), Duration.ofHours(-1));
        long buyer = buyer().id();

        Lane lane = laneCodes.redeem(presale.eventId(), presale.code(), buyer).block();

        assertThat(lane.id()).isEqualTo(presale.laneId());
        assertThat(lane.quota()).isEqualTo(2);
        assertThat(boundTo(presale.code())).isEqualTo(buyer);
    }

    @Test
    void aSingleUseCodeBoundToAnotherAccountIsTaken() {
        Presale presale = presale(Map.of("count", 3), Duration.ofHours(-1));
        laneCodes.redeem(presale.eventId(), presale.code(), buyer().id()).block();

        assertProblem(laneCodes.redeem(presale.eventId(), presale.code(), buyer().id()), "code-taken");
    }

    @Test
    void theAccountACodeIsBoundToRedeemsItAgain() {
        Presale presale = presale(Map.of("count", 3), Duration.ofHours(-1));
        long buyer = buyer().id();
        laneCodes.redeem(presale.eventId(), presale.code(), buyer).block();

        assertThat(laneCodes.redeem(presale.eventId(), presale.code(), buyer).block().id()).isEqualTo(presale.laneId());
        assertThat(uses(presale.code())).isEqualTo(1);
    }

    @Test
    void anAccountInTheLaneLeavesAnotherSingleUseCodeUnboundForSomeoneElse() {
        Presale presale = presale(Map.of("count", 3), Duration.ofHours(-1));
        long buyer = buyer().id();
        laneCodes.redeem(presale.eventId(), presale.code(), buyer).block();

        assertThat(laneCodes.redeem(presale.eventId(), presale.codes().get(1), buyer).block().id()).isEqualTo(presale.laneId());
        assertThat(boundTo(presale.codes().get(1))).isNull();
    }

    @Test
    void aSharedCodeAdmitsNoMoreAccountsThanItsCap() {
        Presale presale = presale(Map.of("maxUses", 2), Duration.ofHours(-1));
        laneCodes.redeem(presale.eventId(), presale.code(), buyer().id()).block();
        laneCodes.redeem(presale.eventId(), presale.code(), buyer().id()).block();

        assertProblem(laneCodes.redeem(presale.eventId(), presale.code(), buyer().id()), "code-used");
    }

    @Test
    void anAccountUsesASharedCodeOnceHoweverOftenItRedeemsIt() {
        Presale presale = presale(Map.of("maxUses", 2), Duration.ofHours(-1));
        long buyer = buyer().id();
        laneCodes.redeem(presale.eventId(), presale.code(), buyer).block();
        laneCodes.redeem(presale.eventId(), presale.code(), buyer).block();

        assertThat(uses(presale.code())).isEqualTo(1);
    }

    @Test
    void aCodeNoLaneHasIsUnknown() {
        Presale presale = presale(Map.of("count", 1), Duration.ofHours(-1));

        assertProblem(laneCodes.redeem(presale.eventId(), "AAAA-AAAA-AAAA-AAAA", buyer().id()), "code-unknown");
    }

    @Test
    void aCodeOfAnotherEventsLaneIsUnknown() {
        Presale presale = presale(Map.of("count", 1), Duration.ofHours(-1));

        assertProblem(laneCodes.redeem(newEvent(1, 5), presale.code(), buyer().id()), "code-unknown");
    }

    @Test
    void aCodeTypedInLowerCaseWithSpacesForItsDashesIsTheSameCode() {
        Presale presale = presale(Map.of("count", 1), Duration.ofHours(-1));

        Lane lane = laneCodes.redeem(presale.eventId(), presale.code().toLowerCase().replace('-', ' '), buyer().id()).block();

        assertThat(lane.id()).isEqualTo(presale.laneId());
    }

    @Test
    void beforeItsPreQueueTheLaneIsClosedWithItsWindowInTheProblem() {
        Presale presale = presale(Map.of("count", 1), properties.preQueue().plus(Duration.ofMinutes(1)));

        assertThatThrownBy(() -> laneCodes.redeem(presale.eventId(), presale.code(), buyer().id()).block())
            .isInstanceOfSatisfying(ErrorResponseException.class, e -> {
                assertThat(e.getBody().getType()).isEqualTo(Problems.type("lane-closed"));
                assertThat(e.getBody().getProperties()).containsKeys("opensAt", "closesAt", "redeemableFrom");
            });
        assertThat(boundTo(presale.code())).isNull();
    }

    @Test
    void inItsPreQueueBeforeTheLaneOpensACodeIsRedeemed() {
        Presale presale = presale(Map.of("count", 1), properties.preQueue().minus(Duration.ofMinutes(1)));
        long buyer = buyer().id();

        assertThat(laneCodes.redeem(presale.eventId(), presale.code(), buyer).block().id()).isEqualTo(presale.laneId());
        assertThat(boundTo(presale.code())).isEqualTo(buyer);
    }

    @Test
    void afterTheLaneClosesItsCodeHasExpired() {
        Presale presale = presale(Map.of("count", 1), Duration.ofHours(-1));
        clock.advance(Duration.ofDays(2));

        assertProblem(laneCodes.redeem(presale.eventId(), presale.code(), buyer().id()), "code-expired");
    }

    @Test
    void twoAccountsRedeemingOneSingleUseCodeAtOnceLeaveOneWinner() {
        Presale presale = presale(Map.of("count", 1), Duration.ofHours(-1));

        List<String> outcomes = redeemAtOnce(presale, List.of(buyer().id(), buyer().id()));

        assertThat(outcomes).containsExactlyInAnyOrder("won", "code-taken");
        assertThat(uses(presale.code())).isEqualTo(1);
    }

    @Test
    void oneAccountMoreThanASharedCodesCapRedeemingAtOnceLeavesTheCapInside() {
        int maxUses = 5;
        Presale presale = presale(Map.of("maxUses", maxUses), Duration.ofHours(-1));
        List<Long> buyers = IntStream.rangeClosed(0, maxUses).mapToObj(i -> buyer().id()).toList();

        List<String> outcomes = redeemAtOnce(presale, buyers);

        assertThat(outcomes).filteredOn("won"::equals).hasSize(maxUses);
        assertThat(outcomes).filteredOn("code-used"::equals).hasSize(1);
        assertThat(uses(presale.code())).isEqualTo(maxUses);
        assertThat(sql.sql("SELECT COUNT(*) FROM lane_member WHERE lane_id = :id").bind("id", presale.laneId())
            .map(row -> row.get(0, Long.class)).one().block()).isEqualTo(maxUses);
    }

    /** Each account's redemption on its own thread and connection, all subscribed at once. */
    private List<String> redeemAtOnce(Presale presale, List<Long> buyers) {
        return Flux.fromIterable(buyers)
            .flatMap(buyer -> laneCodes.redeem(presale.eventId(), presale.code(), buyer)
                .map(lane -> "won")
                .onErrorResume(ErrorResponseException.class, e -> Mono.just(slug(e)))
                .subscribeOn(Schedulers.parallel()))
            .collectList()
            .block();
    }

    /** An event with one lane opening {@code opensIn} from now for a day, and the lane's first code. */
    private Presale presale(Map<String, Object> codes, Duration opensIn) {
        long eventId = newEvent(1, 10);
        Instant opens = clock.instant().plus(opensIn);
        Map<String, Object> body = new HashMap<>();
        body.put("name", "Fan club");
        body.put("opensAt", opens.toString());
        body.put("closesAt", opens.plus(Duration.ofDays(1)).toString());
        body.put("returnsUnsoldAt", opens.plus(Duration.ofDays(1)).toString());
        body.put("quota", 2);
        body.put("codes", codes);
        String admin = bearer(adminToken());
        long laneId = ((Number) http.post().uri("/api/v1/admin/events/{id}/lanes", eventId).header("Authorization", admin)
            .contentType(MediaType.APPLICATION_JSON).bodyValue(body)
            .exchange().expectStatus().isCreated()
            .expectBody(Map.class).returnResult().getResponseBody().get("id")).longValue();
        String csv = http.get().uri("/api/v1/admin/events/{id}/lanes/{laneId}/codes", eventId, laneId).header("Authorization", admin)
            .exchange().expectStatus().isOk()
            .expectBody(String.class).returnResult().getResponseBody();
        List<String> lines = List.of(csv.split("\n"));
        return new Presale(eventId, laneId, lines.subList(1, lines.size()));
    }

    /** The lane's codes, as downloaded. */
    private record Presale(long eventId, long laneId, List<String> codes) {

        String code() {
            return codes.get(0);
        }
    }

    private Long boundTo(String code) {
        return sql.sql("SELECT bound_user_id FROM lane_code WHERE code_hash = :hash").bind("hash", AccessCodes.hash(code))
            .map(row -> Optional.ofNullable(row.get(0, Long.class))).one().block().orElse(null);
    }

    private int uses(String code) {
        return sql.sql("SELECT uses FROM lane_code WHERE code_hash = :hash").bind("hash", AccessCodes.hash(code))
            .map(row -> row.get(0, Integer.class)).one().block();
    }

    private static void assertProblem(Mono<Lane> redemption, String slug) {
        assertThatThrownBy(redemption::block).isInstanceOfSatisfying(ErrorResponseException.class,
            e -> assertThat(slug(e)).isEqualTo(slug));
    }

    private static String slug(ErrorResponseException e) {
        return e.getBody().getType().toString().substring(Problems.type("").toString().length());
    }
}
