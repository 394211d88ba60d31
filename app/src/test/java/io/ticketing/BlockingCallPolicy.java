package io.ticketing;

import java.util.Set;

/**
 * Decides what a blocking call that BlockHound caught on a non-blocking thread means, from its stack
 * alone: pure, so that {@code BlockingCallPolicyTest} pins every rule.
 *
 * <p>Libraries guard short critical sections with locks that park a thread only under contention
 * (Netty's buffer allocator, Lettuce's command writer, Jackson's and Hibernate Validator's caches,
 * resilience4j's sliding windows, …). Such a park is no wait on anything slow, and allowing each one by
 * name only ever fixed one flaky test until the next library lock showed up. So a park on acquiring a
 * {@code Lock} that a library asked for is tolerated, whichever library it is, and so is a library's
 * spin on a lock word ({@code Thread.onSpinWait}). Everything else fails:
 * sleeps, I/O, waits on a condition, a latch or a future, in a library or not, and any blocking call,
 * short lock included, made by our own code.
 */
public final class BlockingCallPolicy {

    /** Where blocking frames stop and their caller begins. */
    private static final String[] JDK = {"java.", "jdk.", "sun."};
    private static final String OWN_CODE = "io.ticketing.";
    private static final Set<String> LOCK_CLASSES = Set.of("java.util.concurrent.locks.ReentrantLock",
        "java.util.concurrent.locks.ReentrantLock$Sync", "java.util.concurrent.locks.ReentrantLock$NonfairSync",
        "java.util.concurrent.locks.ReentrantLock$FairSync", "java.util.concurrent.locks.ReentrantReadWriteLock$ReadLock",
        "java.util.concurrent.locks.ReentrantReadWriteLock$WriteLock", "java.util.concurrent.locks.StampedLock");
    private static final Set<String> ACQUIRING = Set.of("lock", "lockInterruptibly", "tryLock", "readLock", "writeLock",
        "readLockInterruptibly", "writeLockInterruptibly", "tryReadLock", "tryWriteLock", "acquireRead", "acquireWrite");
    /** The park itself and the synchronizer plumbing between it and whoever asked to wait. */
    private static final Set<String> PARKING = Set.of("jdk.internal.misc.Unsafe", "java.util.concurrent.locks.LockSupport",
        "java.util.concurrent.locks.AbstractQueuedSynchronizer", "java.util.concurrent.locks.AbstractQueuedLongSynchronizer");

    public enum Verdict {
        /** A library's short lock was contended: allowed, and listed at the end of the run. */
        LIBRARY_LOCK,
        /** Fails the test during which it happened. */
        FORBIDDEN
    }

    /**
     * @param verdict what the call means
     * @param call    the blocking method, e.g. {@code java.lang.Thread.sleep}
     * @param caller  the first frame outside the JDK: who asked to block
     */
    public record Judgement(Verdict verdict, String call, String caller) {
    }

    private BlockingCallPolicy() {
    }

    /**
     * @param stack the stack at the blocking method, innermost first; frames of BlockHound and of
     *              its callback above the blocking method are skipped
     */
    public static Judgement judge(StackTraceElement[] stack) {
        int blocking = 0;
        for (int i = 0; i < stack.length; i++) {
            if (stack[i].getClassName().startsWith("reactor.blockhound.")) {
                blocking = i + 1;
            }
        }
        if (blocking >= stack.length) {
            return new Judgement(Verdict.FORBIDDEN, "unknown", "unknown");
        }
        String call = frame(stack[blocking]);
        int callerIndex = blocking;
        while (callerIndex < stack.length && isJdk(stack[callerIndex].getClassName())) {
            callerIndex++;
        }
        String caller = callerIndex < stack.length ? frame(stack[callerIndex]) : "the JDK";
        boolean libraryCaller = callerIndex < stack.length && !stack[callerIndex].getClassName().startsWith(OWN_CODE);
        boolean shortLock = parksAcquiringALock(stack, blocking) || spins(stack[blocking]);
        return new Judgement(libraryCaller && shortLock ? Verdict.LIBRARY_LOCK : Verdict.FORBIDDEN, call, caller);
    }

    /**
     * A busy-wait hint: the thread never leaves the CPU, it only spins on a lock word another thread
     * holds for a few instructions (Lettuce's {@code SharedLock} while a cluster connection changes writers).
     */
    private static boolean spins(StackTraceElement call) {
        return call.getClassName().equals("java.lang.Thread") && call.getMethodName().equals("onSpinWait");
    }

    /** The frame that asked to park, past the synchronizer plumbing, is a lock being acquired. */
    private static boolean parksAcquiringALock(StackTraceElement[] stack, int blocking) {
        if (!stack[blocking].getClassName().equals("jdk.internal.misc.Unsafe")) {
            return false;
        }
        int i = blocking;
        while (i < stack.length && PARKING.contains(stack[i].getClassName())) {
            i++;
        }
        return i < stack.length && LOCK_CLASSES.contains(stack[i].getClassName()) && ACQUIRING.contains(stack[i].getMethodName());
    }

    private static boolean isJdk(String className) {
        for (String prefix : JDK) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private static String frame(StackTraceElement frame) {
        return frame.getClassName() + "." + frame.getMethodName();
    }
}
