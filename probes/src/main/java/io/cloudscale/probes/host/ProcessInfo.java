package io.cloudscale.probes.host;

import java.util.List;

/** A process as /proc shows it: pid, its command line as arguments, and the user it runs as. */
public record ProcessInfo(long pid, List<String> arguments, String user) {

    public String commandLine() {
        return String.join(" ", arguments);
    }

    public String program() {
        if (arguments.isEmpty()) {
            return "?";
        }
        String first = arguments.getFirst();
        return first.substring(first.lastIndexOf('/') + 1);
    }

    /** The value after a flag, for command lines such as docker-proxy's `-host-port 8081`. */
    public java.util.Optional<String> flagValue(String flag) {
        int at = arguments.indexOf(flag);
        return at >= 0 && at + 1 < arguments.size() ? java.util.Optional.of(arguments.get(at + 1)) : java.util.Optional.empty();
    }
}
