package io.ticketing;

import java.util.Arrays;

import reactor.blockhound.BlockHound;
import reactor.blockhound.BlockingOperationError;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * A few libraries guard short critical sections with a lock that parks a thread under contention,
 * and BlockHound reports a park like any blocking call. None is I/O nor a wait on anything slow,
 * so they are allowed here, narrowly, the way Reactor and Netty allow their own short locks:
 * <ul>
 * <li>Jackson fills its deserializer cache under a lock, once per type;</li>
 * <li>Hibernate Validator fills its bean-metadata cache under a segment lock, once per type;</li>
 * <li>Lettuce guards each command write with a lock held for a few instructions;</li>
 * <li>Spring Data Redis hands out its shared connection under a lock; the connection is opened
 * at start-up ({@code RedisConfig}), so inside the lock it is only looked up;</li>
 * <li>resilience4j's circuit breakers add each call's outcome to their sliding window under a
 * lock held for a few arithmetic operations, each call's event to the 100-event buffer its
 * Spring Boot module always attaches, under a lock held for one array write, and move an open
 * breaker to half-open, on the first call after the wait, under a lock held for one state change.</li>
 * </ul>
 * Everything else stays forbidden on non-blocking threads.
 */
public class ShortLockAllowances implements BlockHoundIntegration {

    @Override
    public void applyTo(BlockHound.Builder builder) {
        builder.allowBlockingCallsInside("tools.jackson.databind.deser.DeserializerCache", "_createAndCacheValueDeserializer");
        builder.allowBlockingCallsInside("org.hibernate.validator.internal.metadata.BeanMetaDataManagerImpl", "getBeanMetaData");
        builder.allowBlockingCallsInside("io.lettuce.core.protocol.SharedLock", "incrementWriters");
        builder.allowBlockingCallsInside("io.lettuce.core.protocol.SharedLock", "decrementWriters");
        builder.allowBlockingCallsInside("org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory$SharedConnection",
            "getConnection");
        builder.allowBlockingCallsInside("org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory",
            "getOrCreateSharedReactiveConnection");
        for (String window : new String[] {"io.github.resilience4j.core.metrics.SlidingTimeWindowMetrics",
            "io.github.resilience4j.core.metrics.FixedSizeSlidingWindowMetrics"}) {
            builder.allowBlockingCallsInside(window, "record");
            builder.allowBlockingCallsInside(window, "getSnapshot");
        }
        builder.allowBlockingCallsInside("io.github.resilience4j.circularbuffer.ConcurrentEvictingQueue", "offer");
        builder.allowBlockingCallsInside("io.github.resilience4j.circuitbreaker.internal.CircuitBreakerStateMachine$OpenState", "toHalfOpenState");
        // Libraries catch the error and log one line (or, inside Lettuce, lose a reply); the stack says where the call was.
        // BlockHoundTest blocks on purpose and expects the error, so its own is not printed.
        builder.blockingMethodCallback(method -> {
            BlockingOperationError error = new BlockingOperationError(method);
            if (Arrays.stream(error.getStackTrace()).noneMatch(frame -> frame.getClassName().startsWith("io.ticketing.system.BlockHoundTest"))) {
                error.printStackTrace();
            }
            throw error;
        });
    }
}
