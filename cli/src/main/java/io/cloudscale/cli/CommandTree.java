package io.cloudscale.cli;

import io.cloudscale.cli.commands.CompletionCommand;
import io.cloudscale.cli.commands.ConfigCommand;
import io.cloudscale.cli.commands.DiagnoseCommand;
import io.cloudscale.cli.commands.DoctorCommand;
import io.cloudscale.cli.commands.DownCommand;
import io.cloudscale.cli.commands.DrillCommand;
import io.cloudscale.cli.commands.LoadCommand;
import io.cloudscale.cli.commands.LogsCommand;
import io.cloudscale.cli.commands.PlaybookCommand;
import io.cloudscale.cli.commands.PortsCommand;
import io.cloudscale.cli.commands.ProbeCommand;
import io.cloudscale.cli.commands.SetupCommand;
import io.cloudscale.cli.commands.StackCommand;
import io.cloudscale.cli.commands.StatusCommand;
import io.cloudscale.cli.commands.UpCommand;
import io.cloudscale.cli.commands.WatchCommand;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The subcommands of `cloudscale`, in the order help lists them. Picocli reads a command's whole
 * model by reflection (every option of every nested command: a third of a second on a loaded
 * machine), so only the subcommands the command line names are built; the others are represented by
 * their name, aliases and the lines `--help` shows of them, read from their annotation alone.
 */
final class CommandTree {

    static final List<Class<?>> SUBCOMMANDS = List.of(SetupCommand.class, DoctorCommand.class, UpCommand.class, DownCommand.class,
            StatusCommand.class, WatchCommand.class, DiagnoseCommand.class, ProbeCommand.class, PortsCommand.class,
            LogsCommand.class, ConfigCommand.class, StackCommand.class, DrillCommand.class, LoadCommand.class,
            PlaybookCommand.class, CompletionCommand.class);

    /** Commands that walk the whole tree (a completion script names every option of every command). */
    private static final Set<Class<?>> NEED_EVERYTHING = Set.of(CompletionCommand.class);

    private CommandTree() {
    }

    /** Adds every subcommand: those named anywhere in {@code args} in full, the rest as outlines. */
    static void addSubcommands(CommandLine root, CommandLine.IFactory factory, String... args) {
        Set<String> words = Set.of(Arrays.stream(args).distinct().toArray(String[]::new));
        boolean everything = SUBCOMMANDS.stream().filter(NEED_EVERYTHING::contains).anyMatch(type -> named(type, words));
        for (Class<?> type : SUBCOMMANDS) {
            Command command = type.getAnnotation(Command.class);
            root.addSubcommand(command.name(), everything || named(type, words) ? new CommandLine(type, factory) : outline(command),
                    command.aliases());
        }
    }

    /** Adds every subcommand in full. */
    static void addAllSubcommands(CommandLine root, CommandLine.IFactory factory) {
        for (Class<?> type : SUBCOMMANDS) {
            Command command = type.getAnnotation(Command.class);
            root.addSubcommand(command.name(), new CommandLine(type, factory), command.aliases());
        }
    }

    private static boolean named(Class<?> type, Set<String> words) {
        Command command = type.getAnnotation(Command.class);
        return Stream.concat(Stream.of(command.name()), Arrays.stream(command.aliases())).anyMatch(words::contains);
    }

    /** What the parent's help shows of a command, and nothing it would need to run. */
    private static CommandLine outline(Command command) {
        CommandSpec spec = CommandSpec.create().name(command.name()).aliases(command.aliases());
        spec.usageMessage().header(command.header()).description(command.description()).hidden(command.hidden());
        return new CommandLine(spec);
    }
}
