package io.cloudscale.cli.commands;

import io.cloudscale.cli.Session;
import io.cloudscale.cli.SessionCommand;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "completion",
        description = {"Print a shell completion script.",
                "bash: source <(cloudscale completion bash)",
                "zsh:  source <(cloudscale completion zsh)"})
public final class CompletionCommand extends SessionCommand implements Callable<Integer> {

    /** zsh runs bash completion scripts once bashcompinit is loaded. */
    private static final String ZSH_PREAMBLE = """
            autoload -U +X compinit && compinit
            autoload -U +X bashcompinit && bashcompinit
            """;

    enum Shell { bash, zsh }

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "SHELL", description = "bash or zsh (default bash).")
    Shell shell = Shell.bash;

    @Override
    public Integer call() {
        String script = AutoComplete.bash("cloudscale", spec.root().commandLine());
        session.context().out().print(shell == Shell.zsh ? ZSH_PREAMBLE + script : script);
        session.context().out().flush();
        return 0;
    }
}
