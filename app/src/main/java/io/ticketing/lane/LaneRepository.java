package io.ticketing.lane;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

@Repository
class LaneRepository {

    /**
     * Hashes per INSERT: a row is some 75 bytes of SQL, so 10,000 rows make a statement of under
     * 1 MB, far below max_allowed_packet, and a batch of 100,000 codes takes ten statements.
     */
    static final int HASHES_PER_INSERT = 10_000;

    /**
     * Every lane of an event with its seats counted by status, in one grouped query over the lanes'
     * seats (ix_seat_lane), whatever the number of lanes.
     */
    private static final String VIEW = """
        SELECT l.id, l.event_id, l.name, l.opens_at, l.closes_at, l.returns_unsold_at, l.returned_at, l.quota, l.code_kind,
               l.code_count, l.max_uses, l.codes_downloaded_at,
               CAST(COALESCE(c.sold, 0) AS SIGNED) AS sold, CAST(COALESCE(c.held, 0) AS SIGNED) AS held,
               CAST(COALESCE(c.available, 0) AS SIGNED) AS available
        FROM lane l
        LEFT JOIN (SELECT s.lane_id, SUM(s.status = 'SOLD') AS sold, SUM(s.status = 'HELD') AS held, SUM(s.status = 'AVAILABLE') AS available
                   FROM lane x JOIN seat s ON s.lane_id = x.id
                   WHERE x.event_id = :eventId
                   GROUP BY s.lane_id) c ON c.lane_id = l.id
        WHERE l.event_id = :eventId""";

    private final DatabaseClient db;

    LaneRepository(DatabaseClient db) {
        this.db = db;
    }

    /**
     * Locks the event row till the transaction ends, so that lanes added to one event at once take
     * their seats one after the other; false when there is no such event.
     */
    Mono<Boolean> lockEvent(long eventId) {
        return db.sql("SELECT 1 FROM event WHERE id = :eventId FOR UPDATE")
            .bind("eventId", eventId)
            .map(row -> true)
            .one()
            .defaultIfEmpty(false);
    }

    /** The names of the event's sections, in seat-map order. */
    Mono<List<String>> sections(long eventId) {
        return db.sql("SELECT name FROM event_section WHERE event_id = :eventId ORDER BY position")
            .bind("eventId", eventId)
            .map(row -> row.get("name", String.class))
            .all()
            .collectList();
    }

    /**
     * Gives the lane up to {@code quota} of the public lane's free seats, first in seat-map order,
     * from {@code sections} only unless that is null; answers how many it gave. Fewer than the quota
     * means that is every free public seat there is.
     */
    Mono<Long> assignSeats(long eventId, long laneId, int quota, List<String> sections) {
        DatabaseClient.GenericExecuteSpec update = db.sql("""
                UPDATE seat SET lane_id = :laneId
                WHERE event_id = :eventId AND lane_id IS NULL AND status = 'AVAILABLE'""" + (sections == null ? "" : " AND section IN (:sections)")
                + " ORDER BY id LIMIT :quota")
            .bind("laneId", laneId)
            .bind("eventId", eventId)
            .bind("quota", quota);
        return (sections == null ? update : update.bind("sections", sections)).fetch().rowsUpdated();
    }

    Mono<Long> insert(long eventId, NewLane lane, CodeKind kind, Instant createdAt) {
        return db.sql("""
                INSERT INTO lane (event_id, name, opens_at, closes_at, returns_unsold_at, quota, code_kind, max_uses, code_count, created_at)
                VALUES (:eventId, :name, :opensAt, :closesAt, :returnsUnsoldAt, :quota, :kind, :maxUses, :codeCount, :createdAt)""")
            .bind("eventId", eventId)
            .bind("name", lane.name())
            .bind("opensAt", utc(lane.opensAt()))
            .bind("closesAt", utc(lane.closesAt()))
            .bind("returnsUnsoldAt", utc(lane.returnsUnsoldAt()))
            .bind("quota", lane.quota())
            .bind("kind", kind.name())
            .bindNull("maxUses", Integer.class)
            .bindNull("codeCount", Integer.class)
            .bind(kind == CodeKind.SINGLE ? "codeCount" : "maxUses", kind == CodeKind.SINGLE ? lane.codes().count() : lane.codes().maxUses())
            .bind("createdAt", utc(createdAt))
            .filter(statement -> statement.returnGeneratedValues("id"))
            .map(row -> row.get("id", Long.class))
            .one();
    }

