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
import tools.jackson.databind.json.JsonMapper;

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
 *
 * <p>Other features tell one user's streams their own news the same way ({@link #notify}, on the
 * event's notice channel): the waiting list its offers. A lost notice costs only the push; what it
 * tells must be readable elsewhere too.
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
    /** The start of every event's notice channel, the deployment's too. */
    private final String noticeChannels;
    /** The local streams listening for notices to their user, each a sink to push them to. */
    private final Map<Recipient, Set<Sinks.Many<Notice>>> listeners = new ConcurrentHashMap<>();
    private final JsonMapper json;
    private ReactiveRedisMessageListenerContainer container;
    private Disposable listening;

    AdmissionChannel(ReactiveRedisConnectionFactory connections, ReactiveStringRedisTemplate redis, RedisKeys prefix, JsonMapper json) {
        this.channels = prefix.key("queue:admitted:");
        this.noticeChannels = prefix.key("queue:notice:");
        this.json = json;
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
            join(waiting, waiter, news);
            return news.asMono().doFinally(signal -> leave(waiting, waiter, news));
        });
    }

    /**
     * Tells the user's open streams of the event, on every instance, {@code event} with {@code data}
     * (written as JSON). A failure is logged only: the notice is a push, not the record.
     */
    public Mono<Void> notify(long eventId, long userId, String event, Map<String, Object> data) {
        return Mono.fromCallable(() -> json.writeValueAsString(new Envelope(userId, event, data)))
            .flatMap(message -> redis.convertAndSend(noticeChannels + eventId, message))
            .onErrorResume(e -> {
                log.debug("Telling user {} of event {} about {} failed: {}", userId, eventId, event, e.toString());
                return Mono.empty();
            })
            .then();
    }

    /** The notices to this user's streams of this event from now on, until the subscriber leaves. */
    public Flux<Notice> notices(long eventId, long userId) {
        return Flux.defer(() -> {
            // Notices are the event's, whichever of its lines the stream waits in.
            Recipient recipient = new Recipient(eventId, userId);
            Sinks.Many<Notice> news = Sinks.many().unicast().onBackpressureBuffer();
            join(listeners, recipient, news);
            return news.asFlux().doFinally(signal -> leave(listeners, recipient, news));
        });
    }

    /** The stream's sink waits for news of its waiter; the waiter's entry goes with their last stream's. */
    private static <K, S> void join(Map<K, Set<S>> streamsOf, K waiter, S sink) {
        streamsOf.compute(waiter, (w, sinks) -> {
            Set<S> streams = sinks == null ? new CopyOnWriteArraySet<>() : sinks;
            streams.add(sink);
            return streams;
        });
    }

    private static <K, S> void leave(Map<K, Set<S>> streamsOf, K waiter, S sink) {
        streamsOf.computeIfPresent(waiter, (w, sinks) -> {
            sinks.remove(sink);
            return sinks.isEmpty() ? null : sinks;
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
        listening = Flux.defer(() -> container.receiveLater(PatternTopic.of(channels + "*"), PatternTopic.of(noticeChannels + "*")))
            .doOnNext(messages -> subscribed.tryEmitEmpty())
            .flatMap(messages -> messages)
            .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofSeconds(1)).maxBackoff(Duration.ofSeconds(10)))
            .subscribe(message -> {
                if (message.getChannel().startsWith(noticeChannels)) {
                    tell(message.getChannel(), message.getMessage());
                }
                else {
                    deliver(message.getChannel(), message.getMessage());
                }
            });
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

    private void tell(String channel, String message) {
        try {
            long eventId = Long.parseLong(channel.substring(noticeChannels.length()));
            Envelope notice = json.readValue(message, Envelope.class);
            Set<Sinks.Many<Notice>> streams = listeners.get(new Recipient(eventId, notice.userId()));
            if (streams != null) {
                streams.forEach(stream -> stream.tryEmitNext(new Notice(notice.event(), notice.data())));
            }
        }
        catch (RuntimeException e) {
            // A message this version cannot read (a newer instance's, say) is dropped: it was only a push.
            log.debug("Dropped a notice on {} that could not be read: {}", channel, e.toString());
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

    /** Whose admission from which line a stream waits for. */
    private record Waiter(Room line, long userId) {
    }

    /** Whose notices of which event a stream listens for. */
    private record Recipient(long eventId, long userId) {
    }

    /** What a notice channel carries: the user it is for, the stream event to send and its data. */
    private record Envelope(long userId, String event, Map<String, Object> data) {
    }

    /** News for one user's streams: sent as the stream event {@code event} with {@code data}. */
    public record Notice(String event, Map<String, Object> data) {
    }
}
