package io.ticketing.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;

import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.R2dbcTransientResourceException;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;

class DeadlocksTest {

    /** As Spring translates what r2dbc-mysql reports for a deadlock's victim. */
    private static RuntimeException deadlock() {
        return new TransientDataAccessResourceException("execute; SQL [INSERT INTO reservation …]",
            new R2dbcTransientResourceException("Deadlock found when trying to get lock; try restarting transaction", "40001", 1213));
    }

    @Test
    void aDeadlocksVictimIsRecognisedThroughSpringsTranslation() {
        assertThat(Deadlocks.victim(deadlock())).isTrue();
    }

    @Test
    void aLockWaitTimeoutIsTreatedLikeADeadlock() {
        assertThat(Deadlocks.victim(new R2dbcTransientResourceException("Lock wait timeout exceeded", "HY000", 1205))).isTrue();
    }

    @Test
    void aLostConnectionIsNoVictim() {
        assertThat(Deadlocks.victim(new DataAccessResourceFailureException("connection",
            new R2dbcNonTransientResourceException("Lost connection to server", "HY000", 2013)))).isFalse();
    }

    @Test
    void aVictimRunsAgainUntilItCommits() {
        AtomicInteger attempts = new AtomicInteger();

        Mono.defer(() -> attempts.incrementAndGet() < 3 ? Mono.error(deadlock()) : Mono.just("committed"))
            .retryWhen(Deadlocks.RETRY)
            .as(StepVerifier::create)
            .expectNext("committed")
            .verifyComplete();
        assertThat(attempts).hasValue(3);
    }

    @Test
    void aVictimEveryTimeIsAnsweredAfterThreeMoreTries() {
        AtomicInteger attempts = new AtomicInteger();

        Mono.defer(() -> {
                attempts.incrementAndGet();
                return Mono.error(deadlock());
            })
            .retryWhen(Deadlocks.RETRY)
            .as(StepVerifier::create)
            .expectErrorSatisfies(e -> assertThat(Deadlocks.victim(e)).isTrue())
            .verify();
        assertThat(attempts).hasValue(4);
    }
}
