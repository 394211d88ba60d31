package io.ticketing.queue;

import java.time.Instant;

/**
 * What a buyer sees of the line. Position fields are set while waiting in line; before sales open
 * a waiter is in the pre-queue ({@code preQueue} true, {@code opensAt} set) and has no position yet,
 * because the order of early arrivals is drawn when sales open. {@code pass} and
 * {@code passExpiresAt} are set once admitted. {@code message} is the operator's, to everyone waiting
 * (and to arrivals a closed line turns away), null for none. {@code waitingList} is true when
 * {@code SOLD_OUT} in the public line: seats may come back, and the event's waiting list takes buyers
 * from that line (a presale lane's line has none: its seats go to the public sale when it ends).
 * {@code lane} is the presale lane whose line this is (entered with its access code), null for the
 * public line, and {@code laneName} its name; polls and leaving name it ({@code ?lane=}), and the pass carries it.
 */
record QueueSnapshot(State state, Long position, Long aheadOfYou, Long etaSeconds, String streamUrl, String pass,
                     Instant passExpiresAt, boolean preQueue, Instant opensAt, String message, Boolean waitingList, Long lane,
                     String laneName) {

    enum State {
        WAITING, ADMITTED, SOLD_OUT, CLOSED
    }

    static QueueSnapshot waiting(long position, int ratePerSecond) {
        return new QueueSnapshot(State.WAITING, position, position - 1, Standing.etaSeconds(position, ratePerSecond), null, null, null, false, null, null, null, null, null);
    }

    static QueueSnapshot preQueue(Instant opensAt) {
        return new QueueSnapshot(State.WAITING, null, null, null, null, null, null, true, opensAt, null, null, null, null);
    }

    static QueueSnapshot admitted(String pass, Instant expiresAt) {
        return new QueueSnapshot(State.ADMITTED, null, null, null, null, pass, expiresAt, false, null, null, null, null, null);
    }

    static QueueSnapshot of(State state) {
        return new QueueSnapshot(state, null, null, null, null, null, null, false, null, null, state == State.SOLD_OUT ? Boolean.TRUE : null, null, null);
    }

    static QueueSnapshot soldOut(Room room, String laneName) {
        return room.isLane() ? new QueueSnapshot(State.SOLD_OUT, null, null, null, null, null, null, false, null, null, null, room.lane(), laneName)
            : of(State.SOLD_OUT);
    }

    QueueSnapshot withStreamUrl(String url) {
        return new QueueSnapshot(state, position, aheadOfYou, etaSeconds, url, pass, passExpiresAt, preQueue, opensAt, message, waitingList, lane, laneName);
    }

    QueueSnapshot withMessage(String text) {
        return new QueueSnapshot(state, position, aheadOfYou, etaSeconds, streamUrl, pass, passExpiresAt, preQueue, opensAt, text, waitingList, lane, laneName);
    }

    QueueSnapshot inLane(Room room, String name) {
        return room.isLane()
            ? new QueueSnapshot(state, position, aheadOfYou, etaSeconds, streamUrl, pass, passExpiresAt, preQueue, opensAt, message, waitingList, room.lane(), name)
            : this;
    }
}
