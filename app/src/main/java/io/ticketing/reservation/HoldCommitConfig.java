package io.ticketing.reservation;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.ReactiveTransactionManager;

import io.ticketing.event.EventCatalog;

@Configuration(proxyBeanMethods = false)
class HoldCommitConfig {

    @Bean
    HoldCommitter holdCommitter(ReservationProperties properties, ReservationRepository reservations, BatchHolds batchHolds,
                                SingleHold singleHold, ReactiveTransactionManager transactions, EventCatalog catalog, Clock clock,
                                MeterRegistry meters) {
        return switch (properties.commit()) {
            case PIPELINE -> new HoldPipeline(reservations, batchHolds, singleHold, transactions, catalog, properties, clock, meters);
            case EVENT_LOCK -> new EventLockHolds(reservations, singleHold, transactions, catalog, properties, clock);
        };
    }
}
