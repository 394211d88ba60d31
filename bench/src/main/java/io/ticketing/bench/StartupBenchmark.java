package io.ticketing.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Start-up as the image runs the service: the packaged jar's layers copied into one directory,
 * the CDS training run of the Dockerfile (with Redis and MySQL unreachable, as in an image build),
 * then start-ups to readiness against the real MariaDB and Redis without and with the archive,
 * alternating, after one discarded round that fills the page cache.
 */
public final class StartupBenchmark {

    private static final Pattern STARTED = Pattern.compile("Started TicketingApplication in ([0-9.]+) seconds \\(process running for ([0-9.]+)\\)");

    private StartupBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = Bench.intProperty("bench.starts", 5);
        Bench.header("Start-up without and with the image's CDS archive, " + rounds + " starts each",
            "bench/run startup -Dbench.starts=" + rounds);
        Path image = Image.extract(Files.createTempDirectory("ticketing-image-"));
        Image.train(image);

        Map<String, Object> settings = new HashMap<>(Bench.BENCH_SERVICE);
        // Boot's own start-up line is at INFO; everything else stays at the benchmarks' WARN.
        settings.put("logging.level.io.ticketing.TicketingApplication", "INFO");
        Map<String, List<Start>> starts = Map.of("plain", new ArrayList<>(), "cds", new ArrayList<>());
        for (int round = 0; round <= rounds; round++) {
            for (String variant : List.of("plain", "cds")) {
                List<String> options = variant.equals("cds") ? List.of("-XX:SharedArchiveFile=" + Image.ARCHIVE) : List.of();
                Start start = start(image, variant, options, settings);
                System.out.printf("round %d %-5s started in %.2f s (JVM running %.2f s), ready after %.2f s, %.2f CPU-s%n",
                    round, variant, start.startedIn(), start.jvmRunning(), start.ready(), start.cpuSeconds());
                if (round > 0) {
                    starts.get(variant).add(start);
                }
            }
        }
        System.out.printf("%n%-28s %12s %14s %12s %10s%n", "median of " + rounds + " (round 0 discarded)", "started s", "JVM running s",
            "ready s", "CPU-s");
        for (String variant : List.of("plain", "cds")) {
            List<Start> of = starts.get(variant);
            System.out.printf("%-28s %12.2f %14.2f %12.2f %10.2f%n", variant.equals("cds") ? "with the CDS archive" : "without",
                median(of.stream().map(Start::startedIn)), median(of.stream().map(Start::jvmRunning)),
                median(of.stream().map(Start::ready)), median(of.stream().map(Start::cpuSeconds)));
        }
    }

    private static Start start(Path image, String variant, List<String> options, Map<String, Object> settings)
        throws IOException, InterruptedException {
        long began = System.nanoTime();
        try (ServiceProcess service = ServiceProcess.image("startup-" + variant, image, options, settings)) {
            double ready = (System.nanoTime() - began) / 1e9;
            double cpu = Proc.processTicks(Files.readString(Path.of("/proc", Long.toString(service.pid()), "stat")))
                / (double) Proc.TICKS_PER_SECOND;
            Matcher started = STARTED.matcher(Files.readString(service.log()));
            if (!started.find()) {
                throw new IllegalStateException("No start-up line in " + service.log());
            }
            Start start = new Start(Double.parseDouble(started.group(1)), Double.parseDouble(started.group(2)), ready, cpu);
            service.terminate();
            return start;
        }
    }

    private record Start(double startedIn, double jvmRunning, double ready, double cpuSeconds) {
    }

    private static double median(Stream<Double> values) {
        List<Double> sorted = values.sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

}
