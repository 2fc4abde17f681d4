package io.cloudscale.playbooks.runbook;

import io.cloudscale.core.Durations;
import java.util.Locale;

/** A value the operator may give with --set NAME=VALUE: its type, and the default when not given (null: required). */
public record Input(String name, Type type, String defaultValue, String description) {

    public enum Type {
        STRING, INT, NUMBER, BOOL, DURATION, PORT;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Null when the text is a value of this type; otherwise why not. */
    public String reject(String text) {
        try {
            switch (type) {
                case INT -> Long.parseLong(text.strip());
                case NUMBER -> Double.parseDouble(text.strip());
                case BOOL -> {
                    if (!text.equals("true") && !text.equals("false")) {
                        return "'" + text + "' is not true or false";
                    }
                }
                case DURATION -> Durations.parse(text);
                case PORT -> {
                    int port = Integer.parseInt(text.strip());
                    if (port < 1 || port > 65535) {
                        return "'" + text + "' is not a port (1-65535)";
                    }
                }
                case STRING -> {
                }
            }
            return null;
        } catch (RuntimeException e) {
            return "'" + text + "' is not " + (type == Type.INT ? "an " : "a ") + type.id();
        }
    }
}
