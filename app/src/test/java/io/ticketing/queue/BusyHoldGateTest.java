package io.ticketing.queue;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.ticketing.IntegrationTest;
import io.ticketing.SecondInstance;

/**
 * The hold gate fails open only when Redis cannot answer. Here Redis answers everyone, but the
 * instance's hold-gate call times out as an overloaded instance's calls do: Lettuce's timeout
 * error, after another call of the instance was answered meanwhile.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BusyHoldGateTest extends IntegrationTest {

    @Autowired
    Environment environment;

    @Autowired
    AdmissionPasses passes;

    final SlowGate slowGate = new SlowGate();
    ConfigurableApplicationContext busy;
    WebTestClient client;

    @BeforeAll
    void startAnInstanceWhoseHoldGateTimesOut() {
        busy = SecondInstance.start(environment, Map.of(), application -> application.addInitializers(context ->
            context.getBeanFactory().addBeanPostProcessor(new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String name) {
                    return bean instanceof ReactiveStringRedisTemplate template ? slowGate.around(template.getConnectionFactory()) : bean;
                }
            })));
        client = WebTestClient.bindToServer().baseUrl(SecondInstance.baseUrl(busy)).responseTimeout(Duration.ofSeconds(10)).build();
    }

    @AfterAll
    void stop() {
        busy.close();
    }

    @Test
    void anEndedPassStaysEndedWhileTheInstanceIsTooBusyToHearRedis() {
        long event = newEvent(1, 10);
        Buyer buyer = buyer();
        String pass = passes.issuePass(buyer.id(), event, clock.instant().plus(Duration.ofMinutes(10)));
        client.delete().uri("/api/v1/events/{id}/queue/me", event).header("Authorization", bearer(buyer.token()))
            .exchange().expectStatus().isNoContent().expectBody();

        Sinks.Empty<Void> timeOut = slowGate.stall();
        CompletableFuture<WebTestClient.ResponseSpec> hold = CompletableFuture.supplyAsync(() -> client.post()
            .uri("/api/v1/events/{id}/reservations", event).header("Authorization", bearer(buyer.token()))
            .header("Admission-Pass", pass).header("Idempotency-Key", UUID.randomUUID().toString())
            .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("quantity", 1))
            .exchange());
        await().atMost(Duration.ofSeconds(10)).until(slowGate::asked);
        // Redis answers the instance's other calls meanwhile.
        client.get().uri("/api/v1/events/{id}/queue/me", event).header("Authorization", bearer(buyer.token()))
            .exchange().expectStatus().isNotFound().expectBody();
        timeOut.tryEmitEmpty();

        hold.join().expectStatus().isEqualTo(503)
            .expectHeader().exists("Retry-After")
            .expectBody().jsonPath("$.type").isEqualTo("urn:ticketing:problem:overloaded");
    }

    /** The instance's Redis template, but a hold-gate call, once stalled, ends in Lettuce's timeout when the test says. */
    static final class SlowGate {

        private volatile Sinks.Empty<Void> stalled;
        private volatile boolean asked;

        Sinks.Empty<Void> stall() {
            asked = false;
            stalled = Sinks.empty();
            return stalled;
        }

        boolean asked() {
            return asked;
        }

        ReactiveStringRedisTemplate around(ReactiveRedisConnectionFactory connections) {
            return new ReactiveStringRedisTemplate(connections) {
                @Override
                public <T> Flux<T> execute(RedisScript<T> script, List<String> keys, List<?> args) {
                    Sinks.Empty<Void> stall = stalled;
                    if (stall == null || !script.getScriptAsString().contains("{'ENDED'}")) {
                        return super.execute(script, keys, args);
                    }
                    stalled = null;
                    return Flux.defer(() -> {
                        asked = true;
                        return stall.asMono().then(Mono.error(new QueryTimeoutException("Redis command timed out")));
                    });
                }
            };
        }
    }
}
