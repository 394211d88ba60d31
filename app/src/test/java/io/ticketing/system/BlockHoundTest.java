package io.ticketing.system;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import reactor.blockhound.BlockingOperationError;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/** Proves that BlockHound is installed in the test JVM, so that the other tests would catch a blocking call. */
class BlockHoundTest {

    @Test
    void sleepingOnANonBlockingThreadFails() {
        Mono.fromCallable(() -> {
                Thread.sleep(1);
                return "slept";
            })
            .subscribeOn(Schedulers.parallel())
            .as(StepVerifier::create)
            .expectError(BlockingOperationError.class)
            .verify(Duration.ofSeconds(5));
    }
}
