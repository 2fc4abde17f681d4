package io.cloudscale.probes.docker;

import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Image;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Asks the engine itself whether it can publish a host port, by starting a throw-away container
 * that publishes it. The container's command does not exist on purpose: the engine programs the
 * port before it executes anything, so "port is already allocated" answers the question and
 * nothing ever runs. The container is removed whatever happens.
 */
public final class AllocatorProbe {

    public static final String PROBE_LABEL = "io.cloudscale.probe";

    public enum Outcome { ACCEPTED, REFUSED, UNKNOWN }

    public record Answer(Outcome outcome, String detail) {
    }

    private final DockerEngine engine;

    public AllocatorProbe(DockerEngine engine) {
        this.engine = engine;
    }

    public Answer canPublish(int port) {
        Optional<String> image = anyLocalImage();
        if (image.isEmpty()) {
            return new Answer(Outcome.UNKNOWN, "no local image to start a throw-away container with");
        }
        ExposedPort exposed = ExposedPort.tcp(port);
        Ports bindings = new Ports();
        bindings.bind(exposed, Ports.Binding.bindPort(port));
        String id = engine.client().createContainerCmd(image.get())
                .withName("cloudscale-port-probe-" + port + "-" + ProcessHandle.current().pid())
                .withLabels(Map.of(PROBE_LABEL, "port-allocator", DockerEngine.CREATED_BY_LABEL, "cloudscale ports check --ask-engine"))
                .withEntrypoint("/cloudscale-port-probe-does-not-exist")
                .withExposedPorts(exposed)
                .withHostConfig(HostConfig.newHostConfig().withPortBindings(bindings))
                .exec().getId();
        try {
            engine.client().startContainerCmd(id).exec();
            return new Answer(Outcome.ACCEPTED, "the engine published " + port + " on a throw-away container");
        } catch (DockerException e) {
            String message = e.getMessage() == null ? "" : e.getMessage();
            if (message.contains("port is already allocated") || message.contains("address already in use")) {
                return new Answer(Outcome.REFUSED, firstLine(message));
            }
            if (message.contains("cloudscale-port-probe-does-not-exist")) {
                // the runtime looked for the command, so networking, ports included, was already set up
                return new Answer(Outcome.ACCEPTED, "the engine published " + port + " on a throw-away container");
            }
            return new Answer(Outcome.UNKNOWN, "the throw-away container failed before its port was published: " + firstLine(message));
        } finally {
            engine.client().removeContainerCmd(id).withForce(true).exec();
        }
    }

    private Optional<String> anyLocalImage() {
        List<Image> images = engine.client().listImagesCmd().exec();
        return images.stream()
                .filter(image -> image.getRepoTags() != null && image.getRepoTags().length > 0 && !"<none>:<none>".equals(image.getRepoTags()[0]))
                .min(Comparator.comparingLong(image -> image.getSize() == null ? Long.MAX_VALUE : image.getSize()))
                .map(image -> image.getRepoTags()[0]);
    }

    private static String firstLine(String text) {
        String line = text.lines().findFirst().orElse(text);
        return line.replaceFirst("^Status \\d+: ", "").replaceFirst("^\\{\"message\":\"(.*)\"}$", "$1");
    }
}
