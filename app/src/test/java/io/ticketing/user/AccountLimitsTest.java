package io.ticketing.user;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

import io.micrometer.core.instrument.MeterRegistry;

import io.ticketing.IntegrationTest;

/**
 * The sign-in and sign-up limits and the wrong-password slow-down. The test client is on loopback,
 * which is made a trusted proxy here: each test's requests name a client address of their own in
 * X-Forwarded-For, so that no two tests share an address's count; requests without the header come
 * from loopback itself, which stays exempt from the per-address limits.
 */
@TestPropertySource(properties = {
    "ticketing.rate-limits.trusted-proxies=127.0.0.1, 0:0:0:0:0:0:0:1",
    "ticketing.rate-limits.window=1h",
    "ticketing.rate-limits.sign-in-per-account=5",
    "ticketing.rate-limits.sign-in-per-ip=3",
    "ticketing.rate-limits.sign-up-per-ip=2",
    "ticketing.rate-limits.sign-up-per-network=3",
    "ticketing.auth.slow-down.after-failures=3",
    "ticketing.auth.slow-down.account-ceiling=6",
    "ticketing.auth.slow-down.first-delay=30s"})
class AccountLimitsTest extends IntegrationTest {

    private static final String PASSWORD = "password-123";
    private static final String RATE_LIMITED = "urn:ticketing:problem:rate-limited";

    @Autowired
    DatabaseClient sql;

    @Autowired
    ReactiveStringRedisTemplate redis;

    @Autowired
    MeterRegistry meters;

    @Test
    void signInsToOneAccountOverItsLimitAreRefusedWithRetryAfter() {
        String email = registered();
        for (int i = 0; i < 5; i++) {
            assertThat(signIn(email, PASSWORD, null).getStatus().value()).isEqualTo(200);
        }

        EntityExchangeResult<Map> sixth = signIn(email, PASSWORD, null);

        assertThat(rateLimitedFor(sixth)).isBetween(1L, 3600L);
    }

    @Test
    void theAccountLimitCountsEverySpellingOfTheEmail() {
        String email = registered();
        for (String spelling : new String[] {email, email.toUpperCase(), " " + email, email + " ", email.toUpperCase()}) {
            signIn(spelling, PASSWORD, null);
        }

        assertThat(signIn(email, PASSWORD, null).getStatus().value()).isEqualTo(429);
    }

    @Test
    void signInsFromOneAddressOverItsLimitAreRefusedWhateverTheAccount() {
        String client = newAddress();
        for (int i = 0; i < 3; i++) {
            assertThat(signIn(unique("guess") + "@example.com", PASSWORD, client).getStatus().value()).isEqualTo(401);
        }

        EntityExchangeResult<Map> fourth = signIn(unique("guess") + "@example.com", PASSWORD, client);

        assertThat(rateLimitedFor(fourth)).isPositive();
    }

    @Test
    void wrongPasswordsSlowTheAccountDownEvenForTheRightPassword() {
        String email = registered();
        failThrice(email);

        EntityExchangeResult<Map> right = signIn(email, PASSWORD, null);

        assertThat(rateLimitedFor(right)).isBetween(1L, 30L);
    }

    @Test
    void theRightPasswordSignsInOnceTheDelayHasPassed() {
        String email = registered();
        failThrice(email);

        passOnRedisClock(email, Duration.ofSeconds(31));

        EntityExchangeResult<Map> right = signIn(email, PASSWORD, null);
        assertThat(right.getStatus().value()).isEqualTo(200);
        assertThat(right.getResponseBody()).containsKey("accessToken");
    }

    @Test
    void aRightPasswordForgetsTheWrongOnesBeforeIt() {
        String email = registered();
        signIn(email, "wrong-password", null);
        signIn(email, "wrong-password", null);
        assertThat(signIn(email, PASSWORD, null).getStatus().value()).isEqualTo(200);
        signIn(email, "wrong-password", null);

        assertThat(signIn(email, "wrong-password", null).getStatus().value()).isEqualTo(401);
    }

    @Test
    void guessesAtAnUnknownEmailAreSlowedDownLikeAtAnAccount() {
        String nobody = unique("nobody") + "@example.com";
        failThrice(nobody);

        assertThat(signIn(nobody, PASSWORD, null).getStatus().value()).isEqualTo(429);
    }

