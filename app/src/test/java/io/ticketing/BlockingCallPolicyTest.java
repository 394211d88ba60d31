package io.ticketing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import io.ticketing.BlockingCallPolicy.Verdict;

class BlockingCallPolicyTest {

    /** The park that corrupted a Lettuce connection when BlockHound threw inside it. */
    @Test
    void contendedLockInALibraryIsAllowed() {
        BlockingCallPolicy.Judgement judgement = BlockingCallPolicy.judge(stack(
            "reactor.blockhound.BlockHoundRuntime.checkBlocking",
            "jdk.internal.misc.Unsafe.park",
            "java.util.concurrent.locks.LockSupport.park",
            "java.util.concurrent.locks.StampedLock.acquireWrite",
            "java.util.concurrent.locks.StampedLock.writeLock",
            "io.netty.buffer.AdaptivePoolingAllocator$Magazine.free",
            "io.netty.channel.epoll.EpollIoHandler.run"));

        assertThat(judgement).isEqualTo(new BlockingCallPolicy.Judgement(Verdict.LIBRARY_LOCK, "jdk.internal.misc.Unsafe.park",
            "io.netty.buffer.AdaptivePoolingAllocator$Magazine.free"));
    }

    @Test
    void reentrantLockTakenByALibraryIsAllowed() {
        assertThat(BlockingCallPolicy.judge(stack(
            "jdk.internal.misc.Unsafe.park",
            "java.util.concurrent.locks.LockSupport.park",
            "java.util.concurrent.locks.AbstractQueuedSynchronizer.acquire",
            "java.util.concurrent.locks.ReentrantLock$Sync.lock",
            "java.util.concurrent.locks.ReentrantLock.lock",
            "io.lettuce.core.protocol.SharedLock.incrementWriters")).verdict()).isEqualTo(Verdict.LIBRARY_LOCK);
    }

    /** What a Lettuce cluster connection does on an event loop while another thread changes its writers. */
    @Test
    void spinOnALibraryLockIsAllowed() {
        assertThat(BlockingCallPolicy.judge(stack(
            "java.lang.Thread.onSpinWait",
            "io.lettuce.core.protocol.SharedLock.incrementWriters",
            "io.lettuce.core.protocol.SharedLock.incrementWriters",
            "io.lettuce.core.protocol.DefaultEndpoint.write")).verdict()).isEqualTo(Verdict.LIBRARY_LOCK);
    }

    @Test
    void spinInOurOwnCodeIsForbidden() {
        assertThat(BlockingCallPolicy.judge(stack(
            "java.lang.Thread.onSpinWait",
            "io.ticketing.queue.stream.StreamSlots.open")).verdict()).isEqualTo(Verdict.FORBIDDEN);
    }

    @Test
    void sleepInALibraryIsForbidden() {
        assertThat(BlockingCallPolicy.judge(stack(
            "java.lang.Thread.sleep",
            "io.github.resilience4j.retry.Retry.waitInterval")).verdict()).isEqualTo(Verdict.FORBIDDEN);
    }

    @Test
    void conditionWaitInALibraryIsForbidden() {
        assertThat(BlockingCallPolicy.judge(stack(
            "jdk.internal.misc.Unsafe.park",
            "java.util.concurrent.locks.LockSupport.park",
            "java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject.await",
            "java.util.concurrent.LinkedBlockingQueue.take",
            "com.example.Pool.borrow")).verdict()).isEqualTo(Verdict.FORBIDDEN);
    }

    @Test
    void latchWaitInALibraryIsForbidden() {
        assertThat(BlockingCallPolicy.judge(stack(
            "jdk.internal.misc.Unsafe.park",
            "java.util.concurrent.locks.LockSupport.park",
            "java.util.concurrent.locks.AbstractQueuedSynchronizer.acquireSharedInterruptibly",
            "java.util.concurrent.CountDownLatch.await",
            "reactor.core.publisher.BlockingSingleSubscriber.blockingGet")).verdict()).isEqualTo(Verdict.FORBIDDEN);
    }

    @Test
    void socketReadInALibraryIsForbidden() {
        assertThat(BlockingCallPolicy.judge(stack(
            "sun.nio.ch.SocketDispatcher.read0",
            "sun.nio.ch.NioSocketImpl.read",
            "java.net.Socket$SocketInputStream.read",
            "com.mysql.cj.protocol.ReadAheadInputStream.fill")).verdict()).isEqualTo(Verdict.FORBIDDEN);
    }

    @Test
    void lockTakenByOurOwnCodeIsForbidden() {
        BlockingCallPolicy.Judgement judgement = BlockingCallPolicy.judge(stack(
            "jdk.internal.misc.Unsafe.park",
            "java.util.concurrent.locks.LockSupport.park",
            "java.util.concurrent.locks.AbstractQueuedSynchronizer.acquire",
            "java.util.concurrent.locks.ReentrantLock$Sync.lock",
            "java.util.concurrent.locks.ReentrantLock.lock",
            "io.ticketing.reservation.hold.HoldPipeline.submit"));

        assertThat(judgement.verdict()).isEqualTo(Verdict.FORBIDDEN);
        assertThat(judgement.caller()).isEqualTo("io.ticketing.reservation.hold.HoldPipeline.submit");
    }

    @Test
    void sleepInOurOwnCodeIsForbiddenAndNamed() {
        assertThat(BlockingCallPolicy.judge(stack(
            "io.ticketing.BlockingCalls.lambda$applyTo$0",
            "reactor.blockhound.BlockHound$Builder.lambda$install$8",
            "reactor.blockhound.BlockHoundRuntime.checkBlocking",
            "java.lang.Thread.sleep",
            "io.ticketing.queue.AdmissionTicker.tick")))
            .isEqualTo(new BlockingCallPolicy.Judgement(Verdict.FORBIDDEN, "java.lang.Thread.sleep", "io.ticketing.queue.AdmissionTicker.tick"));
    }

    /** Frames as {@code class.method}, innermost first. */
    private static StackTraceElement[] stack(String... frames) {
        return Arrays.stream(frames).map(frame -> {
            int dot = frame.lastIndexOf('.');
            return new StackTraceElement(frame.substring(0, dot), frame.substring(dot + 1), null, -1);
        }).toArray(StackTraceElement[]::new);
    }
}
