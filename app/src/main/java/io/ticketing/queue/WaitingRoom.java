package io.ticketing.queue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import reactor.core.publisher.Mono;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import io.ticketing.door.Challenges;
import io.ticketing.door.DoorProperties;
import io.ticketing.door.InfiniteLine;
import io.ticketing.event.EventCatalog;
import io.ticketing.resilience.DependencyBreakers;
import io.ticketing.web.Problems;
import io.ticketing.ratelimit.RateLimits;
import io.ticketing.ratelimit.Take;
import io.ticketing.redis.RedisKeys;

/**
 * The per-event waiting room in Redis. Every change of a waiter's state is one Lua script, so no
 * interleaving of requests and admission ticks, on any number of instances, can lose a waiter or
 * admit one twice.
 */
@Service
public class WaitingRoom {

    private final ReactiveStringRedisTemplate redis;
    private final DependencyBreakers breakers;
    private final QueueScripts scripts;
    private final RoomSales sales;
    private final AdmissionPasses passes;
    private final RateLimits rateLimits;
    private final QueueProperties properties;
    private final Clock clock;
    private final RedisKeys prefix;
    private final DoorProperties door;
    private final InfiniteLine limbo;
    private final AdmissionRecords records;
    private static final Duration REGISTER_EVERY = Duration.ofSeconds(5);
    private static final int MAX_EVENTS = 10_000;
    /**
     * Retries of one hold request that pass the gate without its checks: enough for a client's
     * retries after a timeout, few enough that one request cannot stand in for a rate limit.
     */
    private static final int RETRIES_PAST_THE_GATE = 5;
    /** What hold-gate.lua answers when the user's passes for the event ended early. */
    private static final String ENDED = "ENDED";
    /** What hold-gate.lua answers to a hold on an expired pass that retries nothing. */
    private static final String EXPIRED = "EXPIRED";
    /**
     * Lines this instance has seen opened; open.lua is idempotent, this only spares the round
     * trip, so a line nobody entered for a while may be forgotten.
     */
    private final Cache<Room, Boolean> opened = Caffeine.newBuilder().expireAfterAccess(Duration.ofMinutes(10)).maximumSize(MAX_EVENTS).build();
    /** Lines this instance listed for admission ticks in the last few seconds. */
    private final Cache<Room, Boolean> registered = Caffeine.newBuilder().expireAfterWrite(REGISTER_EVERY).maximumSize(MAX_EVENTS).build();

