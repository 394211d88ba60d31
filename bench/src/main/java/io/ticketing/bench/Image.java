package io.ticketing.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** The service laid out as the Dockerfile lays it out, and the Dockerfile's CDS training run. */
public final class Image {

    /** The archive the training run writes and the image starts with. */
    public static final String ARCHIVE = "ticketing.jsa";

    /** From the repository's root (bench/run) or from this module's directory (its tests). */
    private static final Path JAR = Stream.of(Path.of("app", "target", "ticketing.jar"), Path.of("..", "app", "target", "ticketing.jar"))
        .filter(Files::exists).findFirst().orElse(Path.of("app", "target", "ticketing.jar"));
    private static final List<String> LAYERS = List.of("dependencies", "spring-boot-loader", "snapshot-dependencies", "application");

    private Image() {
    }

    /** The jar's layers in one directory under {@code work}, as the Dockerfile copies them; answers that directory. */
    public static Path extract(Path work) throws IOException, InterruptedException {
        if (!Files.exists(JAR)) {
            throw new IllegalStateException(JAR.toAbsolutePath() + " is missing: package the app first (bench/run and ./mvnw verify do)");
        }
        run(List.of(java(), "-Djarmode=tools", "-jar", JAR.toAbsolutePath().toString(), "extract", "--layers", "--destination",
            work.resolve("layers").toString()), Path.of(""), Map.of());
        Path app = Files.createDirectories(work.resolve("app"));
        for (String layer : LAYERS) {
            Path from = work.resolve("layers").resolve(layer);
            if (Files.isDirectory(from)) {
                run(List.of("cp", "-a", from + "/.", app.toString()), Path.of(""), Map.of());
            }
        }
        System.out.println("image layout: " + app);
        return app;
    }

    /** The Dockerfile's training run, with MySQL and Redis unreachable as they are in an image build. */
    public static void train(Path image) throws IOException, InterruptedException {
        List<String> command = List.of(java(), "-XX:ArchiveClassesAtExit=" + ARCHIVE, "-Dspring.context.exit=onRefresh",
            "-Dspring.flyway.enabled=false", "-jar", "ticketing.jar");
        long started = System.nanoTime();
        run(command, image, Map.of("DB_HOST", "unreachable.invalid", "REDIS_HOST", "unreachable.invalid"));
        System.out.printf("training run (DB_HOST and REDIS_HOST unreachable): %s%n  exit 0 after %.1f s, archive %d MiB%n%n",
            String.join(" ", command), (System.nanoTime() - started) / 1e9, Files.size(image.resolve(ARCHIVE)) / (1024 * 1024));
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static void run(List<String> command, Path directory, Map<String, String> environment) throws IOException, InterruptedException {
        Path output = Files.createTempFile("ticketing-startup-", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        if (!directory.toString().isEmpty()) {
            builder.directory(directory.toFile());
        }
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " failed; see " + output);
        }
    }
}
