package io.ticketing.queue;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import io.ticketing.system.Problems;

/** What other features may ask of, and tell, the waiting room. */
@Component
public class Admissions {

    private static final Logger log = LoggerFactory.getLogger(Admissions.class);

    private final WaitingRoom room;
    private final AdmissionPasses passes;

    Admissions(WaitingRoom room, AdmissionPasses passes) {
        this.room = room;
        this.passes = passes;
    }

    /**
     * Completes when {@code pass} admits this user to this event now: genuine, unexpired, theirs,
     * and not ended early because they left the line or bought their whole share. The early end
     * costs one Redis lookup. It fails open: with Redis down the waiting room is closed, passes
     * already issued keep buying (see the README's failure policy), and the database's per-buyer
     * limit still caps what any one pass can take.
     *
     * @throws org.springframework.web.ErrorResponseException 403 {@code admission-required} otherwise
     */
    public Mono<Void> checkPass(String pass, long userId, long eventId) {
        return Mono.fromRunnable(() -> passes.verifyPass(pass, userId, eventId))
            .then(room.passEnded(eventId, userId)
                .onErrorResume(e -> {
                    log.warn("Could not check whether the pass of user {} for event {} ended early: {}", userId, eventId, e.toString());
                    return Mono.just(false);
                }))
            .flatMap(ended -> ended ? Mono.error(Problems.of(HttpStatus.FORBIDDEN, "admission-required",
                "This admission has ended: you left the waiting room or bought your share; enter the waiting room again")) : Mono.empty());
    }

    /**
     * The buyer confirmed a purchase: their slot under {@code maxActive} goes to the next waiter now
     * rather than when their pass expires. Their pass keeps working for the rest of their share,
     * and ends with {@code boughtWholeShare}.
     */
    public Mono<Void> finished(long eventId, long userId, boolean boughtWholeShare) {
        return room.leave(eventId, userId, boughtWholeShare).then();
    }
}
