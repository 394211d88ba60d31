package io.ticketing.queue;

import java.util.ArrayList;
import java.util.List;

import io.ticketing.ratelimit.RateLimitKeys;
import io.ticketing.ratelimit.RateLimits;
import io.ticketing.redis.RedisKeys;

/**
 * The Redis key layout of one event's waiting room. Every key a room script touches carries the hash
 * tag {@code {event:<id>}} so that all of them share one Redis Cluster slot, which lets a single Lua
 * script touch them together; the per-user stream slots are the one exception (see {@link #streams}).
 * A presale lane's line ({@link Room}) has keys of its own under {@code lane:<id>:}, in the event's
 * slot too, so that its scripts read the event's settings ({@link #config}), which all lines share.
 * Every key starts with the deployment's prefix, outside the tag ({@link RedisKeys}).
 */
public record QueueKeys(RedisKeys prefix, long eventId, long lane) {

    /** The event's public line. */
    public QueueKeys(RedisKeys prefix, long eventId) {
        this(prefix, eventId, Room.PUBLIC);
    }

    QueueKeys(RedisKeys prefix, Room room) {
        this(prefix, room.eventId(), room.lane());
    }

    /** Events with a waiting room, so that admission ticks know where to look. Deliberately untagged: it spans events. */
    static String activeEvents(RedisKeys prefix) {
        return prefix.key("queue:events");
    }

    /** The hash tag of the event's keys, without its braces. */
    private String tag() {
        return "event:" + eventId;
    }

    private String key(String name) {
        return eventKey(lane == Room.PUBLIC ? name : "lane:" + lane + ":" + name);
    }

    private String eventKey(String name) {
        return prefix.key("{" + tag() + "}:" + name);
    }

    /** Waiters in order: zset user id -> ticket number. */
    String line() {
        return key("line");
    }

    String ticket() {
        return key("ticket");
    }

    /** The first ticket of the counter's current numbering: below it, only waiters put back after Redis forgot the line (shared/ticket.lua). */
    String regularFrom() {
        return key("regular");
    }

    /** Ranges of tickets the admission ticks served, admitted or skipped, which are never put back (shared/served.lua). */
    String served() {
        return key("served");
    }

    /** Set once the admissions still running were put back from the database's ledger (rebuild-admitted.lua). */
    String rebuilt() {
        return key("rebuilt");
    }

    /** Early arrivals before sales open, unordered until open.lua draws their order. */
    String preQueue() {
        return key("prequeue");
    }

    String opened() {
        return key("opened");
    }

    /** Tickets that left from the middle of the line, for computing positions from the head alone. */
    String departed() {
        return key("departed");
    }

    /** Admitted users: zset user id -> admission expiry (epoch ms). */
    String admitted() {
        return key("admitted");
    }

    /** Last sign of life of each waiter: zset user id -> epoch ms. */
    public String seen() {
        return key("seen");
    }

    /** Passes ended before their expiry: hash user id -> epoch ms until which that user's passes are refused. */
    String revoked() {
        return key("revoked");
    }

    /**
     * The door's infinite line: zset user id -> virtual ticket, the ticket the entry would have drawn.
     * Never admitted from, and never counted in real waiters' places.
     */
    public String limbo() {
        return key("limbo");
    }

    /** Accounts that ran into the entry's rate limit while the door was on: zset user id -> marked until (epoch ms). */
    String marked() {
        return key("marked");
    }

    /** A used door solution, by its challenge's nonce, remembered until the challenge expires. */
    String door(String nonce) {
        return key("door:" + nonce);
    }

    /** The event's queue settings: one copy for all its lines. */
    String config() {
        return eventKey("config");
    }

    String bucket() {
        return key("bucket");
    }

    String stats() {
        return key("stats");
    }

    /** Ticket marks for the console's wait histogram: zset ticket counter -> 'counter:ms' (shared/wait-histogram.lua). */
    String marks() {
        return key("marks");
    }

    /**
     * One user's open position streams: zset stream id -> last sign of life (epoch ms). Tagged by
     * user, not by event, on purpose: only stream-open.lua and stream-seen.lua touch it, alone, and a
     * million waiters' heartbeats spread over every shard instead of all landing on the event's.
     */
    public String streams(long userId) {
        return prefix.key("{event:" + eventId + ":user:" + userId + "}:streams");
    }

    /**
     * The rate-limit buckets of an {@code action} (entering, holding) by the user and by the client
     * address, each a pair of keys ({@link RateLimitKeys#forTake}). In the event's slot, so that
     * enter.lua and hold-gate.lua take from them in the request's one round trip; so a limit
     * counts entries into, and holds of, this one event.
     */
    List<String> limits(RateLimits.Action action, long userId, String address) {
        List<String> keys = new ArrayList<>(RateLimitKeys.user(prefix, action, userId).in(tag()).forTake());
        keys.addAll(RateLimitKeys.address(prefix, action, address).in(tag()).forTake());
        return keys;
    }

    /** With {@code nonce}, the nonce of a solution that proved its challenge (null: none). */
    List<String> forEnter(long userId, String address, String nonce) {
        List<String> keys = new ArrayList<>(List.of(line(), ticket(), preQueue(), admitted(), seen(), config(), opened()));
        keys.addAll(limits(RateLimits.Action.QUEUE_ENTRY, userId, address));
        keys.addAll(List.of(revoked(), stats()));
        keys.add(limbo());
        keys.add(marked());
        keys.add(regularFrom());
        if (nonce != null) {
            keys.add(door(nonce));
        }
        return keys;
    }

    /**
     * The mark of a hold request the gate let through, by the digest of its Idempotency-Key and body
     * ({@code request}): its retries pass the gate again (hold-gate.lua).
     */
    String letThrough(long userId, String request) {
        return key("held:" + userId + ":" + request);
    }

    List<String> forHoldGate(long userId, String address, String request) {
        List<String> keys = new ArrayList<>(List.of(revoked()));
        keys.addAll(limits(RateLimits.Action.HOLD, userId, address));
        keys.add(letThrough(userId, request));
        return keys;
    }

    List<String> forStatus() {
        return List.of(line(), preQueue(), admitted(), seen(), config(), limbo(), opened(), departed(), served(), revoked());
    }

    List<String> forRestore() {
        return List.of(line(), preQueue(), admitted(), seen(), config(), limbo(), opened(), ticket(), regularFrom(), departed(), served(), stats(),
            revoked());
    }

    List<String> forRebuild() {
        return List.of(admitted(), rebuilt());
    }

    List<String> forOpen() {
        return List.of(line(), ticket(), preQueue(), opened(), regularFrom());
    }

    List<String> forLeave() {
        return List.of(line(), preQueue(), admitted(), seen(), departed(), revoked(), limbo());
    }

    List<String> forAdmit() {
        return List.of(line(), admitted(), seen(), config(), bucket(), stats(), departed(), revoked(), ticket(), preQueue(), opened(), limbo(), marked(),
            marks(), served(), regularFrom(), rebuilt());
    }

    List<String> forFigures() {
        return List.of(preQueue(), line(), admitted(), limbo(), stats(), config());
    }

    public List<String> forLine() {
        return List.of(line(), departed(), config(), opened(), regularFrom());
    }

    /** For marking the streams of one instance present (present.lua). */
    public List<String> forPresent() {
        return List.of(seen(), line(), preQueue(), admitted(), limbo());
    }
}
