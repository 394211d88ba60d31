package io.ticketing.user;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

import reactor.core.publisher.Mono;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import io.ticketing.system.Guards;
import io.ticketing.system.Problems;

@Service
class UserService {

    /** BCrypt only looks at the first 72 bytes; longer passwords would silently be truncated. */
    private static final int MAX_PASSWORD_BYTES = 72;

    private final UserRepository users;
    private final PasswordHasher hasher;
    private final TokenIssuer tokens;
    private final Clock clock;
    private final Guards guards;
    private final FailedSignIns failures;

    UserService(UserRepository users, PasswordHasher hasher, TokenIssuer tokens, Clock clock, Guards guards, FailedSignIns failures) {
        this.guards = guards;
        this.failures = failures;
        this.users = users;
        this.hasher = hasher;
        this.tokens = tokens;
        this.clock = clock;
    }

    Mono<User> register(String email, String name, String password, Role role) {
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            return Mono.error(Problems.badRequest("password must be at most " + MAX_PASSWORD_BYTES + " bytes long"));
        }
        String normalized = normalize(email);
        // The lookup spares a hash for the common duplicate; the unique key still settles races.
        return guards.database(users.existsByEmail(normalized))
            .flatMap(exists -> exists ? Mono.error(duplicate()) : hasher.hash(password))
            .flatMap(hash -> guards.database(users.insert(normalized, name.strip(), hash, role, clock.instant().truncatedTo(ChronoUnit.MICROS))))
            .onErrorMap(DuplicateKeyException.class, e -> duplicate());
    }

    /** Refuses at once, before any database or hashing work, while wrong passwords have this account waiting. */
    Mono<TokenIssuer.TokenResponse> signIn(String email, String password) {
        String account = normalize(email);
        return failures.check(account)
            .then(guards.database(users.findByEmail(account)))
            .flatMap(user -> hasher.matches(password, user.passwordHash())
                .filter(Boolean::booleanValue)
                .map(ok -> user))
            .switchIfEmpty(Mono.defer(() -> hasher.rejectAfterDecoyCheck(password)).then(Mono.empty()))
            .map(tokens::issue)
            .flatMap(token -> failures.succeeded(account).thenReturn(token))
            .switchIfEmpty(Mono.defer(() -> failures.failed(account)
                .then(Mono.error(Problems.of(HttpStatus.UNAUTHORIZED, "invalid-credentials", "Email or password is wrong")))));
    }

    Mono<User> find(long id) {
        return guards.database(users.findById(id))
            .switchIfEmpty(Mono.error(() -> Problems.of(HttpStatus.UNAUTHORIZED, "unauthorized", "This account no longer exists")));
    }

    Mono<Boolean> exists(String email) {
        return guards.database(users.existsByEmail(normalize(email)));
    }

    /** The one spelling of an email that accounts, sign-in limits and slow-downs are kept under. */
    static String normalize(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }

    private static RuntimeException duplicate() {
        return Problems.conflict("email-taken", "An account with this email already exists");
    }
}
