package io.ticketing.reservation;

import reactor.core.publisher.Mono;

/**
 * Commits seat holds. {@link HoldPipeline} is the service; {@link EventLockHolds} is the design it
 * replaced, kept selectable so that load tests can put the two side by side on the same build.
 */
interface HoldCommitter {

    /** Answers the hold's outcome once it is committed (or known to have failed). */
    Mono<HoldOutcome> submit(HoldRequest hold);
}
