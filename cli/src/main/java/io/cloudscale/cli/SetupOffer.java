package io.cloudscale.cli;

import io.cloudscale.cli.commands.OffersSetup;
import io.cloudscale.cli.commands.SetupWorkflow;
import io.cloudscale.core.CloudscaleException;
import io.cloudscale.core.ExitCode;
import io.cloudscale.stack.setup.SetupPurpose;
import java.util.List;
import picocli.CommandLine;

/**
 * Runs the command; when one that offers setup finds no engine and a person is at the terminal, offers to make the
 * machine ready (setup shows its plan and asks again before it changes anything), then runs the command once more.
 */
final class SetupOffer {

    private SetupOffer() {
    }

    static int execute(Session session, CommandLine.ParseResult parseResult) {
        try {
            return new CommandLine.RunLast().execute(parseResult);
        } catch (CommandLine.ExecutionException e) {
            if (!(e.getCause() instanceof CloudscaleException.Unreachable unreachable) || !unreachable.noEngine()
                    || !offersSetup(parseResult) || !session.context().stdinIsTerminal() || session.json()) {
                throw e;
            }
            session.printer().error("cloudscale: " + unreachable.getMessage());
            boolean accepted = YesNo.ask(session.context(), "Make this machine ready with `cloudscale setup` now (it shows its plan first)?")
                    .orElse(false);
            if (!accepted) {
                throw e;
            }
            int setup = new SetupWorkflow(session).run(SetupPurpose.STACK, false, false);
            if (setup != ExitCode.HEALTHY.code()) {
                return setup;
            }
            session.printer().progress("this machine is ready; running the command again");
            return new CommandLine.RunLast().execute(parseResult);
        }
    }

    private static boolean offersSetup(CommandLine.ParseResult parseResult) {
        List<CommandLine> commands = parseResult.asCommandLineList();
        return commands.getLast().getCommand() instanceof OffersSetup;
    }
}