    /**
     * The hashes are hex the service computed, never client text, so they go into the statement
     * as literals: binding 10,000 parameters per statement costs more than the rows themselves.
     */
    Mono<Void> insertHashes(long laneId, List<String> hashes) {
        return Flux.range(0, (hashes.size() + HASHES_PER_INSERT - 1) / HASHES_PER_INSERT)
            .concatMap(batch -> {
                StringBuilder sql = new StringBuilder("INSERT INTO lane_code (code_hash, lane_id) VALUES ");
                int end = Math.min(hashes.size(), (batch + 1) * HASHES_PER_INSERT);
                for (int i = batch * HASHES_PER_INSERT; i < end; i++) {
                    if (i > batch * HASHES_PER_INSERT) {
                        sql.append(',');
                    }
                    sql.append("('").append(hex(hashes.get(i))).append("',").append(laneId).append(')');
                }
                return db.sql(sql.toString()).fetch().rowsUpdated();
            })
            .then();
    }

    Flux<LaneView> list(long eventId) {
        return db.sql(VIEW + " ORDER BY l.id")
            .bind("eventId", eventId)
            .map(LaneRepository::view)
            .all();
    }

    Mono<LaneView> find(long eventId, long laneId) {
        return db.sql(VIEW + " AND l.id = :laneId")
            .bind("eventId", eventId)
            .bind("laneId", laneId)
            .map(LaneRepository::view)
            .one();
    }

    /** A lane's sale, with the event it belongs to; empty when there is no such lane. */
    Mono<EventLaneSale> sale(long laneId) {
        return db.sql("""
                SELECT l.event_id, l.name, l.opens_at, l.closes_at, l.returns_unsold_at, l.returned_at,
                       CAST((SELECT COUNT(*) FROM seat s WHERE s.lane_id = l.id AND s.status IN ('AVAILABLE', 'HELD')) AS SIGNED) AS purchasable
                FROM lane l WHERE l.id = :laneId""")
            .bind("laneId", laneId)
            .map(row -> new EventLaneSale(row.get("event_id", Long.class), new LaneSale(laneId, row.get("name", String.class),
                instant(row, "opens_at"), instant(row, "closes_at"), instant(row, "returns_unsold_at"),
                // Held seats of a returned lane go to the public lane when they are released: none is the lane's to sell.
                row.get("returned_at", LocalDateTime.class) != null ? 0 : count(row, "purchasable"))))
            .one();
    }

    record EventLaneSale(long eventId, LaneSale sale) {
    }

    /**
     * Lanes whose unsold seats are due back to the public lane: not returned yet, or returned with a
     * seat available again (a hold of the lane ended after the return). Cheap to ask every second:
     * the lane table is small, and each returned lane costs one probe of ix_seat_lane.
     */
    Flux<DueLane> due(Instant now) {
        return db.sql("""
                SELECT l.id, l.event_id FROM lane l
                WHERE l.returns_unsold_at <= :now
                  AND (l.returned_at IS NULL OR EXISTS (SELECT 1 FROM seat s WHERE s.lane_id = l.id AND s.status = 'AVAILABLE'))""")
            .bind("now", utc(now))
            .map(row -> new DueLane(row.get("id", Long.class), row.get("event_id", Long.class)))
            .all();
    }

    record DueLane(long id, long eventId) {
    }

    /** The lane's available seats go to the public lane; answers how many. */
    Mono<Long> returnSeats(long laneId) {
        return db.sql("UPDATE seat SET lane_id = NULL WHERE lane_id = :laneId AND status = 'AVAILABLE'")
            .bind("laneId", laneId)
            .fetch().rowsUpdated();
    }

    /** Marks the lane returned unless it was: true for the one sweep that did. */
    Mono<Boolean> markReturned(long laneId, Instant now) {
        return db.sql("UPDATE lane SET returned_at = :now WHERE id = :laneId AND returned_at IS NULL")
            .bind("now", utc(now))
            .bind("laneId", laneId)
            .fetch().rowsUpdated()
            .map(rows -> rows == 1);
    }

    Mono<Boolean> eventExists(long eventId) {
        return db.sql("SELECT 1 FROM event WHERE id = :eventId").bind("eventId", eventId)
            .map(row -> true).one().defaultIfEmpty(false);
    }

    /** Marks the codes downloaded unless they were: true for the one request that did. */
    Mono<Boolean> markDownloaded(long eventId, long laneId, Instant now) {
        return db.sql("UPDATE lane SET codes_downloaded_at = :now WHERE id = :laneId AND event_id = :eventId AND codes_downloaded_at IS NULL")
            .bind("now", utc(now))
            .bind("laneId", laneId)
            .bind("eventId", eventId)
            .fetch().rowsUpdated()
            .map(rows -> rows == 1);
    }

