package io.cloudscale.probes.logs;

import java.util.List;

/** Signatures found in one source; {@code complete} is false when the stream was cut at its deadline. */
public record LogScanReport(String source, long linesRead, boolean complete, List<SignatureMatch> matches) {

    public boolean anyFound() {
        return !matches.isEmpty();
    }

    public java.util.Optional<SignatureMatch> match(String signature) {
        return matches.stream().filter(match -> match.signature().equals(signature)).findFirst();
    }

    public boolean has(String signature) {
        return match(signature).isPresent();
    }

    /**
     * Found, and not undone since: its last line comes after the last line of {@code undoneBy} (a
     * circuit that opened and closed again is not open now). Without timestamps to compare, found is current.
     */
    public boolean current(String signature, String undoneBy) {
        return match(signature).map(found -> match(undoneBy)
                        .map(undo -> found.lastSeen() == null || undo.lastSeen() == null || found.lastSeen().isAfter(undo.lastSeen()))
                        .orElse(true))
                .orElse(false);
    }

    /** Found with a line at or after {@code since}; without timestamps, found at all. */
    public boolean seenSince(String signature, java.time.Instant since) {
        return match(signature).map(found -> found.lastSeen() == null || !found.lastSeen().isBefore(since)).orElse(false);
    }
}
