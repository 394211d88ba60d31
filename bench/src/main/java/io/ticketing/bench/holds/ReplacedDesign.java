package io.ticketing.bench.holds;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The packaged service, except that its seat holds commit the way the design it replaced did
 * ({@link EventLockHolds}: one transaction per hold behind {@code SELECT … FOR UPDATE} on the
 * event's row). It exists so that {@code bench/run holds} and {@code loadtest/run compare} can put
 * the two designs side by side on the same build and database; never start it for a real sale.
 * <p>
 * The service has no seam for it: the packaged jar runs under Spring Boot's PropertiesLauncher
 * with this module's classes added ({@code loader.path}), which brings in this auto-configuration;
 * turned on by {@code --bench.replaced-design=event-lock}, its route for holds comes before the
 * service's. Everything else (sign-in, the waiting room, confirmation, expiry) is the service's.
 *
 * <pre>java -Dloader.path=bench/target/classes -cp app/target/ticketing.jar org.springframework.boot.loader.launch.PropertiesLauncher \
 *     --bench.replaced-design=event-lock [--server.port=8080 ...]</pre>
 */
@AutoConfiguration
@ConditionalOnProperty(name = ReplacedDesign.SWITCH, havingValue = ReplacedDesign.EVENT_LOCK)
public class ReplacedDesign {

    /** The setting that turns the replaced design on in a service started with this module's classes. */
    public static final String SWITCH = "bench.replaced-design";
    public static final String EVENT_LOCK = "event-lock";

    private static final Logger log = LoggerFactory.getLogger(ReplacedDesign.class);

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    RouterFunction<ServerResponse> replacedDesignHolds(DatabaseClient db, ReactiveTransactionManager transactions, Environment environment) {
        // The service's own settings, with its defaults (ReservationProperties).
        int maxSeatsPerBuyer = environment.getProperty("ticketing.reservations.max-seats-per-buyer", Integer.class, 4);
        Duration holdTtl = environment.getProperty("ticketing.reservations.hold-ttl", Duration.class, Duration.ofMinutes(5));
        EventLockHolds holds = new EventLockHolds(db, TransactionalOperator.create(transactions), maxSeatsPerBuyer, holdTtl);
        log.info("Holds commit through {}: the replaced design, for comparison only", EventLockHolds.class.getSimpleName());
        return RouterFunctions.route(RequestPredicates.POST("/api/v1/events/{id}/reservations"), holds::hold);
    }
}
