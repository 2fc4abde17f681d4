package io.cloudscale.cli;

/**
 * Library logs (docker-java, the Azure SDKs, Netty, Reactor) go to stderr through slf4j-simple,
 * silent unless the operator asks with -v (warnings and errors) or -vv (everything): at default
 * verbosity stderr carries only the tool's own lines, and the tool says in its own words what failed.
 * Must run before the first logger is created.
 */
final class Logging {

    private static final String LEVEL = "org.slf4j.simpleLogger.defaultLogLevel";

    private Logging() {
    }

    static void configureDefaults() {
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
        System.setProperty(LEVEL, "off");
    }

    static void verbosity(int level) {
        System.setProperty(LEVEL, switch (level) {
            case -1, 0 -> "off";
            case 1 -> "warn";
            case 2 -> "debug";
            default -> "trace";
        });
    }
}
