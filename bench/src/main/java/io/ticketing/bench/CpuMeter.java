package io.ticketing.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The CPU time the service, MariaDB and Redis processes spend on a measured window, from
 * {@code /proc/<pid>/stat}, with this load generator's own and the rest of the machine's beside
 * them: on a shared machine the rest shows whether anything else took CPU during the window.
 */
public final class CpuMeter {

    /** Pids of the service, mariadbd, redis-server and this JVM, the table's column order; -1 for a process not found. */
    private final long[] pids;

    private CpuMeter(long[] pids) {
        this.pids = pids;
    }

    /**
     * Watches {@code service}, the MariaDB server, the Redis server on the port the service uses,
     * and this JVM; prints which processes those are.
     */
    public static CpuMeter watching(ServiceProcess service, int redisPort) {
        long mariadb = find(comm -> comm.equals("mariadbd"), cmdline -> true);
        long redis = find(comm -> comm.equals("redis-server"), cmdline -> Proc.redisListensOn(cmdline, redisPort));
        CpuMeter meter = new CpuMeter(new long[] {service.pid(), mariadb, redis, ProcessHandle.current().pid()});
        System.out.printf("cpu from /proc/<pid>/stat: service pid %d, mariadbd pid %s, redis-server (port %d) pid %s, generator pid %d%n",
            service.pid(), shown(mariadb), redisPort, shown(redis), ProcessHandle.current().pid());
        return meter;
    }

    /**
     * Runs one measured window between two readings of the CPU times and answers its row of the
     * table; prints that it is done, with the failed calls by status.
     */
    public Measured measure(Supplier<Result> window) {
        Bench.takeErrors();
        long[] before = read();
        Result load = window.get();
        long[] after = read();
        double[] msPerOp = new double[before.length];
        for (int i = 0; i < before.length; i++) {
            msPerOp[i] = before[i] < 0 || after[i] < 0 ? Double.NaN
                : (after[i] - before[i]) * 1000.0 / Proc.TICKS_PER_SECOND / Math.max(1, load.requests());
        }
        Map<Integer, Integer> errors = Bench.takeErrors();
        System.out.printf("measured: %s, %d ops%s%n", load.name(), load.requests(),
            errors.isEmpty() ? "" : ", errors by status (-1 = no response) " + errors);
        return new Measured(load, msPerOp);
    }

    /** Ticks of each watched process (-1 where not found), then the machine's busy ticks less theirs. */
    private long[] read() {
        long[] ticks = new long[pids.length + 1];
        long watched = 0;
        for (int i = 0; i < pids.length; i++) {
            ticks[i] = pids[i] < 0 ? -1 : Proc.processTicks(text(Path.of("/proc", Long.toString(pids[i]), "stat")));
            watched += Math.max(0, ticks[i]);
        }
        ticks[pids.length] = Proc.machineBusyTicks(text(Path.of("/proc/stat")).lines().findFirst().orElseThrow()) - watched;
        return ticks;
    }

    /** The one process whose name and command line match; -1 when there is none, or more than one to choose from. */
    private static long find(Predicate<String> comm, Predicate<String> cmdline) {
        List<Long> found = new ArrayList<>();
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            processes.filter(dir -> dir.getFileName().toString().chars().allMatch(Character::isDigit)).forEach(dir -> {
                try {
                    if (comm.test(Files.readString(dir.resolve("comm")).strip()) && cmdline.test(Files.readString(dir.resolve("cmdline")))) {
                        found.add(Long.parseLong(dir.getFileName().toString()));
                    }
                }
                catch (IOException gone) {
                    // Ended while we looked, or not ours to read: not a server we measure.
                }
            });
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found.size() == 1 ? found.get(0) : -1;
    }

    private static String text(Path file) {
        try {
            return Files.readString(file);
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file + ": did the process end during the window?", e);
        }
    }

    private static String shown(long pid) {
        return pid < 0 ? "not found (its column shows -)" : Long.toString(pid);
    }
}
