package io.cloudscale.probes.host;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** This machine's processes as /proc shows them. */
public final class HostProcesses {

    private final Path proc;

    public HostProcesses() {
        this(Path.of("/proc"));
    }

    HostProcesses(Path proc) {
        this.proc = proc;
    }

    public Optional<ProcessInfo> describe(long pid) {
        return describe(proc.resolve(Long.toString(pid)));
    }

    /** Every process whose command line could be read. */
    public List<ProcessInfo> all() {
        List<ProcessInfo> found = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(proc, entry -> entry.getFileName().toString().chars().allMatch(Character::isDigit))) {
            entries.forEach(entry -> describe(entry).ifPresent(found::add));
        } catch (IOException e) {
            // no /proc: nothing to list
        }
        return found;
    }

    /** One variable of the process's environment (readable for the caller's own processes, or as root). */
    public Optional<String> environmentVariable(long pid, String name) {
        try {
            String prefix = name + "=";
            return Arrays.stream(new String(Files.readAllBytes(proc.resolve(Long.toString(pid)).resolve("environ")), StandardCharsets.UTF_8).split("\0"))
                    .filter(entry -> entry.startsWith(prefix))
                    .map(entry -> entry.substring(prefix.length()))
                    .findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * When the process started, in clock ticks after boot (field 22 of /proc/PID/stat): with the pid, it names one
     * process for good, since a pid is reused only by a process that started later.
     */
    public OptionalLong startTicks(long pid) {
        try {
            String stat = Files.readString(proc.resolve(Long.toString(pid)).resolve("stat"));
            // the command name (field 2) is in parentheses and may hold spaces and parentheses itself
            String[] after = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return OptionalLong.of(Long.parseLong(after[19]));
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    static Optional<ProcessInfo> describe(Path process) {
        try {
            byte[] cmdline = Files.readAllBytes(process.resolve("cmdline"));
            List<String> arguments = Arrays.stream(new String(cmdline, StandardCharsets.UTF_8).split("\0"))
                    .filter(argument -> !argument.isEmpty()).toList();
            String user = Files.getOwner(process).getName();
            return Optional.of(new ProcessInfo(Long.parseLong(process.getFileName().toString()), arguments, user));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
