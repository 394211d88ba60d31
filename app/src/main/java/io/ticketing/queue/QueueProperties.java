package io.ticketing.queue;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The waiting room. Rate and cap are defaults per event; admins change them live per event.
 *
 * @param admissionRatePerSecond users let in per second per event
 * @param maxActive              most admitted users shopping at once per event
 * @param passTtl                how long an admission (and its signed pass) lasts
 * @param abandonAfter           a waiter silent this long (no stream, no poll) is skipped, not admitted
 * @param tickInterval           how often each instance runs an admission tick per event
 * @param maxScanPerTick         most waiters one tick looks at, which bounds a tick's time in Redis
 * @param pushInterval           how often streams get fresh positions
 * @param heartbeat              how often an idle stream gets a comment, so proxies keep it open
 * @param streamTicketTtl        how long a stream ticket (in the stream's URL, so in proxy logs and browser history) opens
 *                               streams; every status answer carries a fresh one, and an open stream sends its waiter a
 *                               fresh one each half of this; more than two heartbeats, the stream renews at one
 * @param maxStreamsPerUser      position streams one user may have open at once per event, over all instances
 * @param maxStreamsPerInstance  position streams one instance serves at once; more answer 503 {@code overloaded}, so the
 *                               streams it has keep their pushes and its Redis calls never queue into timeouts
 * @param maxRequestsInFlight    entries, polls and stream openings one instance works on at once; more answer 503
 *                               {@code overloaded} at once, before they queue Redis calls behind each other
 * @param keepAfterEnd           how long an event's waiting room stays in Redis after its sales close or it sells out;
 *                               at least {@code passTtl}, so that an ended pass stays ended for as long as it could be used
 * @param soldOutLinger          how long a stream that said {@code sold-out} stays open to carry offers from the waiting
 *                               list before it ends with {@code sold-out} again: every open stream costs a Redis call per
 *                               heartbeat, and after a big sell-out tens of thousands would otherwise stay until the sale closes
 * @param restoreWindow          how long admissions wait once Redis forgot a line that had admitted buyers, so that the waiters it
 *                               forgot are back at their places before anyone is admitted past them; their streams notice within a
 *                               {@code push-interval}
 */
@ConfigurationProperties("ticketing.queue")
public record QueueProperties(
    @DefaultValue("50") int admissionRatePerSecond,
    @DefaultValue("500") int maxActive,
    @DefaultValue("10m") Duration passTtl,
    @DefaultValue("30s") Duration abandonAfter,
    @DefaultValue("200ms") Duration tickInterval,
    @DefaultValue("1000") int maxScanPerTick,
    @DefaultValue("1s") Duration pushInterval,
    @DefaultValue("15s") Duration heartbeat,
    @DefaultValue("5m") Duration streamTicketTtl,
    @DefaultValue("3") int maxStreamsPerUser,
    @DefaultValue("18000") int maxStreamsPerInstance,
    @DefaultValue("512") int maxRequestsInFlight,
    @DefaultValue("15m") Duration keepAfterEnd,
    @DefaultValue("10m") Duration soldOutLinger,
    @DefaultValue("3s") Duration restoreWindow) {

    public QueueProperties {
        if (streamTicketTtl.compareTo(heartbeat.multipliedBy(2)) <= 0) {
            throw new IllegalArgumentException("ticketing.queue.stream-ticket-ttl (" + streamTicketTtl + ") must be more than two "
                + "ticketing.queue.heartbeat (" + heartbeat + "): an open stream renews its ticket at a heartbeat, past half its life");
        }
        if (keepAfterEnd.compareTo(passTtl) < 0) {
            throw new IllegalArgumentException("ticketing.queue.keep-after-end (" + keepAfterEnd + ") must be at least ticketing.queue.pass-ttl ("
                + passTtl + "): the waiting room remembers which passes ended, and must not forget while they could still be used");
        }
        if (soldOutLinger.isNegative()) {
            throw new IllegalArgumentException("ticketing.queue.sold-out-linger (" + soldOutLinger + ") must not be negative");
        }
    }
}
