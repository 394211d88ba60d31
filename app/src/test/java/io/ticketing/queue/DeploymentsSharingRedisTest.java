package io.ticketing.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.ticketing.SecondInstance;

/**
 * Two deployments on one Redis database, each with a MySQL database of its own, as a local run
 * and a benchmark on one machine are: their event ids overlap, and their Redis keys must not.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeploymentsSharingRedisTest extends QueueTestSupport {

    @Autowired
    Environment environment;

    String otherDatabase;
    ConfigurableApplicationContext other;
    WebTestClient otherHttp;

    @BeforeAll
    void startADeploymentOnAnotherDatabase() {
        otherDatabase = environment.getRequiredProperty("ticketing.db.name") + "_other";
        dropOtherDatabase();
        other = SecondInstance.start(environment, Map.of("ticketing.db.name", otherDatabase));
        otherHttp = WebTestClient.bindToServer().baseUrl(SecondInstance.baseUrl(other)).build();
    }

    @AfterAll
    void stopItAndDropItsDatabase() {
        other.close();
        dropOtherDatabase();
    }

    private void dropOtherDatabase() {
        sql.sql("DROP DATABASE IF EXISTS `" + otherDatabase + "`").then().block();
    }

    @Test
    void anEntryIntoAnotherDeploymentsEventWithTheSameIdJoinsALineOfItsOwn() {
        long event = newEvent(1, 10);
        Buyer here = buyer();
        // The same event id there, and another user: not this deployment's buyer re-entering by chance.
        sql.sql("ALTER TABLE `" + otherDatabase + "`.event AUTO_INCREMENT = " + event).then()
            .then(sql.sql("ALTER TABLE `" + otherDatabase + "`.app_user AUTO_INCREMENT = " + (here.id() + 1)).then()).block();
        assertThat(newEvent(otherHttp, clock.instant().minusSeconds(86_400), 1, 10)).as("the other deployment's event id").isEqualTo(event);

        assertThat(position(enter(event, here))).isEqualTo(1);
        Map<?, ?> elsewhere = otherHttp.post().uri("/api/v1/events/{id}/queue", event)
            .header("Authorization", bearer(newUserToken(otherHttp)))
            .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();

        assertThat(position(elsewhere)).as("first in its own line").isEqualTo(1);
    }
}
