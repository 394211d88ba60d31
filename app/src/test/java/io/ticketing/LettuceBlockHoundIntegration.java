package io.ticketing;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * Lettuce guards each command write with a lock held for a few instructions; under contention a
 * writer parks for that long, which BlockHound reports like any park. It is not I/O and not
 * a wait on anything slow, so it is allowed here, narrowly, like Reactor and Netty allow their own
 * short locks. Everything else stays forbidden on non-blocking threads.
 */
public class LettuceBlockHoundIntegration implements BlockHoundIntegration {

    @Override
    public void applyTo(BlockHound.Builder builder) {
        builder.allowBlockingCallsInside("io.lettuce.core.protocol.SharedLock", "incrementWriters");
        builder.allowBlockingCallsInside("io.lettuce.core.protocol.SharedLock", "decrementWriters");
    }
}
