package io.ticketing.lane;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.ErrorResponseException;

import io.ticketing.web.Problems;

/**
 * Redeems access codes for the entry path. The code's row is read under a lock and changed with
 * conditional updates in one transaction, so whichever instances redeem one code at once, a
 * single-use code is bound to one account and a shared one admits at most maxUses accounts.
 */
@Component
public class LaneCodes {

    private final LaneRepository lanes;
    private final TransactionalOperator transaction;
    private final Clock clock;
    private final LaneProperties properties;

    LaneCodes(LaneRepository lanes, ReactiveTransactionManager transactions, Clock clock, LaneProperties properties) {
        this.lanes = lanes;
        this.properties = properties;
        this.transaction = TransactionalOperator.create(transactions);
        this.clock = clock;
    }

    /**
     * The lane {@code code} lets {@code userId} into, among the event's lanes; redeeming again with
     * the same account answers the same lane and uses nothing. Fails with a problem:
     * {@code code-unknown} (400), {@code code-taken} and {@code code-used} (409), {@code code-expired}
     * (410) or {@code lane-closed} (403, with the lane's window and when its codes start to work:
     * {@link LaneProperties#preQueue} before it opens).
     */
    public Mono<Lane> redeem(long eventId, String code, long userId) {
        return Mono.fromCallable(() -> AccessCodes.hash(code))
            .flatMap(hash -> transaction.transactional(lanes.lockCode(eventId, hash)
                .switchIfEmpty(Mono.error(() -> Problems.of(HttpStatus.BAD_REQUEST, "code-unknown",
                    "No lane of event " + eventId + " has this code")))
                .flatMap(found -> lanes.isMember(found.lane().id(), userId)
                    .flatMap(member -> apply(found, hash, userId, member)))));
    }

    private Mono<Lane> apply(LaneRepository.FoundCode found, String hash, long userId, boolean member) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Lane lane = found.lane();
        Redemption.Attempt attempt = new Redemption.Attempt(found.kind(), lane.opensAt(), lane.closesAt(), properties.preQueue(),
            found.uses(), found.maxUses(), found.boundUserId(), userId, member, now);
        Redemption outcome = Redemption.decide(attempt);
        return switch (outcome) {
            case ALREADY -> Mono.just(lane);
            case BIND -> lanes.bind(hash, userId)
                .flatMap(bound -> bound ? lanes.addMember(lane.id(), userId, hash, now).thenReturn(lane) : Mono.error(taken()));
            case JOIN -> lanes.use(hash, found.maxUses())
                .flatMap(used -> used ? lanes.addMember(lane.id(), userId, hash, now).thenReturn(lane) : Mono.error(usedUp()));
            case CODE_TAKEN -> Mono.error(taken());
            case CODE_USED -> Mono.error(usedUp());
            case CODE_EXPIRED -> Mono.error(Problems.of(HttpStatus.GONE, "code-expired",
                "The lane this code opens closed at " + lane.closesAt(), window(lane, attempt.redeemableFrom())));
            case LANE_CLOSED -> Mono.error(Problems.of(HttpStatus.FORBIDDEN, "lane-closed",
                "The lane this code opens is open from " + lane.opensAt() + " to " + lane.closesAt() + "; its line opens at "
                    + attempt.redeemableFrom(), window(lane, attempt.redeemableFrom())));
        };
    }

    private static ErrorResponseException taken() {
        return Problems.conflict("code-taken", "This code belongs to another account");
    }

    private static ErrorResponseException usedUp() {
        return Problems.conflict("code-used", "This code has been used as many times as it may be");
    }

    private static Map<String, Object> window(Lane lane, Instant redeemableFrom) {
        return Map.of("opensAt", lane.opensAt().toString(), "closesAt", lane.closesAt().toString(),
            "redeemableFrom", redeemableFrom.toString());
    }
}
