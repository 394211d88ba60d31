package io.ticketing.user;

import io.ticketing.security.AuthProperties;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;

/**
 * Creates the administrator from {@code ADMIN_EMAIL}/{@code ADMIN_PASSWORD} when it is missing.
 * Runners run on the main thread before the application reports ready, so waiting here is safe
 * and means nobody can reach the API before the admin account exists.
 */
@Component
class AdminAccount implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AdminAccount.class);

    private final UserService users;
    private final AuthProperties properties;

    AdminAccount(UserService users, AuthProperties properties) {
        this.users = users;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) {
        users.exists(properties.adminEmail())
            .filter(exists -> !exists)
            .flatMap(missing -> users.register(properties.adminEmail(), "Administrator", properties.adminPassword(), Role.ADMIN))
            .doOnNext(admin -> log.info("Created administrator account {}", admin.email()))
            // Another instance starting at the same moment may have created it first.
            .onErrorResume(ErrorResponseException.class, e -> e.getStatusCode().value() == 409 ? Mono.empty() : Mono.error(e))
            .block(Duration.ofSeconds(30));
    }
}
