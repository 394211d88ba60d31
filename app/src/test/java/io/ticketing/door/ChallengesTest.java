package io.ticketing.door;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import org.springframework.util.unit.DataSize;

import io.ticketing.TestClock;
import io.ticketing.security.AuthProperties;

import io.ticketing.testsupport.ProofOfWorkSolver;

class ChallengesTest {

    private static final AuthProperties AUTH = new AuthProperties(null, Duration.ofHours(1), 4, 1, 10, "admin@example.com", null,
        new AuthProperties.SlowDown(5, Duration.ofMinutes(15), Duration.ofSeconds(30), Duration.ofMinutes(15), 20, Duration.ofDays(30)),
        DataSize.ofMegabytes(32));
    private static final DoorProperties DOOR = new DoorProperties(Duration.ofMinutes(2), Duration.ofMinutes(10), 20, 200);

    private final TestClock clock = new TestClock();
    private final Challenges challenges = new Challenges(AUTH, DOOR, clock);

    @Test
    void aSolvedChallengeProvesItsBitsOnceForItsUserAndEventUntilItExpires() {
        Challenges.Challenge issued = challenges.issue(1, 2, 8);

        Challenges.Verdict verdict = challenges.verify(issued.challenge(), ProofOfWorkSolver.solve(issued.challenge(), 8), 1, 2);

        assertThat(verdict.provenBits()).isEqualTo(8);
        assertThat(verdict.nonce()).matches("[0-9a-f]{32}");
        assertThat(verdict.validFor()).isBetween(Duration.ofSeconds(119), Duration.ofMinutes(2));
        assertThat(issued.expiresAt()).isBetween(Instant.ofEpochMilli(clock.millis()).plusSeconds(119), Instant.ofEpochMilli(clock.millis()).plusSeconds(120));
    }

    @Test
    void everyChallengeHasItsOwnNonce() {
        String one = challenges.verify(solved(1, 2, 0), "0", 1, 2).nonce();
        String other = challenges.verify(solved(1, 2, 0), "0", 1, 2).nonce();

        assertThat(one).isNotEqualTo(other);
    }

    @Test
    void aWrongCounterProvesNothing() {
        String challenge = challenges.issue(1, 2, 8).challenge();

        assertThat(challenges.verify(challenge, unsolving(challenge, 8), 1, 2)).isEqualTo(Challenges.Verdict.NONE);
    }

    @Test
    void anExpiredChallengeProvesNothing() {
        String challenge = challenges.issue(1, 2, 4).challenge();
        String counter = ProofOfWorkSolver.solve(challenge, 4);
        clock.advance(Duration.ofMinutes(2));

        assertThat(challenges.verify(challenge, counter, 1, 2)).isEqualTo(Challenges.Verdict.NONE);
    }

    @Test
    void anotherUsersChallengeProvesNothing() {
        String challenge = challenges.issue(1, 2, 4).challenge();

        assertThat(challenges.verify(challenge, ProofOfWorkSolver.solve(challenge, 4), 1, 3)).isEqualTo(Challenges.Verdict.NONE);
    }

    @Test
    void anotherEventsChallengeProvesNothing() {
        String challenge = challenges.issue(1, 2, 4).challenge();

        assertThat(challenges.verify(challenge, ProofOfWorkSolver.solve(challenge, 4), 5, 2)).isEqualTo(Challenges.Verdict.NONE);
    }

    @Test
    void aChallengeEasedOrForgedProvesNothing() {
        String challenge = challenges.issue(1, 2, 20).challenge();
        // The same payload with 0 bits, signed by a service with another secret.
        Challenges other = new Challenges(new AuthProperties("another-secret-of-at-least-32-bytes-0123456789", Duration.ofHours(1), 4, 1, 10,
            "admin@example.com", null, AUTH.slowDown(), DataSize.ofMegabytes(32)), DOOR, clock);
        String forged = other.issue(1, 2, 0).challenge();

        assertThat(challenges.verify(forged, "0", 1, 2)).isEqualTo(Challenges.Verdict.NONE);
        assertThat(challenges.verify(challenge.replace('.', '!'), "0", 1, 2)).isEqualTo(Challenges.Verdict.NONE);
        assertThat(challenges.verify("", "0", 1, 2)).isEqualTo(Challenges.Verdict.NONE);
        assertThat(challenges.verify("a.b.c", "0", 1, 2)).isEqualTo(Challenges.Verdict.NONE);
    }

    private String solved(long eventId, long userId, int bits) {
        return challenges.issue(eventId, userId, bits).challenge();
    }

    private static String unsolving(String challenge, int bits) {
        for (long counter = 0; ; counter++) {
            if (!ProofOfWork.solves(challenge, Long.toString(counter), bits)) {
                return Long.toString(counter);
            }
        }
    }
}
