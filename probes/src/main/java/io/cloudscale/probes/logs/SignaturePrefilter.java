package io.cloudscale.probes.logs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Decides from the literals a line contains whether any signature's pattern could match it: a line
 * lacking one required literal of every pattern is matched by none, so the regular expressions (and
 * decoding, and timestamps) are spent only on the few lines that could match, and on those only
 * the patterns whose literals are all there are tried. Never rejects a line a pattern matches; a
 * pattern with no required literal lets every line through.
 */
final class SignaturePrefilter {

    private final LiteralSearch search;
    /** Per pattern, the literals it requires. */
    private final List<long[]> required;
    private final boolean everyLine;

    private SignaturePrefilter(LiteralSearch search, List<long[]> required, boolean everyLine) {
        this.search = search;
        this.required = required;
        this.everyLine = everyLine;
    }

    static SignaturePrefilter of(List<Signature> signatures) {
        Map<String, Integer> ids = new LinkedHashMap<>();
        List<List<String>> perPattern = new ArrayList<>();
        boolean everyLine = false;
        for (Signature signature : signatures) {
            for (Pattern pattern : signature.patterns()) {
                List<String> literals = RequiredLiterals.of(pattern).stream()
                        .map(literal -> literal.toLowerCase(java.util.Locale.ROOT)).distinct().toList();
                everyLine |= literals.isEmpty();
                literals.forEach(literal -> ids.putIfAbsent(literal, ids.size()));
                perPattern.add(literals);
            }
        }
        LiteralSearch search = new LiteralSearch(List.copyOf(ids.keySet()));
        List<long[]> required = new ArrayList<>();
        for (List<String> literals : perPattern) {
            long[] set = new long[search.words()];
            for (String literal : literals) {
                int id = ids.get(literal);
                set[id >>> 6] |= 1L << id;
            }
            required.add(set);
        }
        return new SignaturePrefilter(search, List.copyOf(required), everyLine);
    }

    LiteralSearch search() {
        return search;
    }

    /** Whether a line holding the literals in {@code found} may match a pattern. */
    boolean mayMatch(long[] found) {
        if (everyLine) {
            return true;
        }
        if (isEmpty(found)) { // most lines: every pattern requires at least one literal
            return false;
        }
        for (long[] set : required) {
            if (containsAll(found, set)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a line holding the literals in {@code found} may match the signatures' {@code pattern}-th pattern, counted across them in order. */
    boolean mayMatch(int pattern, long[] found) {
        return containsAll(found, required.get(pattern));
    }

    /** The literals in a decoded line. */
    long[] literalsIn(CharSequence line) {
        long[] found = new long[search.words()];
        search.search(line, found);
        return found;
    }

    static boolean isEmpty(long[] found) {
        for (long word : found) {
            if (word != 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean containsAll(long[] found, long[] set) {
        for (int w = 0; w < set.length; w++) {
            if ((found[w] & set[w]) != set[w]) {
                return false;
            }
        }
        return true;
    }
}
