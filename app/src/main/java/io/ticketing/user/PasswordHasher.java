package io.ticketing.user;

import io.ticketing.security.AuthProperties;
import java.util.Optional;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
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
 * everything else; past its queue callers get a 503 rather than an ever-growing wait. Every check
 * is counted ({@code ticketing_password_checks_total}): the hashing capacity sign-ins use.
 */
@Component
class PasswordHasher implements DisposableBean {

    private final BCryptPasswordEncoder encoder;
    private final Scheduler scheduler;
    /** Compared against when the email is unknown, so that a wrong email costs as long as a wrong password. */
    private final Mono<String> decoy;
    private final Counter checks;

    PasswordHasher(AuthProperties properties, MeterRegistry meters) {
        this.encoder = new BCryptPasswordEncoder(properties.bcryptStrength());
        this.scheduler = Schedulers.newBoundedElastic(properties.hashThreads(), properties.hashQueue(), "password-hash");
        this.decoy = hash("decoy-password-for-timing").cache();
        this.checks = Counter.builder("ticketing.password.checks").description("Passwords checked against a hash (BCrypt)").register(meters);
    }

    Mono<String> hash(String rawPassword) {
        return Mono.fromCallable(() -> encoder.encode(rawPassword)).subscribeOn(scheduler);
    }

    Mono<Boolean> matches(String rawPassword, String hash) {
        return Mono.fromCallable(() -> {
            checks.increment();
            return encoder.matches(rawPassword, hash);
        }).subscribeOn(scheduler);
    }

    /**
     * One check, whether or not there is a hash to check against: without one (no such account) the
     * password is checked against the decoy, which costs what a real check costs, and the answer is no.
     */
    Mono<Boolean> matches(String rawPassword, Optional<String> hash) {
        return hash.map(known -> matches(rawPassword, known))
            .orElseGet(() -> decoy.flatMap(decoyHash -> matches(rawPassword, decoyHash)).thenReturn(false));
    }

    @Override
    public void destroy() {
        scheduler.dispose();
    }
}
