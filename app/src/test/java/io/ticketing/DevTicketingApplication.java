package io.ticketing;

import org.springframework.boot.SpringApplication;

/**
 * The service as a developer runs it, {@code ./mvnw -pl app spring-boot:test-run}: the same
 * application, plus an embedded MariaDB and Redis wherever nothing answers on the configured
 * addresses ({@link DevServices}). On the test classpath only, with the embedded servers, so
 * neither the service's jar nor its image can start them.
 */
public final class DevTicketingApplication {

    private DevTicketingApplication() {
    }

    public static void main(String[] args) {
        SpringApplication.withHook(application -> new DevServices(), () -> TicketingApplication.main(args));
    }
}
