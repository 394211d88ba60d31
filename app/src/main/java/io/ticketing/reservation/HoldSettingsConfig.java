package io.ticketing.reservation;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.ticketing.reservation.hold.HoldSettings;

/**
 * Hands the hold pipeline the few settings it uses. The reservations' settings stay bound in one
 * place ({@link ReservationProperties}, which the event catalogue also reads as its purchase
 * limits); the pipeline sees only its own share of them, so it never depends back on this package.
 */
@Configuration(proxyBeanMethods = false)
class HoldSettingsConfig {

    @Bean
    HoldSettings holdSettings(ReservationProperties properties) {
        return new HoldSettings(properties.maxSeatsPerBuyer(), properties.holdTtl(), properties.batchSize(), properties.batchWait(),
            properties.queueCapacity());
    }
}
