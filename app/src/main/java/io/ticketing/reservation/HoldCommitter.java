package io.ticketing.reservation;

import reactor.core.publisher.Mono;

/**
 * Commits seat holds: {@link HoldPipeline}, always, in the service. The seam lets bench/'s
 * reproduction of the design this service replaced ({@code EventLockHolds}, started by
 * {@code ReplacedDesign}) stand in for it, so that load tests can put the two side by side.
 */
interface HoldCommitter {

    /** Answers the hold's outcome once it is committed (or known to have failed). */
    Mono<HoldOutcome> submit(HoldRequest hold);
}
