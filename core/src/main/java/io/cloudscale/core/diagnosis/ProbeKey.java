package io.cloudscale.core.diagnosis;

/**
 * A probe's name with the type of what it observes: a tree's question or a cause's prediction names the probe by
 * its key, so the compiler checks that the test fits the observation (no name string and unchecked cast).
 */
public record ProbeKey<T>(String name) {

    public ProbeKey {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a probe needs a name");
        }
    }

    public static <T> ProbeKey<T> of(String name) {
        return new ProbeKey<>(name);
    }

    /** The observation's value, of this key's type: the registry gives a key only to a probe of that type. */
    @SuppressWarnings("unchecked")
    T valueOf(Observation<?> observation) {
        return (T) observation.value();
    }
}
