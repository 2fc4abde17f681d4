package io.cloudscale.probes.logs;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import io.cloudscale.core.CloudscaleException;

/**
 * A regular expression an operator wrote (a runbook's {@code matches}, {@code logs --grep}), run by
 * RE2/J: matching takes time linear in the text whatever the pattern, so no pattern can hang the
 * tool. What needs backtracking (backreferences, lookaround) is refused when it is read.
 */
public final class OperatorRegex {

    private final Pattern pattern;

    private OperatorRegex(Pattern pattern) {
        this.pattern = pattern;
    }

    /** @param where what the operator called it, for the error: "--grep", "matches:" */
    public static OperatorRegex compile(String source, String where) {
        try {
            return new OperatorRegex(Pattern.compile(source));
        } catch (PatternSyntaxException e) {
            throw new CloudscaleException.Usage(where + " is not a regular expression: " + e.getDescription() + " in '" + source + "'",
                    "the syntax is RE2's: no backreferences or lookaround, which would let a pattern run for ever");
        }
    }

    /** Whether the pattern occurs anywhere in the text. */
    public boolean find(CharSequence text) {
        return pattern.matcher(text).find();
    }

    public String source() {
        return pattern.pattern();
    }
}
