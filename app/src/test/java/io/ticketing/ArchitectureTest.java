package io.ticketing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * Which package of the service may use which. Features (user, event, bookmark, queue, reservation)
 * build on the shared packages and on the features before them in a sale; shared packages never
 * use a feature, so each can be read, and tested, without the features. The rules name every
 * arrow that exists, no more: a new one is a design decision made here, in the open, and one that
 * disappears is taken out, so the map stays the picture of the code.
 */
class ArchitectureTest {

    private static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
        Map.entry("web", Set.of()),
        Map.entry("config", Set.of()),
        Map.entry("redis", Set.of()),
        Map.entry("resilience", Set.of("web")),
        Map.entry("security", Set.of("web")),
        Map.entry("ratelimit", Set.of("web", "resilience", "redis", "config")),
        Map.entry("user", Set.of("web", "security", "ratelimit", "resilience", "redis", "config")),
        Map.entry("event", Set.of("web", "resilience", "redis")),
        Map.entry("bookmark", Set.of("web", "resilience")),
        // The door keys its challenges from the JWT secret (security); the queue asks it at every entry.
        Map.entry("door", Set.of("security")),
        // An entry with an access code redeems it (lane), and a lane's line admits by the lane's window and seats.
        Map.entry("queue", Set.of("web", "security", "ratelimit", "resilience", "redis", "config", "event", "door", "lane")),
        // Lanes key their access codes from the JWT secret (security) and hash them (config); taking
        // a lane's seats meets a sale's holds on the same rows, and runs again as a deadlock's victim
        // (resilience); returning its unsold seats changes the event's counts (event).
        Map.entry("lane", Set.of("web", "security", "config", "resilience", "event")),
        // A presale lane's holds are taken in the lane's window, not the public sale's.
        Map.entry("reservation", Set.of("web", "ratelimit", "resilience", "config", "event", "queue", "lane")),
        // The operator's console reads every feature's figures and is read by none.
        Map.entry("console", Set.of("web", "resilience", "redis", "config", "event", "queue", "reservation")),
        // The waiting list takes its order from the line and opens when the event sells out; it offers
        // returned seats through the reservations (an offer is one), on a periodic sweep (config).
        Map.entry("waitlist", Set.of("web", "resilience", "config", "event", "queue", "reservation")));

    private static final JavaClasses SERVICE = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("io.ticketing");

    @Test
    void everyPackageUsesExactlyThePackagesTheRulesName() {
        Map<String, Set<String>> used = new TreeMap<>();
        for (JavaClass origin : SERVICE) {
            String from = topPackage(origin);
            if (from == null) {
                continue;
            }
            origin.getDirectDependenciesFromSelf().forEach(dependency -> {
                String to = topPackage(dependency.getTargetClass());
                if (to != null && !to.equals(from)) {
                    used.computeIfAbsent(from, f -> new TreeSet<>()).add(to);
                }
            });
        }
        Map<String, Set<String>> named = new TreeMap<>();
        ALLOWED.forEach((from, targets) -> {
            named.put(from, new TreeSet<>(targets));
            used.putIfAbsent(from, new TreeSet<>());
        });
        assertThat(used).as("package -> the packages it uses").hasToString(named.toString());
    }

    @Test
    void everyPackageIsNamedInTheRules() {
        Set<String> packages = new TreeSet<>();
        SERVICE.forEach(javaClass -> {
            String name = topPackage(javaClass);
            if (name != null) {
                packages.add(name);
            }
        });
        assertThat(ALLOWED.keySet()).containsExactlyInAnyOrderElementsOf(packages);
    }

    @Test
    void noPackagesDependOnEachOtherInACycle() {
        slices().matching("io.ticketing.(*)..").should().beFreeOfCycles().check(SERVICE);
    }

    /** Within a feature too: a sub-package (queue.stream, reservation.hold) builds on its parent, never the other way round as well. */
    @Test
    void noSubPackagesDependOnEachOtherInACycle() {
        slices().matching("io.ticketing.(**)").should().beFreeOfCycles().check(SERVICE);
    }

    /**
     * StepVerifier.withVirtualTime and VirtualTimeScheduler.getOrSet swap Reactor's schedulers for
     * the whole JVM and shut the shared ones down: every interval and timeout of the application
     * contexts that earlier tests left running for later ones stops for good, and a later test
     * fails for a reason it cannot show. Virtual time here is a test's own
     * VirtualTimeScheduler.create(), handed to the code under test.
     */
    @Test
    void noTestSwapsReactorsSchedulersForTheWholeJvm() {
        JavaClasses tests = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS)
            .importPackages("io.ticketing");
        DescribedPredicate<JavaMethodCall> swapsSchedulers = DescribedPredicate.describe("swaps Reactor's schedulers for the JVM",
            call -> call.getTargetOwner().isEquivalentTo(StepVerifier.class) && call.getName().equals("withVirtualTime")
                || call.getTargetOwner().isEquivalentTo(VirtualTimeScheduler.class) && Set.of("getOrSet", "set").contains(call.getName())
                || call.getTargetOwner().isEquivalentTo(Schedulers.class) && call.getName().startsWith("setFactory"));

        noClasses().should().callMethodWhere(swapsSchedulers).check(tests);
    }

    /** The package right under io.ticketing, or null for the application class and for other code. */
    private static String topPackage(JavaClass javaClass) {
        String name = javaClass.getPackageName();
        if (!name.startsWith("io.ticketing.")) {
            return null;
        }
        String rest = name.substring("io.ticketing.".length());
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }
}
