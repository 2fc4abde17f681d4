package io.cloudscale.cli.commands;

import io.cloudscale.cli.Session;
import io.cloudscale.cli.SessionCommand;
import io.cloudscale.cli.render.Printer;
import io.cloudscale.core.Durations;
import io.cloudscale.core.ExitCode;
import io.cloudscale.core.Status;
import io.cloudscale.probes.docker.DockerEngine;
import io.cloudscale.stack.images.BuildProgress;
import io.cloudscale.stack.images.ImageOutcome;
import io.cloudscale.stack.images.ImageRecipe;
import io.cloudscale.stack.images.StackImages;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "stack", description = {"The platform stack's own artefacts."}, subcommands = {StackCommand.Images.class})
public final class StackCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "say `stack images`");
    }

    @Command(name = "images", description = {"Build the images the stack runs, each only when its inputs changed.", "--local makes every base image here from Debian packages with debootstrap (needs root and a Debian mirror; no container registry); without it the Dockerfiles' bases come from the registry. Exit 0 when every image is built or up to date, 1 when one failed."})
    public static final class Images extends SessionCommand implements Callable<Integer> {

        @Parameters(paramLabel = "IMAGE", arity = "0..*", description = "Images to build, e.g. gateway (default: all).")
        List<String> only = List.of();

        @Option(names = "--local", description = "Build base images from Debian packages (air-gapped machines).")
        boolean local;

        @Option(names = "--force", description = "Rebuild even when the inputs are unchanged.")
        boolean force;

        @Override
        public Integer call() {
            Printer printer = session.printer();
            try (DockerEngine engine = DockerEngine.connect(session.dockerHost())) {
                StackImages images = StackImages.inUserCache(engine, session.stackDir(), session.context().home());
                List<ImageOutcome> outcomes = images.build(local, force, new LinkedHashSet<>(only), progress(printer, session.options().verbosity()));
                if (printer.json()) {
                    printer.document("stack-images", outcomes);
                } else {
                    for (ImageOutcome outcome : outcomes) {
                        printer.line(printer.symbol(outcome.ok() ? Status.OK : Status.FAIL) + " " + outcome.image() + "  "
                                + outcome.result().name().toLowerCase().replace('_', ' ') + " in " + Durations.format(outcome.took())
                                + "  " + printer.dim(outcome.detail()));
                    }
                }
                return (outcomes.stream().allMatch(ImageOutcome::ok) ? ExitCode.HEALTHY : ExitCode.PROBLEM).code();
            }
        }
    }

    static BuildProgress progress(Printer printer, int verbosity) {
        return new Progress(printer, verbosity);
    }

    /** One stderr line per stage, the tools' own output only at -v. */
    private record Progress(Printer printer, int verbosity) implements BuildProgress {
        @Override
        public void stage(ImageRecipe image, String stage) {
            printer.progress(image.name() + ": " + stage);
        }

        @Override
        public void output(ImageRecipe image, String line) {
            if (verbosity > 0) {
                printer.progress("  " + image.shortName() + " | " + line);
            }
        }

        @Override
        public void finished(ImageOutcome outcome) {
            if (outcome.result() == ImageOutcome.Result.FAILED) {
                printer.progress(outcome.image() + ": failed: " + outcome.detail());
            }
        }
    }
}
