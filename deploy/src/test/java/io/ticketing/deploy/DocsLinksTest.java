package io.ticketing.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The README is the project's front door and docs/ holds the rest, so a moved page or a renamed
 * heading must not leave a link pointing nowhere. GitHub renders these files, so a link is checked
 * the way GitHub resolves it: relative to the file, and an anchor against the slugs GitHub gives
 * the target's headings. External links are not fetched (the build has no network).
 */
class DocsLinksTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    private static final Pattern LINK = Pattern.compile("!?\\[([^\\]]*)\\]\\(\\s*<?([^)\\s>]+)>?(?:\\s+\"[^\"]*\")?\\s*\\)");
    private static final Pattern HEADING = Pattern.compile("^ {0,3}(#{1,6})\\s+(.*?)\\s*#*\\s*$");
    private static final Pattern CODE_SPAN = Pattern.compile("(`+)(.+?)\\1");
    private static final Pattern FENCE = Pattern.compile("^ {0,3}(```|~~~)");

    @Test
    void theReadmeFitsInTwoHundredLines() throws IOException {
        assertThat(Files.readAllLines(ROOT.resolve("README.md")).size()).as("lines in README.md").isLessThanOrEqualTo(200);
    }

    @Test
    void everyRelativeLinkPointsAtAFileThatExists() {
        List<String> broken = new ArrayList<>();
        for (Link link : links()) {
            if (!link.isExternal() && !link.path().isEmpty() && !Files.exists(link.resolvedPath())) {
                broken.add(link + " (no such file)");
            }
        }
        assertThat(broken).isEmpty();
    }

    @Test
    void everyAnchorNamesAHeadingOfItsPage() {
        List<String> broken = new ArrayList<>();
        for (Link link : links()) {
            if (link.isExternal() || link.anchor() == null) {
                continue;
            }
            Path page = link.path().isEmpty() ? link.from() : link.resolvedPath();
            if (page.toString().endsWith(".md") && Files.isRegularFile(page) && !anchors(page).contains(link.anchor())) {
                broken.add(link + " (headings give " + anchors(page) + ")");
            }
        }
        assertThat(broken).isEmpty();
    }

    @Test
    void everyExternalLinkIsHttps() {
        assertThat(links()).filteredOn(link -> link.target().startsWith("http:")).isEmpty();
    }

    @Test
    void aHeadingsAnchorIsGitHubsSlug() {
        assertThat(slug("The buyer's page")).isEqualTo("the-buyers-page");
        assertThat(slug("Cost per request (issue #16), second day: 2026-11-29"))
                .isEqualTo("cost-per-request-issue-16-second-day-2026-11-29");
        assertThat(slug("`bench/run` and the `max_streams` setting")).isEqualTo("benchrun-and-the-max_streams-setting");
        assertThat(slug("[Failure policy](#failure-policy) — what fails open")).isEqualTo("failure-policy--what-fails-open");
    }

    private static List<Link> links() {
        List<Link> links = new ArrayList<>();
        for (Path file : pages()) {
            for (String line : prose(file)) {
                Matcher m = LINK.matcher(withoutCodeSpans(line));
                while (m.find()) {
                    links.add(new Link(file, m.group(2)));
                }
            }
        }
        return links;
    }

    /** README.md, every page under docs/, and the READMEs of the modules that have them. */
    private static List<Path> pages() {
        List<Path> pages = new ArrayList<>();
        pages.add(ROOT.resolve("README.md"));
        for (String dir : List.of("docs", "loadtest")) {
            Path base = ROOT.resolve(dir);
            if (Files.isDirectory(base)) {
                try (Stream<Path> files = Files.walk(base, dir.equals("docs") ? Integer.MAX_VALUE : 1)) {
                    files.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        pages.add(ROOT.resolve("deploy/README.md"));
        pages.add(ROOT.resolve("infra/README.md"));
        return pages;
    }

    /** The file's lines outside fenced code blocks, where Markdown renders links and headings. */
    private static List<String> prose(Path file) {
        List<String> prose = new ArrayList<>();
        boolean fenced = false;
        try {
            for (String line : Files.readAllLines(file)) {
                if (FENCE.matcher(line).find()) {
                    fenced = !fenced;
                } else if (!fenced) {
                    prose.add(line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return prose;
    }

    /** A code span shows its text literally: brackets inside it are no link, and it may be a link's text. */
    private static String withoutCodeSpans(String line) {
        return CODE_SPAN.matcher(line).replaceAll(m -> "x".repeat(m.group(2).length()));
    }

    private static Set<String> anchors(Path page) {
        Set<String> anchors = new LinkedHashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        for (String line : prose(page)) {
            Matcher m = HEADING.matcher(line);
            if (m.matches()) {
                String slug = slug(m.group(2));
                int n = seen.merge(slug, 1, Integer::sum) - 1;
                anchors.add(n == 0 ? slug : slug + "-" + n);
            }
        }
        return anchors;
    }

    /**
     * GitHub's anchor for a heading: the rendered text (links by their text, code without its
     * backticks) in lower case, everything but letters, digits, spaces, '-' and '_' dropped, and
     * each space a '-'.
     */
    static String slug(String heading) {
        String text = heading.replaceAll("!?\\[([^\\]]*)\\]\\([^)]*\\)", "$1").replaceAll("<[^>]+>", "");
        return text.toLowerCase()
                .replaceAll("[^\\p{L}\\p{N}\\p{M} _-]", "")
                .replace(' ', '-');
    }

    private record Link(Path from, String target) {

        boolean isExternal() {
            return target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*");
        }

        String path() {
            int hash = target.indexOf('#');
            return hash < 0 ? target : target.substring(0, hash);
        }

        String anchor() {
            int hash = target.indexOf('#');
            return hash < 0 ? null : target.substring(hash + 1);
        }

        Path resolvedPath() {
            return from.getParent().resolve(path()).normalize();
        }

        @Override
        public String toString() {
            return ROOT.relativize(from) + ": " + target;
        }
    }
}
