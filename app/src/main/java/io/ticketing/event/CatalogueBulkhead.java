package io.ticketing.event;

import java.time.Duration;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.ticketing.resilience.InstanceBulkhead;

/**
 * The share of the database that visitors' catalogue queries may take on this instance. They need
 * no account, cost a query each (searches, later pages and seat listings are not cached), and
 * share the pool with the sale's holds: unbounded, one client's flood would queue the holds behind
 * it until they time out and open the database breaker for everyone.
 */
@Configuration(proxyBeanMethods = false)
class CatalogueBulkhead {

    @Bean
    InstanceBulkhead catalogueQueries(EventProperties properties) {
        return InstanceBulkhead.of("catalogue-queries", properties.maxCatalogueQueries(), "catalogue searches and listings",
            Duration.ofSeconds(1));
    }
}
