package io.ticketing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * A fresh headless Chromium for each test, on a phone-sized screen, pointed at the service the
 * Spring test started. It is the system's browser and driver (Debian's {@code chromium} and
 * {@code chromium-driver}; {@code CHROMIUM_BIN} and {@code CHROMEDRIVER_BIN} point elsewhere), so
 * nothing is downloaded at test time. Where they are not installed the test is skipped with a
 * message, unless {@code BROWSER_TEST_REQUIRED} is set: CI sets it once it has installed them, so
 * there a missing browser fails instead of passing silently.
 * <p>
 * Screenshots land in {@code target/screenshots/}; a failed test leaves one of the page as it
 * failed, with the browser's console.
 */
public final class Chromium implements BeforeEachCallback, AfterEachCallback {

    private static final Path BINARY = Path.of(Objects.requireNonNullElse(System.getenv("CHROMIUM_BIN"), "/usr/bin/chromium"));
    private static final Path DRIVER = Path.of(Objects.requireNonNullElse(System.getenv("CHROMEDRIVER_BIN"), "/usr/bin/chromedriver"));
    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final int width;
    private final int height;
    private ChromeDriver driver;
    private Path profile;
    private int port;

    /** A browser whose screen is {@code width} × {@code height} CSS pixels, like a phone's. */
    public Chromium(int width, int height) {
        this.width = width;
        this.height = height;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        if (!Files.isExecutable(BINARY) || !Files.isExecutable(DRIVER)) {
            String missing = "the browser test needs Chromium at " + BINARY + " and ChromeDriver at " + DRIVER
                + " (Debian packages chromium and chromium-driver)";
            if (System.getenv("BROWSER_TEST_REQUIRED") != null) {
                Assertions.fail("BROWSER_TEST_REQUIRED is set but " + missing);
            }
            System.err.println("SKIPPED " + context.getDisplayName() + ": " + missing);
            Assumptions.abort(missing);
        }
        port = Integer.parseInt(SpringExtension.getApplicationContext(context).getEnvironment().getRequiredProperty("local.server.port"));
        profile = Files.createTempDirectory("chromium-profile");
        driver = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).usingAnyFreePort().build(),
            options(profile));
    }

    private ChromeOptions options(Path profile) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BINARY.toFile());
        // Running as root needs --no-sandbox; the networking flags stop Chromium calling home on a closed network.
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--lang=en-US", "--user-data-dir=" + profile);
        options.setExperimentalOption("mobileEmulation",
            Map.of("deviceMetrics", Map.of("width", width, "height", height, "pixelRatio", 1.0, "touch", true, "mobile", true)));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        return options;
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        if (driver == null) {
            return;
        }
        try {
            if (context.getExecutionException().isPresent()) {
                String name = context.getRequiredTestClass().getSimpleName() + "-" + context.getRequiredTestMethod().getName() + "-FAILED";
                screenshot(name);
                Files.write(SCREENSHOTS.resolve(name + ".console.txt"), console().stream().map(LogEntry::toString).toList());
            }
        } finally {
            driver.quit();
            driver = null;
            deleteProfile();
        }
    }

    private void deleteProfile() throws IOException {
        try (Stream<Path> files = Files.walk(profile)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    /** The port the service under test listens on. */
    public int servicePort() {
        return port;
    }

    /** Opens a page of the service, e.g. {@code /waiting-room.html?event=7}. */
    public void open(String path) {
        open(port, path);
    }

    /** Opens a page through another port, a proxy's in front of the service, say. */
    public void open(int port, String path) {
        open("localhost", port, path);
    }

    /** Opens a page by another host name than localhost: over plain http, that page is no secure context. */
    public void open(String host, int port, String path) {
        driver.get("http://" + host + ":" + port + path);
    }

    public WebElement byId(String id) {
        return driver.findElement(By.id(id));
    }

    public List<WebElement> all(String cssSelector) {
        return driver.findElements(By.cssSelector(cssSelector));
    }

    public void type(String id, String text) {
        WebElement input = byId(id);
        input.clear();
        input.sendKeys(text);
    }

    public String text(String id) {
        return byId(id).getText();
    }

    /** Waits until the condition answers something other than null or false; fails naming what it waited for. */
    public <T> T waitUntil(String what, Function<WebDriver, T> condition) {
        return waitUntil(what, PATIENCE, condition);
    }

    /** {@link #waitUntil(String, Function)} for longer than usual, for work whose duration is a matter of chance. */
    public <T> T waitUntil(String what, Duration patience, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, patience).withMessage(what).until(condition);
    }

    /** Waits until the page shows the view {@code view-<name>}; a timeout says what the page's alert said by then. */
    public void waitForView(String name) {
        new WebDriverWait(driver, PATIENCE)
            .withMessage(() -> "the page to show the view " + name + " (the alert said: '" + alertText() + "')")
            .until(d -> byId("view-" + name).isDisplayed());
    }

    private String alertText() {
        try {
            return byId("alert").getText();
        } catch (RuntimeException e) {
            return "";
        }
    }

    public <T> T script(String javascript) {
        @SuppressWarnings("unchecked")
        T result = (T) ((JavascriptExecutor) driver).executeScript(javascript);
        return result;
    }

    /** Saves what the screen shows as {@code target/screenshots/<name>.png}; answers the file. */
    public Path screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Path file = SCREENSHOTS.resolve(name + ".png");
        Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), file, StandardCopyOption.REPLACE_EXISTING);
        return file;
    }

    /** What the page wrote to the browser's console so far (uncaught errors included). */
    public List<LogEntry> console() {
        if (driver == null) {
            return List.of();
        }
        return driver.manage().logs().get(LogType.BROWSER).getAll();
    }
}
