package io.ticketing.queue;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.retry.Retry;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.listener.PatternTopic;
import org.springframework.data.redis.listener.ReactiveRedisMessageListenerContainer;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Component;

import io.ticketing.redis.RedisKeys;

/**
 * Tells a waiter's stream the moment their admission is made, whichever instance's tick made it.
 * The tick publishes the ids it admitted on the event's channel; every instance listens, and only
 * the streams of those users wake, so buyers let in by one tick do not all learn it together at the
 * next once-a-second push (and hold together); everyone else keeps their periodic position.
 *
 * <p>A lost message costs only time: the stream's periodic read still finds the admission.
 */
@Component
public class AdmissionChannel implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AdmissionChannel.class);

    private final ReactiveRedisConnectionFactory connections;
    private final ReactiveStringRedisTemplate redis;
    /** The local streams waiting for news of their waiter, each a sink to complete. */
    private final Map<Waiter, Set<Sinks.Empty<Void>>> waiting = new ConcurrentHashMap<>();
    /** A new one each start, as Draining's: a context stopped and started again listens anew. */
    private volatile Sinks.Empty<Void> subscribed = Sinks.empty();
    /** The start of every event's channel: the deployment's, so that another deployment's news never wakes a stream here. */
    private final String channels;
    private ReactiveRedisMessageListenerContainer container;
    private Disposable listening;

    AdmissionChannel(ReactiveRedisConnectionFactory connections, ReactiveStringRedisTemplate redis, RedisKeys prefix) {
        this.channels = prefix.key("queue:admitted:");
        this.connections = connections;
        this.redis = redis;
    }

    /** Announces the users a tick admitted to a line; a failure is logged only, the periodic read still finds them. */
    Mono<Void> publish(Room line, Iterable<String> userIds) {
        return redis.convertAndSend(channels + line.member(), String.join(",", userIds))
            .onErrorResume(e -> {
                log.debug("Announcing admissions for line {} failed: {}", line.member(), e.toString());
                return Mono.empty();
            })
            .then();
    }

    /** Completes when news comes that this user was admitted from this line. */
    public Mono<Void> admitted(Room line, long userId) {
        return Mono.defer(() -> {
            Waiter waiter = new Waiter(line, userId);
            Sinks.Empty<Void> news = Sinks.empty();
            waiting.compute(waiter, (w, sinks) -> {
                Set<Sinks.Empty<Void>> streams = sinks == null ? new CopyOnWriteArraySet<>() : sinks;
                streams.add(news);
                return streams;
            });
            return news.asMono().doFinally(signal -> waiting.computeIfPresent(waiter, (w, sinks) -> {
                sinks.remove(news);
                return sinks.isEmpty() ? null : sinks;
            }));
        });
    }

    /**
     * Listens from start-up, before the web server takes requests, until after it has finished
     * them; not at all in a run that only refreshes the context (the image's CDS training run),
     * which must not need a Redis to exist.
     */
    @Override
    public void start() {
        Sinks.Empty<Void> subscribed = Sinks.empty();
        this.subscribed = subscribed;
        container = new ReactiveRedisMessageListenerContainer(connections);
        // Resubscribes after Redis comes back; meanwhile streams fall back to their periodic read.
        listening = Flux.defer(() -> container.receiveLater(PatternTopic.of(channels + "*")))
            .doOnNext(messages -> subscribed.tryEmitEmpty())
            .flatMap(messages -> messages)
            .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofSeconds(1)).maxBackoff(Duration.ofSeconds(10)))
            .subscribe(message -> deliver(message.getChannel(), message.getMessage()));
    }

    /** Completes once this instance listens, the first time: news published before then reaches nobody here. */
    Mono<Void> listening() {
        return subscribed.asMono();
    }

    private void deliver(String channel, String userIds) {
        Room line = Room.parse(channel.substring(channels.length()));
        for (String userId : userIds.split(",")) {
            Set<Sinks.Empty<Void>> streams = waiting.remove(new Waiter(line, Long.parseLong(userId)));
            if (streams != null) {
                streams.forEach(Sinks.Empty::tryEmitEmpty);
            }
        }
    }

    @Override
    public void stop() {
        if (listening != null) {
            listening.dispose();
            listening = null;
        }
        if (container != null) {
            container.destroy();
            container = null;
        }
    }

    @Override
    public boolean isRunning() {
        return listening != null;
    }

    @Override
    public int getPhase() {
        return WebServerApplicationContext.START_STOP_LIFECYCLE_PHASE - 1024;
    }

    private record Waiter(Room line, long userId) {
    }
}
