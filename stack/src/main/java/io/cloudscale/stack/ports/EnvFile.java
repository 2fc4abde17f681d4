package io.cloudscale.stack.ports;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The stack's .env as compose reads it: KEY=VALUE lines, comments and blanks kept as they are when
 * one value is changed, and the file replaced atomically so a crash never leaves half a file.
 */
public final class EnvFile {

    /** KEY=VALUE; the value's surrounding blanks are stripped apart (a lazy `(.*?)\s*$` is quadratic in a long blank run). */
    private static final Pattern ASSIGNMENT = Pattern.compile("^\\s*(?:export\\s+)?([A-Za-z_][A-Za-z0-9_]*)\\s*=(.*)$");

    /** Far above any real .env; every command that reaches the stack reads it. */
    static final long MAX_BYTES = 1024 * 1024;

    private final Path path;

    public EnvFile(Path path) {
        this.path = path;
    }

    public Path path() {
        return path;
    }

    public Map<String, String> values() throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        if (!Files.exists(path)) {
            return values;
        }
        for (String line : lines()) {
            Matcher matcher = ASSIGNMENT.matcher(line);
            if (matcher.matches() && !line.stripLeading().startsWith("#")) {
                values.put(matcher.group(1), unquote(blanksStripped(matcher.group(2))));
            }
        }
        return values;
    }

    public Optional<String> get(String key) throws IOException {
        return Optional.ofNullable(values().get(key));
    }

    /** Sets one key, keeping every other line, and returns the previous value if any. */
    public Optional<String> set(String key, String value) throws IOException {
        List<String> lines = Files.exists(path) ? lines() : new ArrayList<>();
        List<String> updated = new ArrayList<>();
        String previous = null;
        for (String line : lines) {
            Matcher matcher = ASSIGNMENT.matcher(line);
            if (matcher.matches() && !line.stripLeading().startsWith("#") && matcher.group(1).equals(key)) {
                if (previous == null) {
                    previous = unquote(blanksStripped(matcher.group(2)));
                    updated.add(key + "=" + value);
                }
                continue; // a duplicate assignment would shadow ours
            }
            updated.add(line);
        }
        if (previous == null) {
            updated.add(key + "=" + value);
        }
        replace(updated);
        return Optional.ofNullable(previous);
    }

    /** The new content goes to a temporary file, to disk, then over the old one in one rename: a reader, or a run killed at any point, sees the old file or the new one. */
    private void replace(List<String> lines) throws IOException {
        Path temporary = path.resolveSibling(path.getFileName() + ".cloudscale-tmp");
        StringBuilder text = new StringBuilder();
        lines.forEach(line -> text.append(line).append('\n'));
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
        try {
            Files.move(temporary, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, path, StandardCopyOption.REPLACE_EXISTING);
        }
        try (FileChannel folder = FileChannel.open(path.toAbsolutePath().getParent(), StandardOpenOption.READ)) {
            folder.force(true); // the rename itself survives a power cut only once the folder is on disk
        } catch (IOException e) {
            // some file systems cannot sync a folder; the rename is still atomic for every reader
        }
    }

    private List<String> lines() throws IOException {
        long size = Files.size(path);
        if (size > MAX_BYTES) {
            throw new IOException("it is %d bytes; a .env holds a few settings (at most %d KiB)".formatted(size, MAX_BYTES / 1024));
        }
        return Files.readAllLines(path, StandardCharsets.UTF_8);
    }

    /** What the regex \s strips: space, tab, line feed, vertical tab, form feed, carriage return. */
    private static String blanksStripped(String value) {
        int start = 0;
        int end = value.length();
        while (start < end && " \t\n\u000b\f\r".indexOf(value.charAt(start)) >= 0) {
            start++;
        }
        while (end > start && " \t\n\u000b\f\r".indexOf(value.charAt(end - 1)) >= 0) {
            end--;
        }
        return value.substring(start, end);
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"") || value.startsWith("'") && value.endsWith("'"))) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }
}
