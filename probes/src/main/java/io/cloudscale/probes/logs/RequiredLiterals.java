package io.cloudscale.probes.logs;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The runs of plain ASCII text every match of a regular expression must contain, read from its
 * source: those outside any group, class, optional or repeated part. Conservative by design: what it
 * cannot read with certainty (top-level alternation, inline flags, unusual escapes, Unicode case
 * folding) yields no literal at all, and a pattern without literals is tried on every line.
 */
final class RequiredLiterals {

    /** Shorter runs are common in ordinary text and would only add work to the literal search. */
    static final int SHORTEST = 3;

    /** Escapes that match one character of a class, or nothing (a boundary): they only end a run. */
    private static final String CLASS_ESCAPES = "wWdDsSbBAzZGhHvVRX";
    private static final String CONTROL_ESCAPES = "tnrfae";

    private RequiredLiterals() {
    }

    static List<String> of(Pattern pattern) {
        int flags = pattern.flags();
        if ((flags & (Pattern.COMMENTS | Pattern.CANON_EQ | Pattern.UNICODE_CASE)) != 0) {
            return List.of();
        }
        if ((flags & Pattern.LITERAL) != 0) {
            return ascii(pattern.pattern()) && pattern.pattern().length() >= SHORTEST ? List.of(pattern.pattern()) : List.of();
        }
        return new Reader(pattern.pattern()).read();
    }

    private static boolean ascii(String text) {
        return text.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
    }

    private static final class Reader {
        private final String source;
        private final List<String> runs = new ArrayList<>();
        private final StringBuilder run = new StringBuilder();
        private int at;
        /** The atom just read is the last character of the run, so a quantifier after it takes that character. */
        private boolean lastWasLiteral;

        Reader(String source) {
            this.source = source;
        }

        List<String> read() {
            try {
                while (at < source.length()) {
                    char c = source.charAt(at++);
                    switch (c) {
                        case '\\' -> escape();
                        case '[' -> {
                            endRun();
                            skipClass();
                        }
                        case '(' -> {
                            endRun();
                            skipGroup();
                        }
                        case '|' -> throw new Unreadable();
                        case '.', '^', '$' -> endRun();
                        case '?', '*' -> optional();
                        case '+' -> repeated();
                        case '{' -> bounded();
                        default -> literal(c);
                    }
                }
                endRun();
                return List.copyOf(runs);
            } catch (Unreadable | IndexOutOfBoundsException e) {
                return List.of();
            }
        }

        private void escape() {
            char c = source.charAt(at++);
            if (CONTROL_ESCAPES.indexOf(c) >= 0) {
                endRun();
            } else if (CLASS_ESCAPES.indexOf(c) >= 0) {
                endRun();
            } else if (Character.isLetterOrDigit(c)) {
                throw new Unreadable(); // \x41, \p{L}, \Q..\E, \k<name>, back references: not read here
            } else {
                literal(c);
            }
        }

        private void literal(char c) {
            if (c >= 0x20 && c < 0x7f) {
                run.append(c);
                lastWasLiteral = true;
            } else {
                endRun();
            }
        }

        private void optional() {
            dropLastLiteral();
            endRun();
            skipQuantifierMode();
        }

        private void repeated() {
            endRun();
            skipQuantifierMode();
        }

        private void bounded() {
            int close = source.indexOf('}', at);
            if (close < 0) {
                throw new Unreadable();
            }
            String bounds = source.substring(at, close);
            at = close + 1;
            String least = bounds.contains(",") ? bounds.substring(0, bounds.indexOf(',')) : bounds;
            if (least.isBlank() || Integer.parseInt(least.strip()) == 0) {
                dropLastLiteral();
            }
            endRun();
            skipQuantifierMode();
        }

        private void dropLastLiteral() {
            if (lastWasLiteral && !run.isEmpty()) {
                run.setLength(run.length() - 1);
            }
        }

        /** Lazy (?) and possessive (+) quantifiers change how a match is found, not what it contains. */
        private void skipQuantifierMode() {
            if (at < source.length() && (source.charAt(at) == '?' || source.charAt(at) == '+')) {
                at++;
            }
        }

        private void endRun() {
            if (run.length() >= SHORTEST) {
                runs.add(run.toString());
            }
            run.setLength(0);
            lastWasLiteral = false;
        }

        private void skipClass() {
            if (source.charAt(at) == '^') {
                at++;
            }
            if (source.charAt(at) == ']') {
                at++;
            }
            while (true) {
                char c = source.charAt(at++);
                if (c == '\\') {
                    at++;
                } else if (c == '[') {
                    skipClass();
                } else if (c == ']') {
                    return;
                }
            }
        }

        private void skipGroup() {
            if (source.charAt(at) == '?') {
                char kind = source.charAt(at + 1);
                boolean named = kind == '<' && source.charAt(at + 2) != '=' && source.charAt(at + 2) != '!';
                if (!(kind == ':' || kind == '=' || kind == '!' || kind == '>' || kind == '<' || named)) {
                    throw new Unreadable(); // inline flags such as (?i) change what the rest matches
                }
            }
            int depth = 1;
            while (depth > 0) {
                char c = source.charAt(at++);
                if (c == '\\') {
                    at++;
                } else if (c == '[') {
                    skipClass();
                } else if (c == '(') {
                    depth++;
                } else if (c == ')') {
                    depth--;
                }
            }
        }
    }

    private static final class Unreadable extends RuntimeException {
        Unreadable() {
            super(null, null, false, false);
        }
    }
}
