package io.ticketing.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.testkit.engine.EngineTestKit;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import io.ticketing.BlockingCalls;
import io.ticketing.BlockingCallsExtension;

/**
 * Proves that BlockHound is installed in the test JVM and that a blocking call in our own code on a
 * non-blocking thread fails the test that made it, while the call itself goes on (so no library is
 * left half-way through a callback).
 */
class BlockHoundTest {

    @Test
    void sleepOnANonBlockingThreadIsRecordedWithItsThread() {
        String answer = sleepOnParallel().block(Duration.ofSeconds(5));

        List<BlockingCalls.Call> calls = BlockingCalls.drain();
        assertThat(answer).as("the call went on").isEqualTo("slept");
        assertThat(calls).singleElement().satisfies(call -> {
            assertThat(call.judgement().call()).isEqualTo("java.lang.Thread.sleep");
            assertThat(call.thread()).startsWith("parallel-");
        });
    }

    @Test
    void testThatBlocksFailsNamingTheCall() {
        EngineTestKit.engine("junit-jupiter")
            .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "false")
            .selectors(selectClass(Blocker.class))
            .execute()
            .testEvents()
            .assertThatEvents()
            .haveExactly(1, event(test("sleepsOnParallel"), finishedWithFailure(instanceOf(AssertionError.class),
                message(text -> text.contains("blocking call java.lang.Thread.sleep on thread parallel-")
                    && text.contains("asked for by io.ticketing.config.BlockHoundTest")))));
    }

    private static Mono<String> sleepOnParallel() {
        return Mono.fromCallable(() -> {
                Thread.sleep(1); // the blocking call this test is about
                return "slept";
            })
            .subscribeOn(Schedulers.parallel());
    }

    /** Run only through the test kit above: Surefire leaves nested classes alone. */
    @ExtendWith(BlockingCallsExtension.class)
    static class Blocker {

        @Test
        void sleepsOnParallel() {
            assertThat(sleepOnParallel().block(Duration.ofSeconds(5))).isEqualTo("slept");
        }
    }
}
