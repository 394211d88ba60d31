package io.ticketing.reservation;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;

import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

import io.ticketing.resilience.DependencyBreakers;

/**
 * What the operator's console may know of an event's reservations. Each answer is one grouped query
 * served from ix_reservation_event_status, whatever the number of reservations' viewers.
 */
@Component
public class ReservationFigures {

    private final DatabaseClient db;
    private final DependencyBreakers breakers;

    ReservationFigures(DatabaseClient db, DependencyBreakers breakers) {
        this.db = db;
        this.breakers = breakers;
    }

    /** Reservations of the event by how they stand now; every one began as a hold, or as an offer to the waiting list. */
    public Mono<Totals> totals(long eventId) {
        return breakers.database(db.sql("""
                SELECT status, COUNT(*) AS n, COUNT(DISTINCT user_id) AS buyers FROM reservation
                WHERE event_id = :eventId GROUP BY status""")
            .bind("eventId", eventId)
            .map(row -> new StatusCount(ReservationStatus.valueOf(row.get("status", String.class)), row.get("n", Long.class),
                row.get("buyers", Long.class)))
            .all()
            .reduce(new Totals(0, 0, 0, 0), Totals::plus));
    }

    /**
     * Seats sold, by when their purchase was confirmed: bucket {@code n} counts those confirmed in
     * {@code [from + n * width, from + (n + 1) * width)}; earlier ones fall in bucket 0. A purchase
     * cancelled since then no longer counts anywhere.
     */
    public Mono<Map<Long, Long>> soldOver(long eventId, Instant from, Duration width) {
        return breakers.database(db.sql("""
                SELECT GREATEST(0, FLOOR(TIMESTAMPDIFF(MICROSECOND, :from, r.updated_at) / :width)) AS b, COUNT(*) AS n
                FROM reservation r JOIN reservation_seat rs ON rs.reservation_id = r.id
                WHERE r.event_id = :eventId AND r.status = 'CONFIRMED' GROUP BY b""")
            .bind("from", LocalDateTime.ofInstant(from, ZoneOffset.UTC))
            .bind("width", width.toNanos() / 1000)
            .bind("eventId", eventId)
            .map(row -> Map.entry(((Number) row.get("b")).longValue(), row.get("n", Long.class)))
            .all()
            .collectMap(Map.Entry::getKey, Map.Entry::getValue, TreeMap::new));
    }

    /**
     * @param holds        every hold made (an offer to the waiting list counts once it is taken)
     * @param purchases    reservations confirmed and not cancelled since
     * @param holdsExpired holds not bought in time
     * @param buyers       distinct users with a confirmed reservation
     */
    public record Totals(long holds, long purchases, long holdsExpired, long buyers) {

        private Totals plus(StatusCount count) {
            boolean untakenOffer = count.status() == ReservationStatus.OFFERED || count.status() == ReservationStatus.PASSED;
            return new Totals(holds + (untakenOffer ? 0 : count.n()),
                purchases + (count.status() == ReservationStatus.CONFIRMED ? count.n() : 0),
                holdsExpired + (count.status() == ReservationStatus.EXPIRED ? count.n() : 0),
                buyers + (count.status() == ReservationStatus.CONFIRMED ? count.buyers() : 0));
        }
    }

    private record StatusCount(ReservationStatus status, long n, long buyers) {
    }
}
