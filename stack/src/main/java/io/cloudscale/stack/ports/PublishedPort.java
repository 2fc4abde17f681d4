package io.cloudscale.stack.ports;

/**
 * A host port the stack publishes, as its compose file declares it. {@code variable} is set when
 * the host side is written `${VAR:-default}`, which is what makes a remap through .env possible.
 */
public record PublishedPort(String service, int hostPort, int containerPort, String variable, String file) {

    public boolean remappable() {
        return variable != null;
    }
}
