package io.cloudscale.cli;

import io.cloudscale.core.ExitCode;
import io.cloudscale.core.Secrets;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;

/** Assembles the command tree and its handlers in one place; the only way a CommandLine is made. */
public final class Cli {

    private Cli() {
    }

    /** The whole tree, every command built: for what walks it all (tests, completion). */
    public static CommandLine create(CliContext context) {
        return create(context, null);
    }

    /** The tree a command line needs: the commands {@code args} names built, the others outlined for help. */
    static CommandLine create(CliContext context, String[] args) {
        Secrets.rememberFrom(context.environment());
        GlobalOptions options = new GlobalOptions();
        Session session = new Session(context, options);
        CommandFactory factory = new CommandFactory(session);
        CommandLine commandLine = new CommandLine(CloudscaleCommand.class, factory);
        if (args == null) {
            CommandTree.addAllSubcommands(commandLine, factory);
        } else {
            CommandTree.addSubcommands(commandLine, factory, args);
        }
        commandLine.registerConverter(java.time.Duration.class, new DurationConverter());
        ErrorReporter errors = new ErrorReporter(session);
        commandLine.setExecutionStrategy(parseResult -> {
            Logging.verbosity(options.verbosity());
            return SetupOffer.execute(session, parseResult);
        });
        commandLine.setOut(context.out())
                .setErr(context.err())
                .setParameterExceptionHandler(errors)
                .setExecutionExceptionHandler(errors)
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setUsageHelpAutoWidth(true);
        commandLine.setColorScheme(CommandLine.Help.defaultColorScheme(
                context.stdoutIsTerminal() && !context.environment().containsKey("NO_COLOR")
                        ? CommandLine.Help.Ansi.ON : CommandLine.Help.Ansi.OFF));
        addExitCodes(commandLine);
        return commandLine;
    }

    public static int run(CliContext context, String... args) {
        return create(context, args).execute(args);
    }

    private static void addExitCodes(CommandLine commandLine) {
        Map<String, String> codes = new LinkedHashMap<>();
        for (ExitCode code : ExitCode.values()) {
            codes.put("%d".formatted(code.code()), code.meaning());
        }
        commandLine.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(codes);
        for (CommandLine sub : commandLine.getSubcommands().values()) {
            addExitCodes(sub);
        }
    }
}
