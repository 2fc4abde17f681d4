package io.cloudscale.cli;

import io.cloudscale.core.Secrets;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Redacts whatever libraries print straight to stderr (their loggers, the JVM's warnings), line by
 * line: the tool's own lines are redacted where they are rendered, but a library's are not ours to render.
 */
final class RedactingOutputStream extends OutputStream {

    private final OutputStream target;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    RedactingOutputStream(OutputStream target) {
        this.target = target;
    }

    @Override
    public synchronized void write(int b) throws IOException {
        line.write(b);
        if (b == '\n') {
            flushLine();
        }
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
        for (int i = offset; i < offset + length; i++) {
            write(bytes[i]);
        }
    }

    @Override
    public synchronized void flush() throws IOException {
        flushLine();
        target.flush();
    }

    private void flushLine() throws IOException {
        if (line.size() > 0) {
            target.write(Secrets.redact(line.toString(StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
            line.reset();
        }
    }

    @Override
    public void close() throws IOException {
        flush();
    }
}
