package io.ticketing.reservation.hold;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

class HoldReplyTest {

    private final HoldReply reply = new HoldReply();

    @Test
    void aWaitingCallerIsAnsweredWithTheOutcome() {
        StepVerifier.create(reply.asMono())
            .then(() -> {
                assertThat(reply.take()).isTrue();
                reply.succeed(new HoldOutcome.SoldOut());
            })
            .expectNext(new HoldOutcome.SoldOut())
            .expectComplete()
            .verify(Duration.ofSeconds(5));
    }

    @Test
    void aHoldWhoseCallerLeftBeforeItsBatchIsNotTaken() {
        StepVerifier.create(reply.asMono()).thenCancel().verify(Duration.ofSeconds(5));

        assertThat(reply.take()).isFalse();
    }

    @Test
    void aCallerLeavingWhileTheBatchCommitsMarksTheHoldForUndoing() {
        assertThat(reply.take()).isTrue();

        StepVerifier.create(reply.asMono()).thenCancel().verify(Duration.ofSeconds(5));

        assertThat(reply.goneWhileCommitting()).isTrue();
    }

    @Test
    void aCallerStillWaitingLeavesNothingToUndo() {
        reply.take();
        reply.succeed(new HoldOutcome.SoldOut());

        assertThat(reply.goneWhileCommitting()).isFalse();
    }
}
