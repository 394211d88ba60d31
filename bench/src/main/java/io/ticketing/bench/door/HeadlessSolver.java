package io.ticketing.bench.door;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import io.ticketing.testsupport.ProofOfWorkSolver;

/**
 * The buyer's page's solver, {@code pow-worker.js} as the service ships it, running in the system's
 * headless Chromium. The page that starts it is this class's own, served with the worker by a tiny
 * HTTP server on the loopback address: a page from {@code http://127.0.0.1} is a secure context, so
 * the worker has SubtleCrypto as on a buyer's https page. Each solve starts a worker of its own, as
 * the buyer's page does, and is timed from its creation to its answer.
 */
final class HeadlessSolver implements AutoCloseable {

    /** The service's static file, read where bench/run runs: the repository's root. */
    static final Path WORKER = Path.of("app/src/main/resources/static/pow-worker.js");

    private static final Path BINARY = Path.of(Objects.requireNonNullElse(System.getenv("CHROMIUM_BIN"), "/usr/bin/chromium"));
    private static final Path DRIVER = Path.of(Objects.requireNonNullElse(System.getenv("CHROMEDRIVER_BIN"), "/usr/bin/chromedriver"));

    private static final String PAGE = """
        <!doctype html><meta charset="utf-8"><title>pow bench</title>
        <script>
        window.solve = (challenge, bits, engine) => new Promise((resolve, reject) => {
          const started = performance.now();
          const worker = new Worker('pow-worker.js');
          worker.onmessage = (message) => {
            if (message.data.type !== 'solved') return;
            worker.terminate();
            resolve({ counter: message.data.counter, tried: message.data.tried, engine: message.data.engine,
              ms: performance.now() - started });
          };
          worker.onerror = (error) => { worker.terminate(); reject(new Error(error.message)); };
          worker.postMessage({ challenge, bits, engine });
        });
        </script>
        """;

    /** Held here: Selenium warns on every start that it has no DevTools bindings for this Chromium, which it does not need. */
    private static final Logger SELENIUM = Logger.getLogger("org.openqa.selenium");

    private final HttpServer server;
    private final ChromeDriver driver;
    private final Path profile;

    private HeadlessSolver(HttpServer server, ChromeDriver driver, Path profile) {
        this.server = server;
        this.driver = driver;
        this.profile = profile;
    }

    /** Serves the page and the worker, starts Chromium and opens the page. */
    static HeadlessSolver start() throws IOException {
        if (!Files.isExecutable(BINARY) || !Files.isExecutable(DRIVER)) {
            throw new IllegalStateException("bench/run pow needs Chromium at " + BINARY + " and ChromeDriver at " + DRIVER
                + " (Debian packages chromium and chromium-driver; CHROMIUM_BIN and CHROMEDRIVER_BIN point elsewhere)");
        }
        SELENIUM.setLevel(Level.SEVERE);
        byte[] worker = Files.readAllBytes(WORKER);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> reply(exchange, "text/html", PAGE.getBytes(StandardCharsets.UTF_8)));
        server.createContext("/pow-worker.js", exchange -> reply(exchange, "text/javascript", worker));
        server.start();
        Path profile = Files.createTempDirectory("pow-bench-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BINARY.toFile());
        // As the app's browser tests start it: --no-sandbox for root, no calls home on a closed network.
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile);
        ChromeDriver driver = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
            .usingAnyFreePort().build(), options);
        driver.manage().timeouts().scriptTimeout(Duration.ofMinutes(30));
        driver.get("http://127.0.0.1:" + server.getAddress().getPort() + "/");
        return new HeadlessSolver(server, driver, profile);
    }

    private static void reply(HttpExchange exchange, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** The browser's name and version, for the output. */
    String browser() {
        return driver.getCapabilities().getBrowserName() + " " + driver.getCapabilities().getBrowserVersion();
    }

    /** Whether the page has SubtleCrypto, i.e. is a secure context. */
    boolean hasSubtleCrypto() {
        return Boolean.TRUE.equals(driver.executeScript("return window.isSecureContext && !!(window.crypto && window.crypto.subtle)"));
    }

    /** One solve in a fresh worker; {@code engine} "js" forces the worker's pure-JS SHA-256. */
    Solve solve(String challenge, int bits, String engine) {
        Object answer = driver.executeAsyncScript("""
            const done = arguments[arguments.length - 1];
            window.solve(arguments[0], arguments[1], arguments[2]).then(done, (e) => done({ error: String(e) }));
            """, challenge, bits, engine);
        Map<?, ?> result = (Map<?, ?>) answer;
        if (result.get("error") != null) {
            throw new IllegalStateException("the worker failed: " + result.get("error"));
        }
        return new Solve(challenge, bits, result.get("counter").toString(), ((Number) result.get("tried")).longValue(),
            result.get("engine").toString(), ((Number) result.get("ms")).doubleValue());
    }

    /** A solution found in the browser, with the counters tried and the time from the worker's creation. */
    record Solve(String challenge, int bits, String counter, long tried, String engine, double ms) {

        boolean valid() {
            return ProofOfWorkSolver.solves(challenge, counter, bits);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            driver.quit();
        }
        finally {
            server.stop(0);
            try (Stream<Path> files = Files.walk(profile)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }
}
