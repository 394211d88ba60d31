package io.ticketing.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.ticketing.IntegrationTest;
import io.ticketing.redis.LuaScripts;

public abstract class QueueTestSupport extends IntegrationTest {

    private static final RedisScript<Long> AGE_ROOM = LuaScripts.load("queue/age-room.lua", Long.class);
    private static final RedisScript<Long> REDIS_TIME = LuaScripts.load("queue/redis-now-for-tests.lua", Long.class);

    @Autowired
    AdmissionTicker ticker;

    @Autowired
    protected ReactiveStringRedisTemplate redis;

    protected Map<?, ?> enter(long eventId, Buyer buyer) {
        return http.post().uri("/api/v1/events/{id}/queue", eventId).header("Authorization", bearer(buyer.token()))
            .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
    }

    protected WebTestClient.ResponseSpec me(long eventId, Buyer buyer) {
        return http.get().uri("/api/v1/events/{id}/queue/me", eventId).header("Authorization", bearer(buyer.token())).exchange();
    }

    /** Where the buyer stands in the line of the event's presale lane {@code lane}. */
    protected WebTestClient.ResponseSpec me(long eventId, long lane, Buyer buyer) {
        return http.get().uri("/api/v1/events/{id}/queue/me?lane={lane}", eventId, lane).header("Authorization", bearer(buyer.token())).exchange();
    }

    /**
     * Where the buyer stands, with {@code ticket} (the ticket of a streamUrl they were given) as proof
     * of the place they held: what puts them back when Redis forgot them.
     */
    protected WebTestClient.ResponseSpec me(long eventId, Buyer buyer, String ticket) {
        return http.get().uri("/api/v1/events/{id}/queue/me?ticket={ticket}", eventId, ticket).header("Authorization", bearer(buyer.token()))
            .exchange();
    }

    /** The ticket of the snapshot's streamUrl, the one a client keeps in case Redis forgets its place. */
    protected static String streamTicket(Map<?, ?> snapshot) {
        String streamUrl = (String) snapshot.get("streamUrl");
        return streamUrl.substring(streamUrl.indexOf("?ticket=") + "?ticket=".length());
    }

    /** Redis forgets everything, as after a restart without persistence: the tests' own database of it only. */
    protected void forgetEverything() {
        redis.execute(connection -> connection.serverCommands().flushDb()).blockLast(Duration.ofSeconds(10));
    }

    /** Redis forgets the buyer's entry in the event's public line, and nothing else: a failover that lost that write. */
    protected void forgetFromLine(long eventId, Buyer buyer) {
        redis.opsForZSet().remove(new QueueKeys(redisKeys, eventId).line(), Long.toString(buyer.id())).block(Duration.ofSeconds(10));
    }

    /** The buyer's ticket in the event's public line as Redis holds it; null when Redis has them out of it. */
    protected Long lineTicket(long eventId, Buyer buyer) {
        Double ticket = redis.opsForZSet().score(new QueueKeys(redisKeys, eventId).line(), Long.toString(buyer.id())).block(Duration.ofSeconds(10));
        // Tickets have 16 digits, which a double holds exactly.
        return ticket == null ? null : ticket.longValue();
    }

    /**
     * The buyer alone is in the line, at their {@code original} ticket, and restore.lua counted one
     * place put back (only when it puts one back, for the operator's console): however many asked.
     */
    protected void assertPutBackOnce(long eventId, Buyer buyer, long original) {
        QueueKeys keys = new QueueKeys(redisKeys, eventId);
        assertThat(redis.opsForZSet().size(keys.line()).block(Duration.ofSeconds(10))).isEqualTo(1);
        assertThat(lineTicket(eventId, buyer)).isEqualTo(original);
        assertThat(redis.<String, String>opsForHash().get(keys.stats(), "restored").block(Duration.ofSeconds(10))).isEqualTo("1");
    }

