package io.cloudscale.cli;

/**
 * Library logs (docker-java, the Azure SDKs) go to stderr through slf4j-simple, quiet unless the
 * operator asks with -v. Must run before the first logger is created.
 */
final class Logging {

    private static final String LEVEL = "org.slf4j.simpleLogger.defaultLogLevel";

    private Logging() {
    }

    static void configureDefaults() {
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
        System.setProperty(LEVEL, "error");
    }

    static void verbosity(int level) {
        System.setProperty(LEVEL, switch (level) {
            case -1 -> "off";
            case 0 -> "error";
            case 1 -> "info";
            case 2 -> "debug";
            default -> "trace";
        });
    }
}
