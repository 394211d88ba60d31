package io.ticketing.user;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import reactor.core.publisher.Mono;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import io.ticketing.resilience.DependencyBreakers;
import io.ticketing.web.Problems;
import io.ticketing.redis.RedisKeys;

@Service
class UserService {

    /** BCrypt only looks at the first 72 bytes; longer passwords would silently be truncated. */
    private static final int MAX_PASSWORD_BYTES = 72;
    /** The column's width; a spelling that normalisation lengthens past it is refused, not cut. */
    private static final int MAX_EMAIL_LENGTH = 254;

    private final UserRepository users;
    private final PasswordHasher hasher;
    private final TokenIssuer tokens;
    private final Clock clock;
    private final DependencyBreakers breakers;
    private final FailedSignIns failures;
    private final RedisKeys prefix;

    UserService(UserRepository users, PasswordHasher hasher, TokenIssuer tokens, Clock clock, DependencyBreakers breakers, FailedSignIns failures, RedisKeys prefix) {
        this.prefix = prefix;
        this.breakers = breakers;
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
        String canonical = Emails.canonical(email);
        if (canonical.length() > MAX_EMAIL_LENGTH) {
            return Mono.error(Problems.badRequest("email must be at most " + MAX_EMAIL_LENGTH + " characters long once normalised"));
        }
        // The lookup spares a hash for the common duplicate; the unique key still settles races.
        return breakers.database(users.existsByEmail(canonical))
            .flatMap(exists -> exists ? Mono.error(duplicate()) : hasher.hash(password))
            .flatMap(hash -> breakers.database(users.insert(canonical, name.strip(), hash, role, clock.instant().truncatedTo(ChronoUnit.MICROS))))
            .onErrorMap(DuplicateKeyException.class, e -> duplicate());
    }

    /**
     * Refuses at once, before any database or hashing work, while wrong passwords have this account
     * waiting at this address ({@link FailedSignIns}). Every answer costs exactly one password check:
     * an unknown email is checked against a decoy, a known one against its own hash and nothing else,
     * so neither the time nor the hashing queue tells whether an account exists.
     *
     * @param account the email's canonical spelling ({@link Emails#canonical}), which the account is found and counted under
     * @param address the client's address as the rate limits count it
     */
    Mono<TokenIssuer.TokenResponse> signIn(String account, String password, String address) {
        SignInAttempt attempt = new SignInAttempt(prefix, account, address);
        return failures.check(attempt)
            .then(breakers.database(users.findByEmail(attempt.account())).map(Optional::of).defaultIfEmpty(Optional.empty()))
            .flatMap(user -> hasher.matches(password, user.map(User::passwordHash))
                .flatMap(right -> right && user.isPresent() ? Mono.just(user.get()) : Mono.empty()))
            .map(tokens::issue)
            .flatMap(token -> failures.succeeded(attempt).thenReturn(token))
            .switchIfEmpty(Mono.defer(() -> failures.failed(attempt)
                .then(Mono.error(Problems.of(HttpStatus.UNAUTHORIZED, "invalid-credentials", "Email or password is wrong")))));
    }

    Mono<User> find(long id) {
        return breakers.database(users.findById(id))
            .switchIfEmpty(Mono.error(() -> Problems.of(HttpStatus.UNAUTHORIZED, "unauthorized", "This account no longer exists")));
    }

    Mono<Boolean> exists(String email) {
        return breakers.database(users.existsByEmail(Emails.canonical(email)));
    }

    private static RuntimeException duplicate() {
        return Problems.conflict("email-taken", "An account with this email already exists");
    }
}
