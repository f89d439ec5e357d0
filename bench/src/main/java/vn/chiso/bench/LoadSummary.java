package vn.chiso.bench;

import java.util.List;
import java.util.Optional;

/** The {@code summary req_s=… p50_ms=… p99_ms=… attack_req_s=…} line that {@link ApiLoad} prints last. */
public record LoadSummary(double requestsPerSecond, double p50Ms, double p99Ms, double attackRequestsPerSecond) {

    /** The summary among a run's output lines, if the load generator got as far as printing it. */
    public static Optional<LoadSummary> find(List<String> lines) {
        return lines.stream()
                .filter(l -> l.startsWith("summary "))
                .reduce((first, last) -> last)
                .map(LoadSummary::parse);
    }

    static LoadSummary parse(String line) {
        return new LoadSummary(
                value(line, "req_s"), value(line, "p50_ms"), value(line, "p99_ms"), value(line, "attack_req_s"));
    }

    private static double value(String line, String key) {
        for (String field : line.split("\\s+")) {
            if (field.startsWith(key + "=")) {
                return Double.parseDouble(field.substring(key.length() + 1));
            }
        }
        throw new IllegalArgumentException("no " + key + " in: " + line);
    }
}
