package io.ticketing.reservation.hold;

import java.util.concurrent.atomic.AtomicInteger;

import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * The answer a queued hold owes its caller, and whether the caller still waits for it. A caller
 * that gives up (a timeout, a closed connection) before its batch starts is dropped from the batch;
 * one that gives up while its batch commits has its hold removed right after the commit (or, when
 * the database refuses that, when the hold expires), so no hold outlives an answer that said it failed for long.
 */
final class HoldReply {

    private static final int WAITING = 0;
    private static final int TAKEN = 1;
    private static final int GONE = 2;
    private static final int GONE_WHILE_COMMITTING = 3;

    private final Sinks.One<HoldOutcome> outcome = Sinks.one();
    private final AtomicInteger state = new AtomicInteger(WAITING);

    /** What the caller subscribes to; cancelling it tells the pipeline the caller is gone. */
    Mono<HoldOutcome> asMono() {
        return outcome.asMono().doOnCancel(this::callerGone);
    }

    /** The batch takes this hold; false when its caller is already gone. */
    boolean take() {
        return state.compareAndSet(WAITING, TAKEN);
    }

    /** The caller went away after its hold was taken into a batch: whatever the batch made must be undone. */
    boolean goneWhileCommitting() {
        return state.get() == GONE_WHILE_COMMITTING;
    }

    void succeed(HoldOutcome value) {
        outcome.tryEmitValue(value);
    }

    void fail(Throwable error) {
        outcome.tryEmitError(error);
    }

    private void callerGone() {
        if (!state.compareAndSet(WAITING, GONE)) {
            state.compareAndSet(TAKEN, GONE_WHILE_COMMITTING);
        }
    }
}
