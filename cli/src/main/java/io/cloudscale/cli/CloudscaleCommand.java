package io.cloudscale.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The root command; its subcommands are added by {@link CommandTree}. */
@Command(name = "cloudscale",
        versionProvider = VersionProvider.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        header = "Run, diagnose and repair the CloudScale event platform.",
        description = {"gateway (nginx) -> ingestion-api -> queue -> event-processor -> store (Cosmos DB) -> dashboard",
                "Results go to stdout (text, or versioned JSON with -o json); progress and errors to stderr."},
        footerHeading = "%nConfiguration:%n",
        footer = {"  flag > CLOUDSCALE_* environment > cloudscale.yaml ($CLOUDSCALE_CONFIG, ./, ~/.cloudscale/) > default.",
                "  JSON documents are described in docs/json.md."})
public final class CloudscaleCommand implements Runnable {

    @Mixin
    final GlobalOptions options;

    @Option(names = {"-h", "--help"}, usageHelp = true, scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "Show this help and exit.")
    boolean help;

    @Option(names = "--version", versionHelp = true,
            description = "Tool version, git commit, Java; with -v also the Docker engine's version.")
    boolean version;

    @Spec
    CommandSpec spec;

    CloudscaleCommand(GlobalOptions options) {
        this.options = options;
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "no command given");
    }
}
