package io.cloudscale.probes.docker;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * The payloads of a container log as the engine sends it: a container without a TTY has its stdout and stderr
 * multiplexed in frames (one byte stream 0/1/2, three zero bytes, the payload's length as four bytes big-endian, the
 * payload); a container with a TTY has its output raw. Told apart as docker-java's FrameReader does: by the first header.
 */
final class LogFrames {

    private static final int HEADER = 8;

    private LogFrames() {
    }

    static void payloads(byte[] log, Consumer<byte[]> payloads) {
        if (!framed(log)) {
            if (log.length > 0) {
                payloads.accept(log);
            }
            return;
        }
        int at = 0;
        while (at + HEADER <= log.length) {
            long size = ((log[at + 4] & 0xffL) << 24) | ((log[at + 5] & 0xff) << 16) | ((log[at + 6] & 0xff) << 8) | (log[at + 7] & 0xff);
            int start = at + HEADER;
            int end = (int) Math.min(log.length, start + size); // a last frame cut short gives what arrived
            payloads.accept(Arrays.copyOfRange(log, start, end));
            at = end;
        }
    }

    private static boolean framed(byte[] log) {
        return log.length >= HEADER && log[0] >= 0 && log[0] <= 2 && log[1] == 0 && log[2] == 0 && log[3] == 0;
    }
}
