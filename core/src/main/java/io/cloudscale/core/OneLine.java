package io.cloudscale.core;

/**
 * A value from a file or the operator, made fit to quote in a one-line message: line breaks and other
 * control characters shown escaped (a YAML string may hold any), and a long value cut.
 */
public final class OneLine {

    /** Enough to recognise a value; a message is read on a terminal line. */
    static final int MAX_CHARS = 80;

    private OneLine() {
    }

    public static String of(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder text = new StringBuilder(Math.min(value.length(), MAX_CHARS) + 8);
        int i = 0;
        for (; i < value.length() && text.length() < MAX_CHARS; i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                case '\t' -> text.append("\\t");
                default -> {
                    if (Character.isISOControl(c) || Character.getType(c) == Character.LINE_SEPARATOR
                            || Character.getType(c) == Character.PARAGRAPH_SEPARATOR) {
                        text.append("\\u%04x".formatted((int) c));
                    } else {
                        text.append(c);
                    }
                }
            }
        }
        return i < value.length() ? text.append('…').toString() : text.toString();
    }
}
