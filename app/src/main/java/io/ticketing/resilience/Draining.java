package io.ticketing.resilience;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The start of a graceful shutdown, for long-lived work that would otherwise hold it up. The
 * order on SIGTERM: readiness goes to REFUSING_TRAFFIC (Spring Boot, when the context starts
 * closing) so the load balancer stops sending; then this fires, before the web server's graceful
 * phase, and every SSE stream tells its browser to reconnect (to another instance) and ends;
 * then the web server waits for in-flight requests, holds included; then the hold pipeline
 * commits or rolls back what is still queued, and only then do the pools close.
 */
@Component
public class Draining implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Draining.class);

    /**
     * A new one each start: a context can be stopped and started again (Spring's test context cache
     * pauses the contexts it is not using), and streams opened after the restart must not inherit
     * the shutdown of the one before.
     */
    private volatile Sinks.Empty<Void> started = Sinks.empty();
    private volatile boolean running;

    /** Completes when the instance starts shutting down. */
    public Mono<Void> started() {
        return started.asMono();
    }

    @Override
    public void start() {
        if (!running) {
            started = Sinks.empty();
            running = true;
        }
    }

    @Override
    public void stop() {
        log.info("Shutting down: telling open streams to reconnect elsewhere");
        running = false;
        started.tryEmitEmpty();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Before the web server's graceful shutdown (which stops at DEFAULT_PHASE - 1024), so streams do not hold it up. */
    @Override
    public int getPhase() {
        return DEFAULT_PHASE;
    }
}
