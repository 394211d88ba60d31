package io.ticketing.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import reactor.test.StepVerifier;

class DrainingTest {

    private final Draining draining = new Draining();

    @Test
    void stoppingTellsWhatListensThatTheInstanceIsShuttingDown() {
        draining.start();

        draining.started().as(StepVerifier::create)
            .then(draining::stop)
            .expectComplete()
            .verify(Duration.ofSeconds(5));
    }

    @Test
    void aRestartedInstanceIsNotShuttingDown() {
        draining.start();
        draining.stop();
        draining.start();

        // A sink that has completed completes each new subscriber at once, on the subscribing thread.
        assertThat(draining.started().toFuture()).isNotDone();
    }
}
