package io.ticketing.loadtest;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import tools.jackson.databind.json.JsonMapper;

/**
 * Two runs of the same scenario side by side, from their summary.json files: the service as
 * designed and the design it replaced, measured one after the other on the same machine.
 * Exits 1 when either run broke an invariant.
 */
public final class Compare {

    private Compare() {
    }

    public static void main(String[] args) throws Exception {
        Options options = new Options(args);
        JsonMapper json = JsonMapper.builder().build();
        List<String> names = new ArrayList<>();
        List<RunSummary.Figures> runs = new ArrayList<>();
        for (String dir : options.string("runs", "").split(",")) {
            names.add(Path.of(dir).getFileName().toString().replaceFirst("^.*-compare-", ""));
            runs.add(json.readValue(Path.of(dir, "summary.json").toFile(), RunSummary.Figures.class));
        }
        System.out.printf("Settings: %s%n%n", runs.get(0).settings());
        System.out.printf("%-34s", "");
        names.forEach(name -> System.out.printf(" %16s", name));
        System.out.println();
        row("reservations confirmed", runs, run -> "%,d".formatted(run.confirmed()));
        row("confirmed per second (whole run)", runs, run -> "%.1f".formatted(run.confirmedPerSecond()));
        row("requests failed", runs, run -> percent(run.step("All Requests")));
        for (String step : List.of("hold seats", "confirm", "enter queue", "sign in")) {
            row(step + " p50 / p95 / p99 ms", runs, run -> latency(run.step(step)));
            row(step + " failed", runs, run -> percent(run.step(step)));
        }
        row("queue wait p50 / p99 s", runs, run -> run.queueWaitMillis().length == 0 ? "-"
            : "%.1f / %.1f".formatted(RunSummary.percentile(run.queueWaitMillis(), 50) / 1000.0,
                RunSummary.percentile(run.queueWaitMillis(), 99) / 1000.0));
        row("invariants", runs, run -> run.invariantsHold() ? "hold" : "VIOLATED");
        if (runs.stream().anyMatch(run -> !run.invariantsHold())) {
            System.exit(1);
        }
    }

    private static void row(String label, List<RunSummary.Figures> runs, Function<RunSummary.Figures, String> value) {
        System.out.printf("%-34s", label);
        runs.forEach(run -> System.out.printf(" %16s", value.apply(run)));
        System.out.println();
    }

    private static String latency(GatlingReport.Step step) {
        return step == null ? "-" : step.p50() + " / " + step.p95() + " / " + step.p99();
    }

    private static String percent(GatlingReport.Step step) {
        return step == null ? "-" : "%.2f%%".formatted(step.total() == 0 ? 0 : 100.0 * step.ko() / step.total());
    }
}
