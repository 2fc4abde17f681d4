package io.cloudscale.probes.logs;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Feeds log lines, one at a time, through the signatures: memory stays bounded by the number of
 * signatures, never by the size of the log. Lines the prefilter rules out are only counted.
 */
public final class LogScanner {

    static final int SAMPLES = 3;
    static final int DETAILS = 5;

    /** `docker logs --timestamps` prefix, an ISO instant (Resilience4j events: `...+00:00[Etc/UTC]:`), or logback's `yyyy-MM-dd HH:mm:ss.SSS`. */
    private static final Pattern LEADING_TIME = Pattern.compile(
            "^(?<iso>\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:\\.\\d+)?(?:Z|[+-]\\d{2}:\\d{2}))(?:\\[[^]]+])?:?\\s|^(?<local>\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}(?:[.,]\\d+)?)\\s");
    private static final Pattern JSON_TIME = Pattern.compile("\"time(?:_iso8601|stamp)?\"\\s*:\\s*\"(?<iso>[^\"]+)\"");

    private final List<Signature> signatures;
    private final SignaturePrefilter prefilter;
    private final Map<String, Accumulator> found = new LinkedHashMap<>();
    private long lines;

    public LogScanner(List<Signature> signatures) {
        this(signatures, SignaturePrefilter.of(signatures));
    }

    private LogScanner(List<Signature> signatures, SignaturePrefilter prefilter) {
        this.signatures = List.copyOf(signatures);
        this.prefilter = prefilter;
    }

    /** Tries every pattern on every line: what the prefilter must never change. */
    static LogScanner unfiltered(List<Signature> signatures) {
        return new LogScanner(signatures, null);
    }

    /** The prefilter, for a reader that rules lines out before decoding them; null when unfiltered. */
    SignaturePrefilter prefilter() {
        return prefilter;
    }

    private static final class Accumulator {
        long count;
        Instant first;
        Instant last;
        final Set<String> details = new LinkedHashSet<>();
        final List<String> samples = new ArrayList<>();
    }

    public void accept(String line) {
        lines++;
        long[] literals = prefilter == null ? null : prefilter.literalsIn(line);
        if (literals != null && !prefilter.mayMatch(literals)) {
            return;
        }
        Instant time = null;
        boolean timeParsed = false;
        int firstPattern = 0;
        for (Signature signature : signatures) {
            int first = firstPattern;
            firstPattern += signature.patterns().size();
            Optional<String> detail = signature.match(line, index -> literals == null || prefilter.mayMatch(first + index, literals));
            if (detail.isEmpty()) {
                continue;
            }
            if (!timeParsed) {
                time = timestamp(line).orElse(null);
                timeParsed = true;
            }
            Accumulator seen = found.computeIfAbsent(signature.name(), name -> new Accumulator());
            seen.count++;
            if (time != null) {
                seen.first = seen.first == null || time.isBefore(seen.first) ? time : seen.first;
                seen.last = seen.last == null || time.isAfter(seen.last) ? time : seen.last;
            }
            if (!detail.get().isEmpty() && seen.details.size() < DETAILS) {
                seen.details.add(detail.get());
            }
            if (seen.samples.size() < SAMPLES) {
                seen.samples.add(line.length() > 400 ? line.substring(0, 400) + "…" : line);
            }
        }
    }

    /** Counts a line the prefilter ruled out: it matches no signature. */
    void skip() {
        lines++;
    }

    public long linesRead() {
        return lines;
    }

    public List<SignatureMatch> matches() {
        List<SignatureMatch> matches = new ArrayList<>();
        for (Signature signature : signatures) {
            Accumulator seen = found.get(signature.name());
            if (seen != null) {
                matches.add(new SignatureMatch(signature.name(), signature.meaning(), seen.count, seen.first, seen.last,
                        List.copyOf(seen.details), List.copyOf(seen.samples)));
            }
        }
        return matches;
    }

    static Optional<Instant> timestamp(String line) {
        try {
            Matcher leading = LEADING_TIME.matcher(line);
            if (leading.find()) {
                if (leading.group("iso") != null) {
                    return Optional.of(java.time.OffsetDateTime.parse(leading.group("iso")).toInstant());
                }
                return Optional.of(LocalDateTime.parse(leading.group("local").replace(' ', 'T').replace(',', '.')).toInstant(ZoneOffset.UTC));
            }
            Matcher json = JSON_TIME.matcher(line);
            if (json.find()) {
                return Optional.of(java.time.OffsetDateTime.parse(json.group("iso")).toInstant());
            }
        } catch (DateTimeParseException e) {
            // a line that only looks timestamped
        }
        return Optional.empty();
    }
}
