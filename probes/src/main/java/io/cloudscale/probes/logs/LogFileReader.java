package io.cloudscale.probes.logs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Streams a log's bytes into a {@link LogScanner} without decoding them: lines split where
 * BufferedReader.readLine splits them (\n, \r, \r\n), each whole line's bytes run once through the
 * prefilter's literal search, and only lines that may match are decoded (UTF-8, malformed bytes
 * replaced, as the reader did) and handed to the scanner. Memory: one buffer, grown for a long line
 * up to {@link #LONGEST_LINE}; a longer line is matched on its first {@link #LONGEST_LINE} bytes.
 */
final class LogFileReader {

    static final int BUFFER = 1 << 20;
    static final int LONGEST_LINE = 4 << 20;

    private final LogScanner scanner;
    private final SignaturePrefilter prefilter;
    private final LiteralSearch search;
    private final long[] found;
    /** The first {@link #LONGEST_LINE} bytes of a line longer than that, while its rest is read. */
    private byte[] longLine;
    /** The literal search's state at the end of what was read of that line. */
    private int longLineState;

    LogFileReader(LogScanner scanner) {
        this.scanner = scanner;
        this.prefilter = scanner.prefilter();
        this.search = prefilter.search();
        this.found = new long[search.words()];
    }

    void read(InputStream in) throws IOException {
        byte[] buffer = new byte[BUFFER];
        int end = 0;
        int lineStart = 0;
        boolean afterCarriageReturn = false;
        while (true) {
            if (end == buffer.length) { // the unfinished line fills the buffer
                if (buffer.length < LONGEST_LINE) {
                    buffer = Arrays.copyOf(buffer, Math.min(buffer.length * 2, LONGEST_LINE));
                } else {
                    if (longLine == null) {
                        longLine = buffer.clone();
                    }
                    longLineState = search.search(buffer, 0, end, longLineState, found);
                    end = 0; // the rest of this line is searched, not kept
                }
            }
            int read = in.read(buffer, end, buffer.length - end);
            if (read < 0) {
                break;
            }
            for (int i = end; i < end + read; i++) {
                byte b = buffer[i];
                if (b == '\n' || b == '\r') {
                    if (!(b == '\n' && afterCarriageReturn)) { // the \n of a \r\n: that line ended at its \r
                        line(buffer, lineStart, i);
                    }
                    lineStart = i + 1;
                    afterCarriageReturn = b == '\r';
                } else {
                    afterCarriageReturn = false;
                }
            }
            end += read;
            System.arraycopy(buffer, lineStart, buffer, 0, end - lineStart);
            end -= lineStart;
            lineStart = 0;
        }
        if (end > lineStart || longLine != null) {
            line(buffer, lineStart, end);
        }
    }

    private void line(byte[] buffer, int from, int to) {
        search.search(buffer, from, to, longLineState, found);
        if (!prefilter.mayMatch(found)) {
            scanner.skip();
        } else if (longLine != null) {
            scanner.accept(new String(longLine, StandardCharsets.UTF_8));
        } else {
            scanner.accept(new String(buffer, from, to - from, StandardCharsets.UTF_8));
        }
        longLine = null;
        longLineState = 0;
        if (!SignaturePrefilter.isEmpty(found)) {
            Arrays.fill(found, 0);
        }
    }
}
