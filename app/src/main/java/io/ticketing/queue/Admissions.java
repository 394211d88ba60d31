package io.ticketing.queue;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

import io.ticketing.resilience.DependencyBreakers;
import io.ticketing.ratelimit.RateLimits;

/** What other features may ask of, and tell, the waiting room. */
@Component
public class Admissions {

    private static final Logger log = LoggerFactory.getLogger(Admissions.class);

    private final WaitingRoom room;
    private final AdmissionPasses passes;
    private final RateLimits rateLimits;

    Admissions(WaitingRoom room, AdmissionPasses passes, RateLimits rateLimits) {
        this.room = room;
        this.passes = passes;
        this.rateLimits = rateLimits;
    }

    /**
     * Checks that {@code pass} is genuine and this user's for this event, on this instance alone:
     * what a hold needs before its body is read, and before {@link #checkHold}. Answers whether it
     * is still current, and the line it admits from: a presale lane's pass holds the lane's seats
     * only. An expired one may yet carry a retry, which {@link #checkHold} recognises.
     *
     * @throws org.springframework.web.ErrorResponseException 403 {@code admission-required} otherwise
     */
    public AdmissionPasses.VerifiedPass verifyPass(String pass, long userId, long eventId) {
        return passes.currentPass(pass, userId, eventId);
    }

    /**
     * Completes when a hold with a pass {@link #verifyPass verified} may go on: it retries
     * {@code request} (a digest of its Idempotency-Key and body) that this gate let through before,
     * which must reach the reservation it made; or the pass is {@code current}, was not ended early
     * because the user left the line or bought their whole share, and the hold is within its rate
     * limits ({@code limits}). All of it costs one Redis round trip. Without an answer from Redis it
     * fails open to what this instance can check alone: the waiting room is closed then, passes
     * already issued keep buying (see the failure policy in docs/operations.md), the database's per-buyer limit
     * still caps what any one pass can take, and the rate limits fall back to this instance's own
     * buckets; an expired pass is refused, no retry being known. Only then: when Redis answered others
     * while this instance was too busy to hear its answer, the hold is refused with that 503
     * {@code overloaded}, since failing open there would let ended passes buy again on an instance
     * under load, which is when an attacker would make it so.
     *
     * @throws org.springframework.web.ErrorResponseException 403 {@code admission-required} (an ended
     *         or expired pass), 429 {@code rate-limited} or 503 {@code overloaded} otherwise
     */
    public Mono<Void> checkHold(long userId, AdmissionPasses.VerifiedPass pass, String request, RateLimits.Buckets limits) {
        boolean current = pass.current();
        long eventId = pass.room().eventId();
        return room.holdGate(pass.room(), userId, request, !current, limits)
            .onErrorResume(DependencyBreakers::unanswered, e -> {
                if (!current) {
                    return Mono.just(Optional.of(AdmissionPasses.expired()));
                }
                log.warn("Could not ask Redis whether user {} may hold seats of event {}, checking here alone: {}", userId, eventId, e.toString());
                return rateLimits.checkHere(RateLimits.Action.HOLD, userId, limits).thenReturn(Optional.empty());
            })
            .flatMap(refusal -> refusal.isPresent() ? Mono.error(refusal.get()) : Mono.empty());
    }

    /**
     * The buyer confirmed a purchase in {@code line}: their slot under {@code maxActive} goes to the next waiter now
     * rather than when their pass expires. Their pass keeps working for the rest of their share,
     * and ends with {@code boughtWholeShare}.
     */
    public Mono<Void> finished(Room line, long userId, boolean boughtWholeShare) {
        return room.leave(line, userId, boughtWholeShare).then();
    }
}
