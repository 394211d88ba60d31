package io.ticketing.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

import org.springframework.http.HttpHeaders;
import org.springframework.web.ErrorResponseException;

class InstanceBulkheadTest {

    private final InstanceBulkhead bulkhead = InstanceBulkhead.of("test", 1, "tests", Duration.ofSeconds(2));

    @Test
    void workPastTheBulkheadIsRefusedWith503RetryLaterAndNeverStarts() {
        Sinks.Empty<Void> first = Sinks.empty();
        StepVerifier.create(bulkhead.run(first::asMono)).expectSubscription().then(() -> {
                boolean[] started = {false};
                StepVerifier.create(bulkhead.run(() -> {
                        started[0] = true;
                        return Mono.just("second");
                    }))
                    .expectErrorSatisfies(InstanceBulkheadTest::overloaded)
                    .verify(Duration.ofSeconds(1));
                assertThat(started[0]).isFalse();
            })
            .then(first::tryEmitEmpty)
            .verifyComplete();
    }

    @Test
    void workGivesItsRoomBackHoweverItEnds() {
        StepVerifier.create(bulkhead.run(() -> Mono.error(new IllegalStateException("failed")))).verifyError(IllegalStateException.class);
        StepVerifier.create(bulkhead.run(Mono::never)).thenCancel().verify(Duration.ofSeconds(1));
        StepVerifier.create(bulkhead.run(() -> Mono.just("done"))).expectNext("done").verifyComplete();

        assertThat(bulkhead.taken()).isZero();
    }

    @Test
    void checkRefusesWhenFullWithoutTakingRoom() {
        StepVerifier.create(bulkhead.check()).verifyComplete();
        assertThat(bulkhead.taken()).isZero();

        assertThat(bulkhead.tryTake()).isTrue();
        assertThat(bulkhead.tryTake()).isFalse();
        StepVerifier.create(bulkhead.check()).expectErrorSatisfies(InstanceBulkheadTest::overloaded).verify(Duration.ofSeconds(1));
        assertThat(bulkhead.taken()).isEqualTo(1);

        bulkhead.give();
        assertThat(bulkhead.taken()).isZero();
    }

    @Test
    void aBulkheadForNothingIsRefused() {
        assertThatThrownBy(() -> InstanceBulkhead.of("none", 0, "nothing", Duration.ofSeconds(1)))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nothing");
    }

    private static void overloaded(Throwable error) {
        assertThat(error).isInstanceOfSatisfying(ErrorResponseException.class, problem -> {
            assertThat(problem.getStatusCode().value()).isEqualTo(503);
            assertThat(problem.getBody().getType().toString()).isEqualTo("urn:ticketing:problem:overloaded");
            assertThat(problem.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("2");
        });
    }
}