    Mono<Boolean> codeOfLane(long laneId, String hash) {
        return db.sql("SELECT 1 FROM lane_code WHERE code_hash = :hash AND lane_id = :laneId")
            .bind("hash", hash).bind("laneId", laneId)
            .map(row -> true).one().defaultIfEmpty(false);
    }

    /** The code among the event's lanes, its row locked till the transaction ends, so redemptions of one code go one at a time. */
    Mono<FoundCode> lockCode(long eventId, String hash) {
        return db.sql("""
                SELECT l.id, l.event_id, l.name, l.opens_at, l.closes_at, l.returns_unsold_at, l.quota, l.code_kind, l.max_uses,
                       c.uses, c.bound_user_id
                FROM lane_code c JOIN lane l ON l.id = c.lane_id
                WHERE c.code_hash = :hash AND l.event_id = :eventId
                FOR UPDATE""")
            .bind("hash", hash)
            .bind("eventId", eventId)
            .map(row -> new FoundCode(
                new Lane(row.get("id", Long.class), row.get("event_id", Long.class), row.get("name", String.class),
                    instant(row, "opens_at"), instant(row, "closes_at"), instant(row, "returns_unsold_at"), row.get("quota", Integer.class)),
                CodeKind.valueOf(row.get("code_kind", String.class)), row.get("uses", Integer.class),
                row.get("max_uses", Integer.class), row.get("bound_user_id", Long.class)))
            .one();
    }

    record FoundCode(Lane lane, CodeKind kind, int uses, Integer maxUses, Long boundUserId) {
    }

    Mono<Boolean> isMember(long laneId, long userId) {
        return db.sql("SELECT 1 FROM lane_member WHERE lane_id = :laneId AND user_id = :userId")
            .bind("laneId", laneId).bind("userId", userId)
            .map(row -> true).one().defaultIfEmpty(false);
    }

    /** Binds an unbound single-use code; false when it is bound already. */
    Mono<Boolean> bind(String hash, long userId) {
        return db.sql("UPDATE lane_code SET bound_user_id = :userId, uses = 1 WHERE code_hash = :hash AND bound_user_id IS NULL")
            .bind("userId", userId).bind("hash", hash)
            .fetch().rowsUpdated().map(rows -> rows == 1);
    }

    /** Counts a use of a shared code while it has one left; false when it has none. */
    Mono<Boolean> use(String hash, int maxUses) {
        return db.sql("UPDATE lane_code SET uses = uses + 1 WHERE code_hash = :hash AND uses < :maxUses")
            .bind("hash", hash).bind("maxUses", maxUses)
            .fetch().rowsUpdated().map(rows -> rows == 1);
    }

    Mono<Void> addMember(long laneId, long userId, String hash, Instant now) {
        return db.sql("INSERT INTO lane_member (lane_id, user_id, code_hash, joined_at) VALUES (:laneId, :userId, :hash, :now)")
            .bind("laneId", laneId).bind("userId", userId).bind("hash", hash).bind("now", utc(now))
            .fetch().rowsUpdated().then();
    }

    private static String hex(String hash) {
        if (hash.length() != 64 || !hash.chars().allMatch(c -> c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
            throw new IllegalArgumentException("Not a SHA-256 hex digest: " + hash);
        }
        return hash;
    }

    private static LaneView view(Readable row) {
        LocalDateTime returnedAt = row.get("returned_at", LocalDateTime.class);
        return new LaneView(row.get("id", Long.class), row.get("event_id", Long.class), row.get("name", String.class),
            instant(row, "opens_at"), instant(row, "closes_at"), instant(row, "returns_unsold_at"), row.get("quota", Integer.class),
            count(row, "sold"), count(row, "held"), count(row, "available"), returnedAt == null ? null : returnedAt.toInstant(ZoneOffset.UTC),
            CodeKind.valueOf(row.get("code_kind", String.class)), row.get("code_count", Integer.class),
            row.get("max_uses", Integer.class), row.get("codes_downloaded_at", LocalDateTime.class) != null);
    }

    private static int count(Readable row, String column) {
        return row.get(column, Long.class).intValue();
    }

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Instant instant(Readable row, String column) {
        return row.get(column, LocalDateTime.class).toInstant(ZoneOffset.UTC);
    }
}
