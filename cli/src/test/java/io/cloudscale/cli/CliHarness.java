package io.cloudscale.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudscale.core.json.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine;

/** Runs the real command tree through picocli's execute() with captured streams and a chosen environment. */
final class CliHarness {

    record Result(int exitCode, String out, String err) {
        JsonNode json() {
            try {
                return Json.mapper().readTree(out);
            } catch (IOException e) {
                throw new UncheckedIOException("stdout is not JSON: " + out, e);
            }
        }
    }

    private final Path workingDirectory;
    private final Map<String, String> environment = new HashMap<>();
    private boolean terminal;
    private boolean whole;
    private boolean asMain;
    private String input = "";

    CliHarness(Path workingDirectory) {
        this.workingDirectory = workingDirectory;
        // no engine unless a test says otherwise: unit tests must not depend on this machine's dockerd
        environment.put("DOCKER_HOST", "unix://" + workingDirectory.resolve("no-engine.sock"));
    }

    CliHarness env(String name, String value) {
        environment.put(name, value);
        return this;
    }

    /** Pretend stdin is a terminal on which the operator types {@code typed}. */
    CliHarness terminal(String typed) {
        this.terminal = true;
        this.input = typed;
        return this;
    }

    /** Build every command, as completion does, instead of only those the command line names (as Main does). */
    CliHarness whole() {
        this.whole = true;
        return this;
    }

    /** Run as Main does: a line that only asks for the version never reaches picocli. */
    CliHarness asMain() {
        this.asMain = true;
        return this;
    }

    CliHarness unset(String name) {
        environment.remove(name);
        return this;
    }

    Result run(String... args) {
        return run(null, args);
    }

    Result run(java.util.function.Consumer<CommandLine> customize, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CliContext context = new CliContext(new java.io.BufferedReader(new java.io.StringReader(input)), new PrintWriter(out, true), new PrintWriter(err, true), environment,
                workingDirectory, workingDirectory.resolve("home"), false, terminal);
        int exit;
        if (asMain) {
            exit = Main.run(context, args);
        } else {
            CommandLine commandLine = whole ? Cli.create(context) : Cli.create(context, args);
            if (customize != null) {
                customize.accept(commandLine);
            }
            exit = commandLine.execute(args);
        }
        return new Result(exit, out.toString(), err.toString());
    }
}