    WaitingRoom(ReactiveStringRedisTemplate redis, DependencyBreakers breakers, QueueScripts scripts, RoomSales sales, AdmissionPasses passes,
                RateLimits rateLimits, QueueProperties properties, Clock clock, RedisKeys prefix, DoorProperties door, InfiniteLine limbo,
                AdmissionRecords records) {
        this.records = records;
        this.prefix = prefix;
        this.door = door;
        this.limbo = limbo;
        this.rateLimits = rateLimits;
        this.redis = redis;
        this.breakers = breakers;
        this.scripts = scripts;
        this.sales = sales;
        this.passes = passes;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Enters the user in the event's line, in one Redis round trip: the entry's rate limits
     * ({@code limits}, the account's and the address's buckets) are taken by the same script, and
     * so is the door's decision while it is on, on what the entry's solution proved ({@code proof},
     * checked by {@link Challenges}): the line, or the infinite line, which answers alike. A
     * presale lane's line ({@code room}) admits by the lane's window and seats.
     */
    Mono<QueueSnapshot> enter(Room room, long userId, RateLimits.Buckets limits, Challenges.Verdict proof) {
        return sales.line(room).flatMap(line -> {
            EventCatalog.Sale sale = line.sale();
            Instant now = clock.instant();
            if (sale.closedAt(now)) {
                return Mono.just(QueueSnapshot.of(QueueSnapshot.State.CLOSED));
            }
            if (sale.purchasable() <= 0) {
                return Mono.just(QueueSnapshot.soldOut(room, line.laneName()));
            }
            // Pre-queue or line, and the draw at the opening moment, are the script's to decide, on Redis's clock.
            return breakers.redis(redis.execute(scripts.enter, new QueueKeys(prefix, room).forEnter(userId, limits.address(), proof.nonce()), List.of(
                        Long.toString(userId), Long.toString(sale.opensAt().toEpochMilli()), Integer.toString(properties.admissionRatePerSecond()),
                        seed(), Integer.toString(limits.perAccount()), Integer.toString(limits.perAddress()),
                        Long.toString(limits.window().toMillis()), Long.toString(properties.passTtl().toMillis()), Integer.toString(sale.purchasable()),
                        Integer.toString(properties.maxActive()), Integer.toString(proof.provenBits()),
                        Long.toString(Math.max(1, proof.validFor().toMillis())), Long.toString(door.markFor().toMillis()))).next())
                .flatMap(reply -> {
                    Optional<RuntimeException> refused = rateLimits.refusal(RateLimits.Action.QUEUE_ENTRY, Take.of(reply));
                    return refused.isPresent() ? Mono.<List>error(refused.get()) : register(room).thenReturn(reply);
                })
                .flatMap(reply -> flagged(reply) ? recorded(room, userId, Standing.parse(reply)) : Mono.just(Standing.parse(reply)))
                .map(standing -> snapshot(standing, userId, room, line));
        });
    }

    /**
     * An admission enter.lua just made, once the ledger has it: a buyer whose earlier admission is
     * still running keeps it, and the very pass they hold.
     */
    private Mono<Standing> recorded(Room room, long userId, Standing admitted) {
        return records.record(room, admitted.admittedUntil(), List.of(new AdmissionLedger.Admitted(userId, 0)))
            .map(ends -> admitted.until(ends.getOrDefault(userId, admitted.admittedUntil())));
    }

    /** Whether a script's answer carries its seventh element, '1': a new admission (enter.lua), a forgotten place (status.lua). */
    private static boolean flagged(List<?> reply) {
        return reply.size() > 6 && "1".equals(reply.get(6).toString());
    }

    /** Where the user stands, {@code place} (null: none) the place their stream ticket says they held, which a Redis that forgot them gives back. */
    Mono<QueueSnapshot> status(Room room, long userId, Place place) {
        return sales.line(room).flatMap(line -> standing(room, userId, place).flatMap(standing -> answer(standing, userId, room, line)));
    }

    private Mono<QueueSnapshot> answer(Standing standing, long userId, Room room, RoomSales.LineSale line) {
        EventCatalog.Sale sale = line.sale();
        Instant now = clock.instant();
        if (standing.kind() == Standing.Kind.ADMITTED) {
            return Mono.just(snapshot(standing, userId, room, line));
        }
        if (sale.closedAt(now)) {
            return Mono.just(QueueSnapshot.of(QueueSnapshot.State.CLOSED));
        }
        if (sale.purchasable() <= 0) {
            return Mono.just(QueueSnapshot.soldOut(room, line.laneName()));
        }
        if (standing.kind() == Standing.Kind.NONE) {
            return Mono.error(Problems.notFound(room.isLane()
                ? "You are not in the line of lane " + room.lane() + " of event " + room.eventId() + "; enter it with your access code first"
                : "You are not in the waiting room of event " + room.eventId() + "; enter it first"));
        }
        return Mono.just(snapshot(standing, userId, room, line));
    }

    /**
     * The event's door difficulty now: the config's {@code bits}, which only settings.lua writes, from
     * settings validated to 0-32; unset (a Redis that forgot the settings' copy): 0, the door off, as
     * enter.lua reads it too until the next tick copies them back.
     */
    Mono<Integer> bits(long eventId) {
        return breakers.redis(redis.<String, String>opsForHash().get(new QueueKeys(prefix, eventId).config(), "bits"))
            .map(Integer::parseInt)
            .defaultIfEmpty(0);
    }

    /** The raw standing of a user in the event's public line; counts as a sign of life for a waiter. */
    public Mono<Standing> standing(long eventId, long userId) {
        return standing(Room.publicLine(eventId), userId);
    }

    /** The raw standing of a user in one of the event's lines; counts as a sign of life for a waiter. */
    public Mono<Standing> standing(Room room, long userId) {
        return standing(room, userId, null);
    }

    /**
     * The same, for a waiter who holds a {@code place} the service signed (null: none): when Redis
     * has them nowhere, though that place was neither served nor left, Redis forgot them, and they
     * are put back there ({@link #restore}), on whichever instance asks first, once.
     */
    public Mono<Standing> standing(Room room, long userId, Place place) {
        return breakers.redis(redis.execute(scripts.status, new QueueKeys(prefix, room).forStatus(), List.of(Long.toString(userId),
                Integer.toString(properties.admissionRatePerSecond()), place == null ? "" : place.kind().name(),
                place == null ? "0" : Long.toString(place.ticket()))).next())
            .flatMap(reply -> flagged(reply) ? restore(room, userId, place).defaultIfEmpty(Standing.parse(reply)) : Mono.just(Standing.parse(reply)));
    }

    /**
     * Puts back a waiter Redis forgot (restore.lua): inside, when the ledger has them admitted from
     * this ticket or a later one and that admission still runs, its slot still theirs; nowhere, when it
     * has ended or they freed the slot (they were served); else at their place. Only a line ticket needs the ledger: nobody is admitted from the
     * pre-queue or the infinite line. Nothing once the sale has closed: its room is gone for good.
     */
    private Mono<Standing> restore(Room room, long userId, Place place) {
        Mono<Destination> to = place.kind() != Place.Kind.LINE ? Mono.just(Destination.of(place))
            : records.find(room, userId).map(recorded -> recorded.filter(admission -> admission.place() >= place.ticket())
                // Served: inside again while the admission runs and its slot is theirs; else, over (restore.lua puts nobody back for a past end).
                .map(admission -> new Destination("ADMITTED", 0, admission.inside() ? admission.expiresAt().toEpochMilli() : 0))
                .orElse(Destination.of(place)));
        return Mono.zip(to, sales.sale(room))
            .filter(t -> !t.getT2().closedAt(clock.instant()))
            .flatMap(t -> breakers.redis(redis.execute(scripts.restore, new QueueKeys(prefix, room).forRestore(), List.of(Long.toString(userId),
                Integer.toString(properties.admissionRatePerSecond()), t.getT1().kind(), Long.toString(t.getT1().ticket()),
                Long.toString(t.getT1().admittedUntil()), Long.toString(t.getT2().opensAt().toEpochMilli()))).next()))
            .map(Standing::parse)
            // Redis forgot the line's listing for ticks too, perhaps since this instance last listed it: listed again, whatever it remembers.
            .flatMap(standing -> list(room).thenReturn(standing));
    }

    /** Where restore.lua puts a user back: {@code kind} LINE, PRE, LIMBO at {@code ticket}, or ADMITTED until {@code admittedUntil} (epoch ms). */
    private record Destination(String kind, long ticket, long admittedUntil) {

        static Destination of(Place place) {
            return new Destination(place.kind().name(), place.ticket(), 0);
        }
    }

    /** Leaves the line or gives up an admission; with {@code endPass}, the user's passes for the event stop working too. */
    Mono<Boolean> leave(Room room, long userId, boolean endPass) {
        // The ledger first, and whatever Redis answers: a buyer who bought while Redis was away must not be put back inside by the
        // rebuild after a Redis that comes back empty.
        return records.left(room, userId, endPass)
            .then(breakers.redis(redis.execute(scripts.leave, new QueueKeys(prefix, room).forLeave(), List.of(Long.toString(userId),
                endPass ? "1" : "0", Long.toString(properties.passTtl().toMillis()))).next()))
            .map(removed -> removed == 1L);
    }

    /**
     * Everything a hold asks of Redis, in one round trip (hold-gate.lua): whether it retries a
     * {@code request} (the digest of its Idempotency-Key and body) the gate let through before, which
     * passes again; else whether the user's passes for the event were ended before they expire (they
     * left, or bought their share), then the hold's rate limits ({@code limits}). Answers the
     * refusal, a 403 or a 429, or nothing when the hold may go on; an error only when Redis did not
     * answer. With {@code passExpired}, only a retry goes on.
     */
    Mono<Optional<RuntimeException>> holdGate(Room room, long userId, String request, boolean passExpired, RateLimits.Buckets limits) {
        return breakers.redis(redis.execute(scripts.holdGate, new QueueKeys(prefix, room).forHoldGate(userId, limits.address(), request), List.of(
                Long.toString(userId), Integer.toString(limits.perAccount()), Integer.toString(limits.perAddress()),
                Long.toString(limits.window().toMillis()), Integer.toString(RETRIES_PAST_THE_GATE), Long.toString(properties.passTtl().toMillis()),
                passExpired ? "1" : "0")).next())
            .map(reply -> switch (reply.get(0).toString()) {
                case ENDED -> Optional.of(ended());
                case EXPIRED -> Optional.of(AdmissionPasses.expired());
                default -> rateLimits.refusal(RateLimits.Action.HOLD, Take.of(reply));
            });
    }

    private static RuntimeException ended() {
        return Problems.of(HttpStatus.FORBIDDEN, "admission-required",
            "This admission has ended: you left the waiting room or bought your share; enter the waiting room again");
    }

    /**
     * Lists the line for admission ticks. Once per line and instance every few seconds is
     * enough, and it keeps an entry to a single Redis command.
     */
    private Mono<Void> register(Room room) {
        if (registered.getIfPresent(room) != null) {
            return Mono.empty();
        }
        registered.put(room, true);
        return list(room);
    }

    private Mono<Void> list(Room room) {
        return breakers.redis(redis.opsForSet().add(QueueKeys.activeEvents(prefix), room.member())).then();
    }

    /** Draws the order of the pre-queue once sales open (idempotent across instances). */
    Mono<Void> open(Room room, Instant opensAt) {
        if (opened.getIfPresent(room) != null) {
            return Mono.empty();
        }
        return redis.execute(scripts.open, new QueueKeys(prefix, room).forOpen(), List.of(Long.toString(opensAt.toEpochMilli()), seed()))
            .next()
            // -2: not open yet on Redis's clock; the next tick asks again.
            .filter(placed -> placed != -2L)
            .doOnNext(placed -> opened.put(room, true))
            .then();
    }

    /** For the draw at the opening: scripts must not rely on Redis's fixed seed. */
    private static String seed() {
        return Long.toString(ThreadLocalRandom.current().nextLong(1L << 40));
    }

    /** Whether this instance keeps anything of the event's waiting room in memory, for tests. */
    boolean remembers(long eventId) {
        Room room = Room.publicLine(eventId);
        return opened.getIfPresent(room) != null || registered.getIfPresent(room) != null;
    }

    QueueSnapshot snapshot(Standing standing, long userId, Room room, RoomSales.LineSale line) {
        EventCatalog.Sale sale = line.sale();
        long eventId = room.eventId();
        QueueSnapshot snapshot = switch (standing.kind()) {
            case ADMITTED -> QueueSnapshot.admitted(passes.issuePass(userId, room, standing.admittedUntil()), standing.admittedUntil());
            case PRE -> QueueSnapshot.preQueue(sale.opensAt());
            case WAITING -> QueueSnapshot.waiting(standing.position(), standing.rate());
            // Turned away: nothing to stream.
            case CLOSED -> QueueSnapshot.of(QueueSnapshot.State.CLOSED).withMessage(standing.message());
            // Told apart from WAITING by nothing the client sees.
            case LIMBO -> QueueSnapshot.waiting(limbo.position(userId, eventId, standing.position()), standing.rate());
            case NONE -> throw new IllegalStateException("no snapshot for a user who is not in line");
        };
        return (standing.kind() == Standing.Kind.CLOSED ? snapshot
            : snapshot.withMessage(standing.message()).withStreamUrl(streamUrl(passes.issueStreamTicket(userId, room, Place.of(standing)))))
            .inLane(room, line.laneName());
    }

    /** Where the ticket's owner opens their stream. */
    public static String streamUrl(AdmissionPasses.StreamTicket ticket) {
        return "/api/v1/events/" + ticket.room().eventId() + "/queue/stream?ticket=" + ticket.value();
    }
}
