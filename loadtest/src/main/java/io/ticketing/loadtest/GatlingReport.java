package io.ticketing.loadtest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The statistics table and the errors table of a Gatling HTML report. Gatling 3.15 keeps its
 * figures only in the report (its simulation.log is binary), so the summary reads them from there;
 * the layout is that of the pinned Gatling version.
 */
record GatlingReport(Path index, List<Step> steps, Map<String, Long> errors) {

    /** One request name's line: counts and response times in milliseconds. */
    record Step(String name, long total, long ok, long ko, double perSecond, long min, long p50, long p75, long p95, long p99, long max,
                long mean) {
    }

    private static final Pattern ROW = Pattern.compile(
        "class=\"ellipsed-name\">([^<]*)</span>(.*?)</tr>", Pattern.DOTALL);
    private static final Pattern CELL = Pattern.compile("<td class=\"value [^\"]*col-(\\d+)\">([^<]*)</td>");
    private static final Pattern ERROR = Pattern.compile(
        "<td class=\"error-col-1 total ko\">(.*?)<span class=\"value\"[^>]*>[^<]*</span>\\s*</td>\\s*<td class=\"value error-col-2 total ko\">([\\d,]+)</td>",
        Pattern.DOTALL);

    /** The newest report directory under {@code gatlingDir} whose name starts with {@code prefix}. */
    static Path latest(Path gatlingDir, String prefix) throws IOException {
        try (Stream<Path> dirs = Files.list(gatlingDir)) {
            return dirs.filter(dir -> dir.getFileName().toString().startsWith(prefix) && Files.exists(dir.resolve("index.html")))
                .max(Comparator.comparing(dir -> dir.getFileName().toString()))
                .orElseThrow(() -> new IOException("No Gatling report starting with " + prefix + " in " + gatlingDir));
        }
    }

    static GatlingReport read(Path reportDir) throws IOException {
        Path index = reportDir.resolve("index.html");
        return parse(index, Files.readString(index));
    }

    static GatlingReport parse(Path index, String html) {
        List<Step> steps = new ArrayList<>();
        Matcher row = ROW.matcher(html);
        while (row.find()) {
            Map<Integer, String> cells = new LinkedHashMap<>();
            Matcher cell = CELL.matcher(row.group(2));
            while (cell.find()) {
                cells.put(Integer.parseInt(cell.group(1)), cell.group(2).trim());
            }
            if (cells.size() >= 13) {
                steps.add(new Step(unescape(row.group(1)), whole(cells.get(2)), whole(cells.get(3)), whole(cells.get(4)), decimal(cells.get(6)),
                    whole(cells.get(7)), whole(cells.get(8)), whole(cells.get(9)), whole(cells.get(10)), whole(cells.get(11)), whole(cells.get(12)),
                    whole(cells.get(13))));
            }
        }
        Map<String, Long> errors = new LinkedHashMap<>();
        Matcher error = ERROR.matcher(html);
        while (error.find()) {
            errors.merge(unescape(error.group(1).replaceAll("<[^>]+>", "").trim()), whole(error.group(2)), Long::sum);
        }
        return new GatlingReport(index, steps, errors);
    }

    private static long whole(String value) {
        return value == null || value.isBlank() || value.equals("-") ? 0 : Long.parseLong(value.replace(",", ""));
    }

    private static double decimal(String value) {
        return value == null || value.isBlank() || value.equals("-") ? 0 : Double.parseDouble(value.replace(",", ""));
    }

    private static String unescape(String text) {
        return text.replace("&gt;", ">").replace("&lt;", "<").replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&");
    }
}
