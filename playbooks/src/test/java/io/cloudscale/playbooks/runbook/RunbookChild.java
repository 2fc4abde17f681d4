package io.cloudscale.playbooks.runbook;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** Runs a runbook file with --yes and --allow-shell in a child JVM, journalling into {@code args[0]}, until done or killed. */
public final class RunbookChild {

    public static void main(String[] args) {
        RunbookReader.Result loaded = RunbookCatalog.load(args[1]);
        if (!loaded.valid()) {
            throw new IllegalArgumentException(loaded.problems().toString());
        }
        RunbookEngine engine = new RunbookEngine((probe, window) -> {
            throw new UnsupportedOperationException("no probes here");
        }, null, question -> Optional.empty(), (runbook, step) -> { },
                new RunbookEngine.Options(false, true, true, Path.of(args[0])), Map.of());
        System.exit(engine.run(loaded.runbook(), Map.of()).passed() ? 0 : 1);
    }
}
