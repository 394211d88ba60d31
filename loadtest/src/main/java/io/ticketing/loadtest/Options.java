package io.ticketing.loadtest;

import java.util.HashMap;
import java.util.Map;

/**
 * {@code --name value} command-line options, falling back to system properties ({@code -Dname=})
 * and then to the given default (a blank value counts as unset), so the same knob works from the
 * run script, Maven, the Gatling simulations and an IDE.
 */
final class Options {

    private final Map<String, String> values = new HashMap<>();

    Options(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 == args.length) {
                throw new IllegalArgumentException("Expected --name value pairs, got: " + String.join(" ", args));
            }
            values.put(args[i].substring(2), args[++i]);
        }
    }

    String string(String name, String fallback) {
        String value = values.getOrDefault(name, System.getProperty(name));
        return value == null || value.isBlank() ? fallback : value;
    }

    long number(String name, long fallback) {
        String value = string(name, null);
        try {
            return value == null ? fallback : Long.parseLong(value.replace("_", "").replace(",", ""));
        }
        catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a whole number, got " + value);
        }
    }

    /** JDBC URL of the service's database (the same defaults as the service). */
    String dbUrl() {
        Map<String, String> env = System.getenv();
        return string("db-url", "jdbc:mysql://" + env.getOrDefault("DB_HOST", "127.0.0.1") + ":" + env.getOrDefault("DB_PORT", "3306") + "/"
            + env.getOrDefault("DB_NAME", "ticketing"));
    }

    String dbUser() {
        return string("db-user", System.getenv().getOrDefault("DB_USER", "root"));
    }

    String dbPassword() {
        return string("db-password", System.getenv().getOrDefault("DB_PASSWORD", ""));
    }
}
