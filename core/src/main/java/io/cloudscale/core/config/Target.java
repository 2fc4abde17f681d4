package io.cloudscale.core.config;

import java.util.Optional;

/**
 * Where the platform runs, as the settings say: compose on this machine's engine (the default), or a
 * Kubernetes cluster reached through a kubeconfig context, in one namespace. Everything that reads or
 * changes the platform is meant to ask this, not assume compose.
 */
public sealed interface Target permits Target.Compose, Target.Kubernetes {

    /** The compose project on the engine that {@code docker-host} names. */
    record Compose(String project) implements Target {
        @Override
        public String where() {
            return "project " + project;
        }
    }

    /** A cluster: {@code context} empty means the kubeconfig's current context. */
    record Kubernetes(Optional<String> context, String namespace) implements Target {
        @Override
        public String where() {
            return "kubernetes namespace " + namespace + " (" + context.map(name -> "context " + name).orElse("the kubeconfig's current context") + ")";
        }
    }

    /** Where the platform runs, in words, as progress lines say it. */
    String where();

    static Target of(Configuration configuration) {
        return switch (configuration.get(ConfigKey.TARGET)) {
            case "kubernetes" -> new Kubernetes(Optional.of(configuration.get(ConfigKey.CONTEXT)).filter(context -> !context.isBlank()),
                    configuration.get(ConfigKey.NAMESPACE));
            case "compose" -> new Compose(configuration.get(ConfigKey.PROJECT));
            default -> throw new IllegalStateException("target not validated: " + configuration.get(ConfigKey.TARGET));
        };
    }
}
