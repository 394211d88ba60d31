import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Run by the app module's build (java CommittedSecrets.java REPOSITORY OUTPUT): collects every
 * secret value committed to the repository (the manifests under deploy/, the application's YAML
 * defaults, string constants of the main code) and writes their SHA-256 digests, one per line, to
 * OUTPUT, which the jar carries for ProductionGuard. Only digests, never the values: the jar is no
 * copy of the committed secrets. Collecting too much only refuses a value no one should use.
 */
class CommittedSecrets {

    /** A name that says it holds a secret, where a kustomization, a manifest or a compose file sets it. */
    private static final String SECRET_NAME = "[A-Za-z0-9_.-]*(?i:password|passwd|secret|token)[A-Za-z0-9_.-]*";
    /** Names that hold the name of a secret, not one. */
    private static final Pattern REFERENCE = Pattern.compile("(?i).*(ref|key|name|store|policy|automountserviceaccounttoken)$");
    /** {@code - NAME=value} (secretGenerator literals, env files) and {@code name: value} (YAML). */
    private static final Pattern ASSIGNMENT = Pattern.compile("^\\s*(?:-\\s*)?(" + SECRET_NAME + ")\\s*[=:]\\s*(.+?)\\s*$");
    /** {@code static final String DEV_ADMIN_PASSWORD = "…"} in Java. */
    private static final Pattern CONSTANT = Pattern.compile("String\\s+(" + SECRET_NAME + ")\\s*=\\s*\"([^\"]*)\"");
    /** {@code ${ADMIN_PASSWORD:admin-password}}: a property's default. */
    private static final Pattern PLACEHOLDER_DEFAULT = Pattern.compile("^\\$\\{[^:}]+:([^}]*)}$");

    public static void main(String[] args) throws IOException {
        Path repository = Path.of(args[0]);
        Path output = Path.of(args[1]);
        Set<String> values = new TreeSet<>();
        for (String required : List.of("deploy", "app/src/main/resources", "app/src/main/java")) {
            if (!Files.isDirectory(repository.resolve(required))) {
                // Fail the build rather than ship a jar that believes nothing was committed.
                throw new IllegalStateException(repository.resolve(required) + " is missing: the committed secrets cannot be collected");
            }
        }
        collect(repository.resolve("deploy"), file -> !file.startsWith("src") && matches(file, ".yaml", ".yml", ".env", ".sh"), ASSIGNMENT, values);
        collect(repository.resolve("app/src/main/resources"), file -> matches(file, ".yaml", ".yml", ".properties"), ASSIGNMENT, values);
        collect(repository.resolve("app/src/main/java"), file -> matches(file, ".java"), CONSTANT, values);

        TreeSet<String> digests = new TreeSet<>();
        values.forEach(value -> digests.add(sha256(value)));
        Files.createDirectories(output.getParent());
        Files.writeString(output, "# SHA-256 of each secret value committed to the repository (app/src/build/CommittedSecrets.java)\n"
            + String.join("\n", digests) + "\n", StandardCharsets.UTF_8);
        System.out.println("CommittedSecrets: " + digests.size() + " committed secret values -> " + output);
    }

    private static void collect(Path root, java.util.function.Predicate<Path> wanted, Pattern pattern, Set<String> values) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            // The predicate sees the path inside root: the checkout itself may lie under any directory (/src in the Dockerfile).
            files.filter(Files::isRegularFile).filter(file -> !root.relativize(file).startsWith("target"))
                .filter(file -> wanted.test(root.relativize(file))).forEach(file -> {
                try {
                    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                        if (line.strip().startsWith("#") || line.strip().startsWith("//")) {
                            continue;
                        }
                        Matcher matcher = pattern.matcher(line);
                        while (matcher.find()) {
                            if (!REFERENCE.matcher(matcher.group(1)).matches()) {
                                value(matcher.group(2)).ifPresent(values::add);
                            }
                        }
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    /** The literal a line assigns, unquoted; none for references, expressions and empty values. */
    private static java.util.Optional<String> value(String raw) {
        String value = raw.replaceFirst("\\s+#.*$", "").strip();
        if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"") || value.startsWith("'") && value.endsWith("'"))) {
            value = value.substring(1, value.length() - 1);
        }
        Matcher placeholder = PLACEHOLDER_DEFAULT.matcher(value);
        if (placeholder.matches()) {
            value = placeholder.group(1);
        }
        if (value.isEmpty() || "$&*{[|>".indexOf(value.charAt(0)) >= 0) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(value);
    }

    private static boolean matches(Path file, String... endings) {
        String name = file.getFileName().toString();
        return Stream.of(endings).anyMatch(name::endsWith);
    }

    static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
