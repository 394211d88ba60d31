package io.ticketing.user;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * BCrypt on a scheduler of its own. Hashing is deliberately slow CPU work: on the event loop one
 * sign-in would stall every request on that thread, and on the shared parallel scheduler a burst of
 * sign-ins would starve the rest of the service. A small bounded pool keeps cores free for
 * everything else; past its queue callers get a 503 rather than an ever-growing wait.
 */
@Component
class PasswordHasher implements DisposableBean {

    private final BCryptPasswordEncoder encoder;
    private final Scheduler scheduler;
    /** Compared against when the email is unknown, so that a wrong email costs as long as a wrong password. */
    private final Mono<String> decoy;

    PasswordHasher(AuthProperties properties) {
        this.encoder = new BCryptPasswordEncoder(properties.bcryptStrength());
        this.scheduler = Schedulers.newBoundedElastic(properties.hashThreads(), properties.hashQueue(), "password-hash");
        this.decoy = hash("decoy-password-for-timing").cache();
    }

    Mono<String> hash(String rawPassword) {
        return Mono.fromCallable(() -> encoder.encode(rawPassword)).subscribeOn(scheduler);
    }

    Mono<Boolean> matches(String rawPassword, String hash) {
        return Mono.fromCallable(() -> encoder.matches(rawPassword, hash)).subscribeOn(scheduler);
    }

    /** Spends the time a real check would, then says no. */
    Mono<Boolean> rejectAfterDecoyCheck(String rawPassword) {
        return decoy.flatMap(hash -> matches(rawPassword, hash)).thenReturn(false);
    }

    @Override
    public void destroy() {
        scheduler.dispose();
    }
}
