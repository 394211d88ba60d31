package io.ticketing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * BlockHound in this test JVM reports instead of throwing. An error thrown from inside a library's
 * callback does not reach the test: it corrupts whatever the library was doing (a Lettuce connection
 * that lost a reply hands every later reply to the wrong command) and fails some other test, later,
 * at random. So every blocking call on a non-blocking thread is judged by {@link BlockingCallPolicy}
 * and recorded with its thread and stack, the call goes on, and {@link BlockingCallsExtension} fails
 * the test during which a forbidden one was recorded.
 */
public final class BlockingCalls implements BlockHoundIntegration {

    /** A forbidden call: what blocked, on which thread, and the whole stack. */
    public record Call(String thread, BlockingCallPolicy.Judgement judgement, StackTraceElement[] stack) {

        public String describe() {
            StringBuilder text = new StringBuilder("blocking call ").append(judgement.call()).append(" on thread ").append(thread)
                .append(", asked for by ").append(judgement.caller());
            for (StackTraceElement frame : stack) {
                text.append("\n\tat ").append(frame);
            }
            return text.toString();
        }
    }

    private static final ConcurrentLinkedQueue<Call> forbidden = new ConcurrentLinkedQueue<>();
    private static final Map<String, LongAdder> tolerated = new ConcurrentHashMap<>();

    @Override
    public void applyTo(BlockHound.Builder builder) {
        // A host name lookup waits on DNS; BlockHound does not know it by default.
        for (String resolver : List.of("java.net.Inet6AddressImpl", "java.net.Inet4AddressImpl")) {
            builder.markAsBlocking(resolver, "lookupAllHostAddr", "(Ljava/lang/String;)[Ljava/net/InetAddress;");
        }
        builder.blockingMethodCallback(method -> {
            StackTraceElement[] stack = new Throwable().getStackTrace();
            BlockingCallPolicy.Judgement judgement = BlockingCallPolicy.judge(stack);
            if (judgement.verdict() == BlockingCallPolicy.Verdict.LIBRARY_LOCK) {
                tolerated.computeIfAbsent(judgement.caller(), caller -> new LongAdder()).increment();
            }
            else {
                forbidden.add(new Call(Thread.currentThread().getName(), judgement, stack));
            }
        });
    }

    /** The forbidden calls recorded since the last drain, which forgets them. */
    public static List<Call> drain() {
        List<Call> calls = new ArrayList<>();
        for (Call call = forbidden.poll(); call != null; call = forbidden.poll()) {
            calls.add(call);
        }
        return calls;
    }

    /** Contended library locks seen so far, by the library frame that took the lock. */
    public static Map<String, Long> tolerated() {
        Map<String, Long> counts = new java.util.TreeMap<>();
        tolerated.forEach((caller, count) -> counts.put(caller, count.sum()));
        return counts;
    }
}
