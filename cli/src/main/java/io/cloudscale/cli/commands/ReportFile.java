package io.cloudscale.cli.commands;

import io.cloudscale.core.CloudscaleException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A file a command writes its report to (--save, --chart, --junit): checked before the work, written after it. */
final class ReportFile {

    private ReportFile() {
    }

    /** Checked before the work starts, so a typo in a path is found in a second, not after minutes of it. */
    static void checkWritable(String option, Path file) {
        if (file == null) {
            return;
        }
        Path directory = file.toAbsolutePath().getParent();
        if (Files.isDirectory(file) || directory == null || !Files.isDirectory(directory) || !Files.isWritable(directory)) {
            throw new CloudscaleException.Usage(option + " " + file + ": cannot write there (no such directory, or not writable)", null);
        }
    }

    static void write(Path file, String content) {
        if (file == null) {
            return;
        }
        try {
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new CloudscaleException.Usage("cannot write " + file + ": " + e.getMessage(), null);
        }
    }
}
