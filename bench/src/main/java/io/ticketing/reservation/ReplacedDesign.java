package io.ticketing.reservation;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.transaction.ReactiveTransactionManager;

import io.ticketing.TicketingApplication;
import io.ticketing.event.EventCatalog;
import io.ticketing.resilience.Guards;

/**
 * The service as it is, except that its holds commit the way the design it replaced did
 * ({@link EventLockHolds}: one transaction per hold behind {@code SELECT … FOR UPDATE} on the
 * event's row). It exists so that {@code bench/run holds} and {@code loadtest/run compare} can put
 * the two designs side by side on the same build and database; never start it for a real sale. It takes the service's
 * arguments and environment:
 *
 * <pre>java -cp "bench/target/classes:$(cat bench/target/classpath.txt)" io.ticketing.reservation.ReplacedDesign [--server.port=8080 ...]</pre>
 */
public final class ReplacedDesign {

    private static final Logger log = LoggerFactory.getLogger(ReplacedDesign.class);

    private ReplacedDesign() {
    }

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(TicketingApplication.class, EventLockCommit.class);
        // spring.main.allow-bean-definition-overriding, here only: EventLockCommit's holdCommitter,
        // registered after the service's own, takes its place.
        application.setAllowBeanDefinitionOverriding(true);
        ConfigurableApplicationContext context = application.run(args);
        log.info("Holds commit through {}: the replaced design, for comparison only",
            context.getBean(HoldCommitter.class).getClass().getSimpleName());
    }

    /**
     * Deliberately not a {@code @Configuration}: no component scan can pick it up, so only this
     * launcher, which names it as a source, brings the replaced design into a service.
     */
    static class EventLockCommit {

        @Bean
        HoldCommitter holdCommitter(ReservationProperties properties, ReservationRepository reservations, SingleHold singleHold,
                                    ReactiveTransactionManager transactions, EventCatalog catalog, Clock clock, Guards guards) {
            return new EventLockHolds(reservations, singleHold, transactions, catalog, properties, clock, guards);
        }
    }
}
