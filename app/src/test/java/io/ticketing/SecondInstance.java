package io.ticketing;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/**
 * Another instance of the whole service in the test JVM, on a random port, with the same database
 * and Redis as the test's own context unless {@code settings} says otherwise: what multi-instance,
 * outage and shutdown tests run against.
 */
public final class SecondInstance {

    private SecondInstance() {
    }

    public static ConfigurableApplicationContext start(Environment environment, Map<String, String> settings) {
        return start(environment, settings, application -> { });
    }

    public static ConfigurableApplicationContext start(Environment environment, Map<String, String> settings,
                                                       Consumer<SpringApplication> customizer) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("spring.profiles.active", "test");
        properties.put("server.port", "0");
        for (String name : new String[] {"ticketing.db.host", "ticketing.db.port", "ticketing.db.user", "spring.data.redis.host",
            "spring.data.redis.port", "spring.data.redis.database"}) {
            properties.put(name, environment.getProperty(name));
        }
        properties.put("ticketing.db.password", environment.getProperty("ticketing.db.password", ""));
        properties.put("logging.level.root", "WARN");
        properties.putAll(settings);
        SpringApplication application = new SpringApplication(TicketingApplication.class);
        customizer.accept(application);
        return application.run(properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new));
    }

    /** Where an instance started here (or the suite's own) answers. */
    public static String baseUrl(ConfigurableApplicationContext instance) {
        return "http://127.0.0.1:" + instance.getEnvironment().getRequiredProperty("local.server.port");
    }
}
