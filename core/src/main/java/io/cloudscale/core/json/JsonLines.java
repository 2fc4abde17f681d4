package io.cloudscale.core.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudscale.core.CloudscaleException;
import io.cloudscale.core.Secrets;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The one writer of the tool's JSON-lines files (the fix journal, the runbook journal, the history): each
 * entry is redacted, stamped with {@code at} (ISO-8601 UTC) and appended as one whole line in a single write
 * under an exclusive file lock, then forced to disk. Concurrent writers never interleave; a writer killed
 * inside its write leaves a torn tail that the next writer drops, so the file holds whole lines only.
 */
public record JsonLines(Path file, Clock clock) {

    /** FileChannel locks are held per process: threads of this one queue here first. */
    private static final ReentrantLock IN_PROCESS = new ReentrantLock();

    /** The one format of the ids that group entries (a repair, a runbook run). */
    public static String newId() {
        return UUID.randomUUID().toString();
    }

    /** What was read: the entries, and a final line cut short by a writer that was killed mid-write (an older version's). */
    public record Contents(List<ObjectNode> entries, Optional<String> tornLastLine) {
    }

    /**
     * Appends one entry; {@code at} comes first, from the entry's own {@code at} if it has one, else now.
     * Fails before anything is changed when the file cannot be written.
     */
    public ObjectNode append(Object entry) {
        ObjectNode given = (ObjectNode) Json.mapper().valueToTree(entry);
        ObjectNode line = JsonNodeFactory.instance.objectNode();
        line.put("at", given.hasNonNull("at") ? Instant.parse(given.get("at").asText()).toString() : clock.instant().toString());
        given.remove("at");
        line.setAll(given);
        ObjectNode redacted = (ObjectNode) Secrets.redact(line);
        write((redacted + "\n").getBytes(StandardCharsets.UTF_8));
        return redacted;
    }

    /** Fails when the file could not take an entry; writes nothing. */
    public void ensureWritable() {
        write(new byte[0]);
    }

    private void write(byte[] bytes) {
        IN_PROCESS.lock();
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
                 FileLock ignored = channel.lock()) {
                long end = bytes.length > 0 ? endOfLastWholeLine(channel) : channel.size();
                channel.truncate(end);
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    end += channel.write(buffer, end);
                }
                channel.force(true);
            }
        } catch (IOException | RuntimeException e) {
            throw new CloudscaleException.Usage("cannot write " + file + ": " + e.getMessage(),
                    "make " + file.toAbsolutePath().getParent() + " writable; nothing is changed without its entry");
        } finally {
            IN_PROCESS.unlock();
        }
    }

    /**
     * Where the last whole line ends. A write can be cut short when its writer is killed inside it (a
     * large write is not atomic against SIGKILL); that writer never returned, so nothing acted on its
     * entry, and the torn bytes are dropped rather than left to sit between whole lines.
     */
    private static long endOfLastWholeLine(FileChannel channel) throws IOException {
        long end = channel.size();
        ByteBuffer chunk = ByteBuffer.allocate(8192);
        while (end > 0) {
            long from = Math.max(0, end - chunk.capacity());
            chunk.clear().limit((int) (end - from));
            channel.read(chunk, from);
            for (int i = chunk.position() - 1; i >= 0; i--) {
                if (chunk.get(i) == '\n') {
                    return from + i + 1;
                }
            }
            end = from;
        }
        return 0;
    }

    /** Every entry; a line that is not a JSON object is passed over, and a final one is reported as torn. */
    public Contents read() {
        if (!Files.exists(file)) {
            return new Contents(List.of(), Optional.empty());
        }
        String text;
        IN_PROCESS.lock();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
             FileLock ignored = channel.lock(0, Long.MAX_VALUE, true)) {
            ByteBuffer buffer = ByteBuffer.allocate((int) channel.size());
            while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
                // read it all under the shared lock, so no writer is half way through a line
            }
            text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CloudscaleException.Usage("cannot read " + file + ": " + e.getMessage(), null);
        } finally {
            IN_PROCESS.unlock();
        }
        List<ObjectNode> entries = new ArrayList<>();
        Optional<String> torn = Optional.empty();
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            Optional<ObjectNode> parsed = parse(line);
            if (parsed.isPresent()) {
                entries.add(parsed.get());
            } else if (i == lines.size() - 1 && !text.endsWith("\n")) {
                torn = Optional.of(line);
            }
        }
        return new Contents(List.copyOf(entries), torn);
    }

    private static Optional<ObjectNode> parse(String line) {
        try {
            return Json.mapper().readTree(line) instanceof ObjectNode object ? Optional.of(object) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Reads one entry as a type, or empty when it does not fit (a foreign or older line). */
    public static <T> Optional<T> as(JsonNode entry, Class<T> type) {
        try {
            return Optional.of(Json.mapper().treeToValue(entry, type));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
