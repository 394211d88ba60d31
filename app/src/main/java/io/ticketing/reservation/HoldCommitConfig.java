package io.ticketing.reservation;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.ReactiveTransactionManager;

import io.ticketing.event.EventCatalog;
import io.ticketing.resilience.Guards;

@Configuration(proxyBeanMethods = false)
class HoldCommitConfig {

    @Bean
    HoldCommitter holdCommitter(ReservationProperties properties, ReservationRepository reservations, BatchHolds batchHolds,
                                SingleHold singleHold, ReactiveTransactionManager transactions, EventCatalog catalog, Clock clock,
                                MeterRegistry meters, Guards guards) {
        return new HoldPipeline(reservations, batchHolds, singleHold, transactions, catalog, properties, clock, meters, guards);
    }
}
