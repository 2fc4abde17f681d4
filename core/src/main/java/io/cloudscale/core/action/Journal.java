package io.cloudscale.core.action;

import io.cloudscale.core.CloudscaleException;
import io.cloudscale.core.Secrets;
import io.cloudscale.core.json.Json;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The append-only record of every change the tool made (JSON lines, secrets redacted). Each entry
 * is forced to disk before the next step runs, so a crash mid-fix still leaves a true account.
 */
public final class Journal {

    private final Path file;

    public Journal(Path file) {
        this.file = file;
    }

    public static Journal inHome(Path home) {
        return new Journal(home.resolve(".cloudscale/journal.jsonl"));
    }

    public Path file() {
        return file;
    }

    public synchronized void append(JournalEntry entry) {
        String line = Secrets.redact(Json.mapper().valueToTree(entry)).toString() + "\n";
        write(line.getBytes(StandardCharsets.UTF_8));
    }

    /** Fails before anything is changed when the journal could not record the change. */
    public void ensureWritable() {
        write(new byte[0]);
    }

    private void write(byte[] bytes) {
        try {
            Files.createDirectories(file.getParent());
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
                channel.write(ByteBuffer.wrap(bytes));
                channel.force(true);
            }
        } catch (IOException e) {
            throw new CloudscaleException.Usage("cannot write the journal " + file + ": " + e.getMessage(),
                    "make ~/.cloudscale writable; no change is applied without its journal entry");
        }
    }

    public List<JournalEntry> read() {
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            List<JournalEntry> entries = new ArrayList<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    entries.add(Json.mapper().readValue(line, JournalEntry.class));
                }
            }
            return entries;
        } catch (IOException e) {
            throw new CloudscaleException.Usage("cannot read the journal " + file + ": " + e.getMessage(), null);
        }
    }
}
