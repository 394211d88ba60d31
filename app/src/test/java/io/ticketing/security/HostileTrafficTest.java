package io.ticketing.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.test.context.TestPropertySource;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;

import io.ticketing.IntegrationTest;

/**
 * A few seconds of what one hostile client sends, mixed as it would send it: endless spellings of
 * its one valid token, invented methods and paths, and wrong passwords for a stranger's account
 * from addresses it rotates. Afterwards the service holds what it held before (heap, remembered
 * tokens, meters) and the account's owner still signs in.
 */
@TestPropertySource(properties = {
    "ticketing.rate-limits.trusted-proxies=127.0.0.1, 0:0:0:0:0:0:0:1",
    "ticketing.rate-limits.exempt-client-ips=",
    "ticketing.auth.slow-down.after-failures=3"})
class HostileTrafficTest extends IntegrationTest {

    private static final Logger log = LoggerFactory.getLogger(HostileTrafficTest.class);

    private static final Duration ATTACK = Duration.ofSeconds(4);
    private static final int MAX_ROUNDS = 5_000;
    /** Room for what a few seconds of requests leave for the collector that a full GC does not reclaim at once. */
    private static final long HEAP_SLACK = 48L * 1024 * 1024;

    @Autowired
    ReactiveJwtDecoder tokens;

    @Autowired
    MeterRegistry meters;

    @Test
    void oneClientsHostileTrafficLeavesHeapTokensAndMetersFlatAndTheOwnerSignsIn() {
        String attackerToken = newUserToken();
        http.get().uri("/api/v1/users/me").header("Authorization", bearer(attackerToken)).exchange().expectStatus().isOk().expectBody();
        String victim = unique("victim") + "@example.com";
        signUp(victim);
        String ownerAddress = address();
        assertThat(signIn(victim, "owner-password", ownerAddress)).isEqualTo(200);
        // Until the guesses meet the account's ceiling: every kind of answer the attack gets has been given once.
        int rounds = 0;
        while (oneRound(attackerToken, victim, rounds++) != 429) {
            assertThat(rounds).as("rounds before the account's ceiling slows the guesses down").isLessThan(100);
        }

        long heap = heapAfterCollection();
        long remembered = remembered();
        Set<String> series = series();

        long until = System.nanoTime() + ATTACK.toNanos();
        int attack = 0;
        for (; attack < MAX_ROUNDS && System.nanoTime() < until; attack++) {
            oneRound(attackerToken, victim, rounds + attack);
        }

        long heapAfter = heapAfterCollection();
        log.info("Hostile traffic: {} rounds in {} s; heap after a full collection {} -> {} MB; tokens remembered {} -> {}; meters {} -> {}",
            attack, ATTACK.toSeconds(), heap >> 20, heapAfter >> 20, remembered, remembered(), series.size(), series().size());

        assertThat(attack).as("rounds of hostile traffic").isGreaterThan(50);
        assertThat(remembered()).as("tokens remembered as verified").isEqualTo(remembered);
        assertThat(series()).as("meters").isEqualTo(series);
        assertThat(heapAfter).as("heap after a full collection").isLessThan(heap + HEAP_SLACK);
        assertThat(signIn(victim, "owner-password", ownerAddress)).as("the owner signs in").isEqualTo(200);
    }

    /**
     * A token variant, an invented method, an invented path and a wrong password for the victim from a
     * new address; answers the sign-in's status.
     */
    private int oneRound(String token, String victim, int round) {
        int variantStatus = http.get().uri("/api/v1/users/me").header("Authorization", bearer(variant(token, round)))
            .exchange().expectBody().returnResult().getStatus().value();
        assertThat(variantStatus).as("variant %d of a valid token", round).isEqualTo(401);
        http.method(HttpMethod.valueOf("Z" + round)).uri("/api/v1/events").exchange().expectBody();
        http.get().uri("/nothing-here/" + UUID.randomUUID()).exchange().expectBody();
        return signIn(victim, "guess-" + round, address());
    }

    /** Characters the bearer grammar allows, which a lenient Base64 decoder skips, at a place in the signature that moves each round. */
    private static String variant(String token, int round) {
        int signature = token.lastIndexOf('.') + 1;
        int at = signature + round % (token.length() - signature);
        String inserted = "~".repeat(1 + round / (token.length() - signature) % 8);
        return token.substring(0, at) + inserted + token.substring(at);
    }

    /**
     * The meters a request can make, by name and tags: not the collector's own (one per cause it
     * meets, System.gc() here), nor the per-event queue gauges, which follow the events with an open
     * line and come and go with the other tests' events.
     */
    private Set<String> series() {
        return meters.getMeters().stream().map(Meter::getId).filter(id -> !id.getName().startsWith("jvm.gc") && id.getTag("event") == null)
            .map(id -> id.getName() + id.getTags()).collect(Collectors.toSet());
    }

    private long remembered() {
        return ((VerifiedTokens) tokens).size();
    }

    private void signUp(String email) {
        http.post().uri("/api/v1/users").contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("email", email, "name", "Victim", "password", "owner-password"))
            .exchange().expectStatus().isCreated().expectBody();
    }

    private int signIn(String email, String password, String from) {
        return http.post().uri("/api/v1/auth/token").contentType(MediaType.APPLICATION_JSON).header("X-Forwarded-For", from)
            .bodyValue(Map.of("email", email, "password", password))
            .exchange().expectBody().returnResult().getStatus().value();
    }

    /** An address of the IPv6 documentation block in a network of its own. */
    private static String address() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "2001:db8:%x:%x::1".formatted(random.nextInt(0x10000), random.nextInt(0x10000));
    }

    private static long heapAfterCollection() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
