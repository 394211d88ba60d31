package io.ticketing.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

import io.ticketing.IntegrationTest;
import io.ticketing.resilience.InstanceBulkhead;

/**
 * Visitors' catalogue queries take at most their share of the database pool: with the share in use
 * (as a flood of searches would hold it), the next query is refused at once instead of queueing
 * for a connection the sale's holds need.
 */
class CatalogueQueriesTest extends IntegrationTest {

    @Autowired
    @Qualifier("catalogueQueries")
    InstanceBulkhead catalogueQueries;

    @Autowired
    EventProperties properties;

    private long event;

    @BeforeEach
    void anEventAndTheShareInUse() {
        event = newEvent(1, 4);
        for (int i = 0; i < properties.maxCatalogueQueries(); i++) {
            assertThat(catalogueQueries.tryTake()).isTrue();
        }
        assertThat(catalogueQueries.tryTake()).as("the share is all in use").isFalse();
    }

    @AfterEach
    void giveTheShareBack() {
        for (int i = 0; i < properties.maxCatalogueQueries(); i++) {
            catalogueQueries.give();
        }
    }

    @Test
    void aSearchPastTheShareIsRefusedAtOnce() {
        assertOverloaded(get("/api/v1/events?query=anything"));
    }

    @Test
    void aSeatListingPastTheShareIsRefusedAtOnce() {
        assertOverloaded(get("/api/v1/events/" + event + "/seats"));
    }

    @Test
    void anEventsDetailIsNotPartOfTheShare() {
        assertThat(get("/api/v1/events/" + event).getStatus().value()).isEqualTo(200);
    }

    private EntityExchangeResult<Map> get(String uri) {
        return http.get().uri(uri).exchange().expectBody(Map.class).returnResult();
    }

    private static void assertOverloaded(EntityExchangeResult<Map> result) {
        assertThat(result.getStatus().value()).isEqualTo(503);
        assertThat(result.getResponseBody()).containsEntry("type", "urn:ticketing:problem:overloaded");
        assertThat(result.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
    }
}