    @Test
    void signUpsFromOneAddressOverItsLimitAreRefusedAndWriteNothing() {
        String client = newAddress();
        assertThat(signUp(unique("first") + "@example.com", client).getStatus().value()).isEqualTo(201);
        assertThat(signUp(unique("second") + "@example.com", client).getStatus().value()).isEqualTo(201);
        String third = unique("third") + "@example.com";

        EntityExchangeResult<Map> refused = signUp(third, client);

        assertThat(rateLimitedFor(refused)).isPositive();
        assertThat(accounts(third)).isZero();
    }

    @Test
    void behindATrustedProxyTheRightmostUntrustedAddressIsLimited() {
        String client = newAddress();
        // Whatever the client writes on the left, and trusted hops on the right, leave its own address in between.
        assertThat(signUp(unique("a") + "@example.com", newAddress() + ", " + client).getStatus().value()).isEqualTo(201);
        assertThat(signUp(unique("b") + "@example.com", newAddress() + ", " + client + ", 127.0.0.1").getStatus().value()).isEqualTo(201);

        assertThat(signUp(unique("c") + "@example.com", newAddress() + ", " + client).getStatus().value()).isEqualTo(429);
    }

    /** Checks that the answer is a 429 rate-limited problem; answers its Retry-After in seconds. */
    private static long rateLimitedFor(EntityExchangeResult<Map> result) {
        assertThat(result.getStatus().value()).isEqualTo(429);
        assertThat(result.getResponseBody()).containsEntry("type", RATE_LIMITED);
        return Long.parseLong(result.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER));
    }

    @Test
    void anEmailWithAnAccentIsAnotherAccount() {
        String email = registered();

        EntityExchangeResult<Map> accented = signIn(email.replaceFirst("i", "\u00ec"), PASSWORD, null);

        assertThat(accented.getStatus().value()).isEqualTo(401);
    }

    @Test
    void anAccountIsStoredUnderItsCanonicalEmail() {
        String email = unique("stored") + "@example.com";

        EntityExchangeResult<Map> created = signUp(fullWidth(email, 0).toUpperCase(), null);

        assertThat(created.getStatus().value()).isEqualTo(201);
        assertThat(created.getResponseBody()).containsEntry("email", email);
    }

    @Test
    void wrongPasswordsInEverySpellingOfAnEmailCountAgainstTheOneAccount() {
        String email = registered();
        for (int i = 0; i < 3; i++) {
            assertThat(signIn(fullWidth(email, i), "wrong-password", null).getStatus().value()).isEqualTo(401);
        }

        assertThat(signIn(email, PASSWORD, null).getStatus().value()).isEqualTo(429);
    }

    @Test
    void aStrangersWrongPasswordsDoNotKeepTheOwnerOut() {
        String email = registered();
        String stranger = newAddress();
        for (int i = 0; i < 3; i++) {
            signIn(email, "wrong-password", stranger);
        }
        assertThat(signIn(email, "wrong-password", stranger).getStatus().value()).isEqualTo(429);

        assertThat(signIn(email, PASSWORD, newAddress()).getStatus().value()).isEqualTo(200);
    }

    @Test
    void guessesSpreadOverManyAddressesAreSlowedDownPastTheAccountCeiling() {
        String email = registered();
        guessFromSixAddresses(email);

        EntityExchangeResult<Map> fromAnotherAddress = signIn(email, PASSWORD, newAddress());

        assertThat(rateLimitedFor(fromAnotherAddress)).isBetween(1L, 30L);
    }

    @Test
    void anAddressTheOwnerSignedInFromBeforePassesTheAccountCeiling() {
        String email = registered();
        String home = newAddress();
        assertThat(signIn(email, PASSWORD, home).getStatus().value()).isEqualTo(200);
        guessFromSixAddresses(email);

        assertThat(signIn(email, PASSWORD, home).getStatus().value()).isEqualTo(200);
    }

    @Test
    void aWrongPasswordCostsOnePasswordCheckWhetherOrNotTheAccountExists() {
        String email = registered();

        double checks = passwordChecks();
        assertThat(signIn(email, "wrong-password", newAddress()).getStatus().value()).isEqualTo(401);
        double forAnAccount = passwordChecks() - checks;
        assertThat(signIn(unique("nobody") + "@example.com", "wrong-password", newAddress()).getStatus().value()).isEqualTo(401);
        double forNobody = passwordChecks() - checks - forAnAccount;

        assertThat(forAnAccount).isEqualTo(1);
        assertThat(forNobody).isEqualTo(1);
    }

    @Test
    void anIpv6ClientIsCountedByItsNetwork() {
        String network = newAddress().replaceFirst("::[0-9a-f]+$", "::");
        int[] statuses = new int[3];
        for (int i = 0; i < 3; i++) {
            statuses[i] = signUp(unique("v6") + "@example.com", network + Integer.toHexString(i + 1)).getStatus().value();
        }

        assertThat(statuses).containsExactly(201, 201, 429);
    }

    @Test
    void signUpsFromOneNetworkOverItsDailyLimitAreRefused() {
        String site = newAddress().replaceFirst(":[0-9a-f]+::[0-9a-f]+$", ":");
        int[] statuses = new int[4];
        for (int i = 0; i < 4; i++) {
            statuses[i] = signUp(unique("net") + "@example.com", site + Integer.toHexString(i + 1) + "::1").getStatus().value();
        }

        assertThat(statuses).containsExactly(201, 201, 201, 429);
    }

    private double passwordChecks() {
        return meters.get("ticketing.password.checks").counter().count();
    }

    /** Six wrong passwords, one from each of six new addresses: under every address's threshold, at the account's ceiling. */
    private void guessFromSixAddresses(String email) {
        for (int i = 0; i < 6; i++) {
            assertThat(signIn(email, "wrong-password", newAddress()).getStatus().value()).as("guess %d", i).isEqualTo(401);
        }
    }

    /** The email with the character at {@code index} in its full-width form (U+FF01-FF5E), which NFKC maps back. */
    private static String fullWidth(String email, int index) {
        char c = email.charAt(index);
        return email.substring(0, index) + (char) (c + 0xFEE0) + email.substring(index + 1);
    }

    /**
     * As if {@code time} went by since the email's last wrong password: the records are timed by
     * Redis's clock, which a test cannot move, so the records move back instead.
     */
    private void passOnRedisClock(String email, Duration time) {
        String tag = new SignInAttempt(redisKeys, Emails.canonical(email), "any").everywhere().replace(":all", "");
        redis.keys(tag + ":*").filter(key -> !key.endsWith(":known"))
            .flatMap(key -> redis.opsForHash().increment(key, "last", -time.toMillis()))
            .blockLast();
    }

    private void failThrice(String email) {
        for (int i = 0; i < 3; i++) {
            assertThat(signIn(email, "wrong-password", null).getStatus().value()).isEqualTo(401);
        }
    }

    private String registered() {
        String email = unique("limited") + "@example.com";
        assertThat(signUp(email, null).getStatus().value()).isEqualTo(201);
        return email;
    }

    private EntityExchangeResult<Map> signUp(String email, String forwardedFor) {
        return http.post().uri("/api/v1/users").contentType(MediaType.APPLICATION_JSON)
            .headers(headers -> forwarded(headers, forwardedFor))
            .bodyValue(Map.of("email", email, "name", "Someone", "password", PASSWORD))
            .exchange().expectBody(Map.class).returnResult();
    }

    private EntityExchangeResult<Map> signIn(String email, String password, String forwardedFor) {
        return http.post().uri("/api/v1/auth/token").contentType(MediaType.APPLICATION_JSON)
            .headers(headers -> forwarded(headers, forwardedFor))
            .bodyValue(Map.of("email", email, "password", password))
            .exchange().expectBody(Map.class).returnResult();
    }

    private static void forwarded(HttpHeaders headers, String forwardedFor) {
        if (forwardedFor != null) {
            headers.set("X-Forwarded-For", forwardedFor);
        }
    }

    private long accounts(String email) {
        return sql.sql("SELECT COUNT(*) AS n FROM app_user WHERE email = :email").bind("email", email.toLowerCase())
            .map(row -> row.get("n", Long.class)).one().block();
    }

    /** An address of the IPv6 documentation block no other test draws. */
    private static String newAddress() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "2001:db8:%x:%x::%x".formatted(random.nextInt(0x10000), random.nextInt(0x10000), random.nextInt(1, 0x10000));
    }
}