    protected WebTestClient.ResponseSpec enterWithCode(long eventId, Buyer buyer, String code) {
        return http.post().uri("/api/v1/events/{id}/queue", eventId).header("Authorization", bearer(buyer.token()))
            .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("accessCode", code))
            .exchange();
    }

    /** A presale lane named "Fan club" of {@code quota} seats, open since an hour ago, whose shared code is {@code code}; answers its id. */
    protected long presaleLane(long eventId, int quota, String code) {
        return presaleLane(eventId, quota, code, clock.instant().minus(Duration.ofHours(1)));
    }

    /**
     * A presale lane open from {@code opensAt} for three hours, whose shared code is {@code code} (shared codes
     * are unique across lanes, and the tests share a database); answers its id.
     */
    protected long presaleLane(long eventId, int quota, String code, Instant opensAt) {
        Map<String, Object> body = new HashMap<>(Map.of("name", "Fan club", "opensAt", opensAt.toString(),
            "closesAt", opensAt.plus(Duration.ofHours(3)).toString(), "returnsUnsoldAt", opensAt.plus(Duration.ofHours(4)).toString(),
            "quota", quota, "codes", Map.of("shared", code, "maxUses", 100)));
        Number id = (Number) http.post().uri("/api/v1/admin/events/{id}/lanes", eventId).header("Authorization", bearer(adminToken()))
            .contentType(MediaType.APPLICATION_JSON).bodyValue(body)
            .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody().get("id");
        return id.longValue();
    }

    protected Map<?, ?> status(long eventId, Buyer buyer) {
        return me(eventId, buyer).expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
    }

    protected void configure(long eventId, Map<String, Object> settings) {
        http.put().uri("/api/v1/admin/events/{id}/queue", eventId).header("Authorization", bearer(adminToken()))
            .contentType(MediaType.APPLICATION_JSON).bodyValue(settings)
            .exchange().expectStatus().isOk()
            .expectBody();
    }

    Map<?, ?> stats(long eventId) {
        return http.get().uri("/api/v1/admin/events/{id}/queue", eventId).header("Authorization", bearer(adminToken()))
            .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
    }

    /** Lets {@code elapsed} pass, then runs one admission tick; answers who got in. */
    protected List<String> tickAfter(long eventId, Duration elapsed) {
        return tick(eventId, elapsed).block();
    }

    /** {@link #tickAfter}, for a test that must not block the thread it starts it on. */
    protected Mono<List<String>> tick(long eventId, Duration elapsed) {
        return tick(Room.publicLine(eventId), elapsed);
    }

    /** {@link #tickAfter} for one line of an event (a presale lane's). */
    protected Mono<List<String>> tick(Room line, Duration elapsed) {
        return elapse(line, elapsed).then(ticker.tick(line));
    }

    /** Waits until {@code instance} listens for admissions: news published before then reaches none of its streams. */
    protected static void awaitListening(ConfigurableApplicationContext instance) {
        instance.getBean(AdmissionChannel.class).listening().block(Duration.ofSeconds(30));
    }

    /**
     * Lets {@code elapsed} pass for the service and for the event's waiting room: the test clock moves
     * ahead, and since the room's scripts go by Redis's clock, which nothing moves, every moment the
     * room holds moves back by as much instead.
     */
    protected Mono<Void> elapse(long eventId, Duration elapsed) {
        return elapse(Room.publicLine(eventId), elapsed);
    }

    protected Mono<Void> elapse(Room line, Duration elapsed) {
        QueueKeys keys = new QueueKeys(redisKeys, line.eventId(), line.lane());
        return Mono.fromRunnable(() -> clock.advance(elapsed))
            .then(redis.execute(AGE_ROOM, List.of(keys.seen(), keys.admitted(), keys.bucket(), keys.revoked(), keys.stats(), keys.marks(), keys.rebuilt()),
                List.of(Long.toString(elapsed.toMillis()))).then());
    }

    /**
     * Sales of the event open now, on Redis's clock: moved there in the database, since the waiting
     * room decides the opening by that clock, which a test cannot move on.
     */
    void salesOpenNow(long eventId) {
        sql.sql("UPDATE event SET sales_open_at = :at WHERE id = :id")
            .bind("at", LocalDateTime.ofInstant(Instant.ofEpochMilli(redisMillis()), ZoneOffset.UTC)).bind("id", eventId)
            .then().block();
        forgetCachedEvent(eventId);
    }

    /** Now on Redis's clock, in epoch ms. */
    long redisMillis() {
        return redis.execute(REDIS_TIME).next().block();
    }

    /** The newest sign of life among the user's open streams for an event, {@code slots} (ms, Redis's clock); 0 with none. */
    protected double lastSignOfLife(String slots) {
        return redis.opsForZSet().rangeWithScores(slots, Range.closed(-1L, -1L)).next().map(tuple -> tuple.getScore()).defaultIfEmpty(0.0)
            .block(Duration.ofSeconds(10));
    }

    /** Forgets the cached event detail, so that seat changes made behind the API's back are seen at once. */
    void forgetCachedEvent(long eventId) {
        redis.delete(redisKeys.key("{event:" + eventId + "}:detail")).block();
    }

    /** Opens the event's proof-of-work door at {@code bits} (0 closes it), through the settings API. */
    protected void door(long eventId, int bits) {
        configure(eventId, Map.of("challengeBits", bits));
    }

    protected static long position(Map<?, ?> snapshot) {
        return ((Number) snapshot.get("position")).longValue();
    }
}
