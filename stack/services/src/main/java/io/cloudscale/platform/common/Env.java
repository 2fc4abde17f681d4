package io.cloudscale.platform.common;

import java.time.Duration;
import java.util.Map;

/** The service's settings, read from its environment: each with a default, each checked once at start. */
public final class Env {

    /** A setting that cannot be used; the service stops at start rather than run misconfigured. */
    public static final class BadSetting extends RuntimeException {
        public BadSetting(String message) {
            super(message);
        }
    }

    private final Map<String, String> values;

    public Env(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    public static Env system() {
        return new Env(System.getenv());
    }

    public String text(String name, String fallback) {
        String value = values.get(name);
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    public String required(String name) {
        String value = text(name, null);
        if (value == null) {
            throw new BadSetting(name + " is not set");
        }
        return value;
    }

    public int integer(String name, int fallback, int min) {
        String value = text(name, null);
        if (value == null) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value);
            if (parsed < min) {
                throw new BadSetting(name + "=" + value + ": must be at least " + min);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new BadSetting(name + "=" + value + ": not a whole number");
        }
    }

    public Duration millis(String name, long fallbackMillis) {
        return Duration.ofMillis(integer(name, (int) fallbackMillis, 1));
    }

    public boolean flag(String name, boolean fallback) {
        String value = text(name, null);
        if (value == null) {
            return fallback;
        }
        return switch (value.toLowerCase()) {
            case "true", "yes", "1", "on" -> true;
            case "false", "no", "0", "off" -> false;
            default -> throw new BadSetting(name + "=" + value + ": expected true or false");
        };
    }
}
