package io.ticketing;

import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails the test during which a forbidden blocking call was recorded ({@link BlockingCalls}), naming
 * the call, its thread and its stack. Registered for every test through JUnit's extension
 * auto-detection ({@code junit-platform.properties}); a call made between tests, by a context that
 * outlives its class, fails the class or the next test.
 */
public class BlockingCallsExtension implements AfterEachCallback, AfterAllCallback {

    @Override
    public void afterEach(ExtensionContext context) {
        check();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        check();
    }

    private static void check() {
        List<BlockingCalls.Call> calls = BlockingCalls.drain();
        if (!calls.isEmpty()) {
            throw new AssertionError(calls.size() + " blocking call(s) on a non-blocking thread:\n"
                + calls.stream().map(BlockingCalls.Call::describe).collect(Collectors.joining("\n\n")));
        }
    }
}
