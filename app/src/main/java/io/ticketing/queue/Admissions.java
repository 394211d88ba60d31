package io.ticketing.queue;

import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/** What other features may tell the waiting room. */
@Component
public class Admissions {

    private final WaitingRoom room;

    Admissions(WaitingRoom room) {
        this.room = room;
    }

    /**
     * The buyer is done shopping (their purchase is confirmed): their slot under {@code maxActive}
     * goes to the next waiter now rather than when their pass expires. Passes already issued stay valid.
     */
    public Mono<Void> finished(long eventId, long userId) {
        return room.leave(eventId, userId).then();
    }
}
