package io.cloudscale.cli;

import io.cloudscale.probes.docker.DockerHost;
import io.cloudscale.cli.render.Printer;
import io.cloudscale.core.config.ConfigKey;
import io.cloudscale.core.config.Configuration;

/**
 * One invocation's resolved state: the context, the global options as parsed, and the configuration
 * they resolve to. Resolved on first use, after parsing, so a bad config value is a usage error.
 */
public final class Session {

    private final CliContext context;
    private final GlobalOptions options;
    private Configuration configuration;
    private Printer printer;

    Session(CliContext context, GlobalOptions options) {
        this.context = context;
        this.options = options;
    }

    public CliContext context() {
        return context;
    }

    public GlobalOptions options() {
        return options;
    }

    public synchronized Configuration configuration() {
        if (configuration == null) {
            configuration = Configuration.resolve(options.flags(), context.environment(),
                    Configuration.locateFile(context.environment(), context.workingDirectory(), context.home()));
        }
        return configuration;
    }

    public String project() {
        return configuration().get(ConfigKey.PROJECT);
    }

    /** Where the platform runs: compose (the default) or a Kubernetes context and namespace. */
    public io.cloudscale.core.config.Target target() {
        return io.cloudscale.core.config.Target.of(configuration());
    }

    /** --stack-dir as given, relative to where the operator runs the tool. */
    public java.nio.file.Path stackDir() {
        return context.workingDirectory().resolve(configuration().get(ConfigKey.STACK_DIR)).normalize();
    }

    /** The stack profile `up` starts when --profile is not given. */
    public String profile() {
        return configuration().get(ConfigKey.PROFILE);
    }

    /** The stack's lifecycle service for this invocation's engine, project, stack folder and journal. */
    public io.cloudscale.stack.lifecycle.StackLifecycle lifecycle() {
        return stackSession().lifecycle();
    }

    /**
     * This invocation's engine, project, stack folder, environment and home, for the services in playbooks that act on
     * the stack through compose: refused on the kubernetes target (see {@link #dockerHost()}).
     */
    public io.cloudscale.playbooks.StackSession stackSession() {
        return session(dockerHost());
    }

    /**
     * The same for what works on either target: what reads the platform (status, logs, probe, diagnose) and runbooks,
     * whose actions act on the target; on kubernetes the engine timeout bounds each call to the API server.
     */
    public io.cloudscale.playbooks.StackSession targetSession() {
        return session(engineHost());
    }

    private io.cloudscale.playbooks.StackSession session(DockerHost host) {
        return new io.cloudscale.playbooks.StackSession(host, target(), project(), stackDir(), context.environment(), context.home(),
                java.time.Clock.systemUTC());
    }

    /** The checks `doctor` runs, for this invocation's engine and project. */
    public io.cloudscale.stack.doctor.EnvironmentDoctor environmentDoctor() {
        return new io.cloudscale.stack.doctor.EnvironmentDoctor(dockerHost(), project(), io.cloudscale.stack.StackPorts.DEFAULT_HOST_PORTS,
                new io.cloudscale.stack.compose.ComposeLocator(new io.cloudscale.probes.process.CommandRunner(),
                        context.home().resolve(".cloudscale").resolve(io.cloudscale.stack.compose.ComposeLocator.CACHE_FILE)),
                new io.cloudscale.probes.host.PortBindTest());
    }

    /** What makes this machine ready, from this invocation's PATH, engine and home. */
    public io.cloudscale.stack.setup.Setup setup() {
        return new io.cloudscale.stack.setup.Setup(context.environment(), dockerHost(), context.home(), this::environmentDoctor,
                java.time.Clock.systemUTC());
    }

    /**
     * The engine of the compose target, for what reads or changes the platform through it. Those commands do not work on
     * a cluster yet: with the kubernetes target they stop here, rather than answer about this machine's compose stack.
     */
    public DockerHost dockerHost() {
        io.cloudscale.core.config.Setting target = configuration().setting(ConfigKey.TARGET);
        if (target() instanceof io.cloudscale.core.config.Target.Kubernetes) {
            throw new io.cloudscale.core.CloudscaleException.Usage("target kubernetes (" + target.origin() + "): this command works on the compose target only so far",
                    "use --target compose (or unset CLOUDSCALE_TARGET); `cloudscale config` shows the target");
        }
        return engineHost();
    }

    /** The stack on the kubernetes target's cluster: each call to its API server within the engine's call deadline. */
    public io.cloudscale.stack.kubernetes.KubernetesStack kubernetesStack(io.cloudscale.core.config.Target.Kubernetes target) {
        return targetSession().kubernetesStack(target);
    }

    /** The engine as configured, whatever the target: what `--version` names. */
    public DockerHost engineHost() {
        java.time.Duration deadline = io.cloudscale.core.Durations.parse(configuration().get(ConfigKey.ENGINE_TIMEOUT));
        if (deadline.isZero()) {
            throw new io.cloudscale.core.CloudscaleException.Usage("engine-timeout must be longer than 0", "for example CLOUDSCALE_ENGINE_TIMEOUT=5s");
        }
        return new DockerHost(configuration().get(ConfigKey.DOCKER_HOST), deadline);
    }

    public synchronized Printer printer() {
        if (printer == null) {
            printer = new Printer(context, json(), color(), options.quiet());
        }
        return printer;
    }

    public boolean json() {
        return "json".equals(configuration().get(ConfigKey.OUTPUT));
    }

    private boolean color() {
        return switch (configuration().get(ConfigKey.COLOR)) {
            case "always" -> true;
            case "never" -> false;
            default -> context.stdoutIsTerminal();
        };
    }
}
