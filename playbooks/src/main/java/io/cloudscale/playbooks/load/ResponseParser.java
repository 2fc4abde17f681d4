package io.cloudscale.playbooks.load;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Reads a connection's HTTP/1.x answers as they arrive and tells its {@link Connection} the
 * status when a head is complete and the end of each answer, with whether the connection stays open. It
 * builds nothing: the generator needs the status, the framing (Content-Length, chunked, or until close) and
 * the Connection header, not the headers as objects, so an answer costs no allocation (Netty's
 * HttpResponseDecoder made a response, a header map and a dozen strings per answer: most of the generator's
 * garbage). It tells the connection what Netty's decoder, followed by a handler passing on each response's
 * status and each LastHttpContent, told it, case by case:
 * a head whose status line is not HTTP is status 999 and the end of the answer, and the connection is
 * closed; a head that breaks off or is malformed past its status line (a bare line feed, a bad or doubtful
 * length) ends nothing (the request times out, or is a connection error when the connection closes) and the
 * rest of the connection's input is ignored; a connection that closes ends a body only when its end was to
 * be the body's; a malformed chunk ends the answer and the rest is ignored.
 */
final class ResponseParser extends ChannelInboundHandlerAdapter {

    /** Netty's HttpObjectDecoder defaults: the status line, and the head's header lines together. */
    static final int MAX_STATUS_LINE = 4096;
    static final int MAX_HEADERS = 8192;
    /** What Netty's decoder answered a status line that is not HTTP with. */
    static final int INVALID_STATUS = 999;

    private enum State { STATUS_LINE, HEADERS, FIXED_BODY, CHUNK_SIZE, CHUNK_DATA, CHUNK_END, TRAILERS, UNTIL_CLOSE, IGNORING }

    private enum Header { OTHER, CONTENT_LENGTH, TRANSFER_ENCODING, CONNECTION }

    /** The side that owns the request in flight. */
    interface Connection {
        void status(Channel from, int code);

        void answered(Channel from, boolean keepAlive);

        void closed(Channel from);
    }

    private final Connection connection;
    private final byte[] line = new byte[Math.max(MAX_STATUS_LINE, MAX_HEADERS) + 1];
    private int lineLength;
    /** Whether the last whole line ended in a line feed alone, which a head may not. */
    private boolean bareLineFeed;
    private State state = State.STATUS_LINE;

    private int status;
    private boolean keepAliveDefault;
    private boolean http11;
    private boolean connectionClose;
    private boolean connectionKeepAlive;
    private boolean chunked;
    private int contentLengths;
    private long contentLength;
    private boolean contentLengthValid;
    private int headerBytes;
    private Header lastHeader = Header.OTHER;
    private long remaining;

    ResponseParser(Connection connection) {
        this.connection = connection;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        if (!(message instanceof ByteBuf in)) {
            ctx.fireChannelRead(message);
            return;
        }
        try {
            while (in.isReadable()) {
                if (!step(ctx, in)) {
                    break;
                }
            }
        } finally {
            in.release();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        switch (state) {
            case UNTIL_CLOSE -> {
                // the connection's end is the body's
                state = State.STATUS_LINE;
                connection.answered(ctx.channel(), keepAlive());
            }
            case HEADERS -> connection.status(ctx.channel(), status); // the head was never whole: no end
            default -> {
            }
        }
        connection.closed(ctx.channel());
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }

    /** One step on what {@code in} holds; false when it needs more input. */
    private boolean step(ChannelHandlerContext ctx, ByteBuf in) {
        switch (state) {
            case STATUS_LINE -> {
                if (lineLength == 0) {
                    skipControlCharacters(in);
                    if (!in.isReadable()) {
                        return false;
                    }
                }
                if (!readLine(in, MAX_STATUS_LINE)) {
                    if (lineLength > MAX_STATUS_LINE) {
                        invalidStatusLine(ctx, in);
                    }
                    return false;
                }
                if (bareLineFeed || !statusLine()) {
                    invalidStatusLine(ctx, in);
                    return false;
                }
                state = State.HEADERS;
                return true;
            }
            case HEADERS -> {
                if (!readLine(in, MAX_HEADERS - headerBytes)) {
                    if (headerBytes + lineLength > MAX_HEADERS) {
                        brokenHead(ctx, in);
                    }
                    return false;
                }
                headerBytes += lineLength;
                if (bareLineFeed) {
                    brokenHead(ctx, in);
                    return false;
                }
                if (lineLength > 0) {
                    header();
                    lineLength = 0;
                    return true;
                }
                headEnded(ctx, in);
                return true;
            }
            case FIXED_BODY -> {
                int skipped = (int) Math.min(remaining, in.readableBytes());
                in.skipBytes(skipped);
                remaining -= skipped;
                if (remaining == 0) {
                    answered(ctx);
                }
                return true;
            }
            case UNTIL_CLOSE, IGNORING -> {
                in.skipBytes(in.readableBytes());
                return false;
            }
            case CHUNK_SIZE -> {
                if (!readLine(in, MAX_HEADERS)) {
                    if (lineLength > MAX_HEADERS) {
                        brokenChunk(ctx, in);
                    }
                    return false;
                }
                long size = chunkSize();
                lineLength = 0;
                if (size < 0) {
                    brokenChunk(ctx, in);
                    return false;
                }
                if (size == 0) {
                    state = State.TRAILERS;
                } else {
                    remaining = size;
                    state = State.CHUNK_DATA;
                }
                return true;
            }
            case CHUNK_DATA -> {
                int skipped = (int) Math.min(remaining, in.readableBytes());
                in.skipBytes(skipped);
                remaining -= skipped;
                if (remaining == 0) {
                    state = State.CHUNK_END;
                }
                return true;
            }
            case CHUNK_END -> {
                // up to and with the line feed after the chunk's data
                int lf = in.indexOf(in.readerIndex(), in.writerIndex(), (byte) '\n');
                if (lf < 0) {
                    in.skipBytes(in.readableBytes());
                    return false;
                }
                in.readerIndex(lf + 1);
                state = State.CHUNK_SIZE;
                return true;
            }
            case TRAILERS -> {
                if (!readLine(in, MAX_HEADERS)) {
                    if (lineLength > MAX_HEADERS) {
                        brokenChunk(ctx, in);
                    }
                    return false;
                }
                boolean last = lineLength == 0;
                lineLength = 0;
                if (bareLineFeed) {
                    brokenChunk(ctx, in); // a trailer line may not end in a line feed alone either
                    return false;
                }
                if (last) {
                    answered(ctx);
                }
                return true;
            }
            default -> throw new IllegalStateException(state.name());
        }
    }

    /** Whitespace and control characters before a status line are skipped, as Netty's decoder does. */
    private static void skipControlCharacters(ByteBuf in) {
        int i = in.readerIndex();
        int end = in.writerIndex();
        while (i < end) {
            int c = in.getByte(i) & 0xff;
            if (!Character.isISOControl(c) && !Character.isWhitespace(c)) {
                break;
            }
            i++;
        }
        in.readerIndex(i);
    }

    /**
     * Adds to {@link #line} up to the next line feed, which it consumes; true with the line whole (its CR
     * dropped). At most {@code limit} bytes are kept; a longer line leaves {@code lineLength} past the limit.
     */
    private boolean readLine(ByteBuf in, int limit) {
        int start = in.readerIndex();
        int lf = in.indexOf(start, in.writerIndex(), (byte) '\n');
        int end = lf < 0 ? in.writerIndex() : lf;
        int length = end - start;
        if (lineLength + length > limit) {
            lineLength += length;
            in.readerIndex(lf < 0 ? end : lf + 1);
            return false;
        }
        in.getBytes(start, line, lineLength, length);
        lineLength += length;
        in.readerIndex(lf < 0 ? end : lf + 1);
        if (lf < 0) {
            return false;
        }
        bareLineFeed = lineLength == 0 || line[lineLength - 1] != '\r';
        if (!bareLineFeed) {
            lineLength--;
        }
        return true;
    }

    /** {@code PROTOCOL/MAJOR.MINOR SP CODE [SP REASON]}: starts a head. */
    private boolean statusLine() {
        int i = 0;
        int n = lineLength;
        while (i < n && isWhitespace(line[i])) {
            i++;
        }
        int versionStart = i;
        while (i < n && !isWhitespace(line[i])) {
            i++;
        }
        int versionEnd = i;
        if (!validVersion(versionStart, versionEnd)) {
            return false;
        }
        while (i < n && isWhitespace(line[i])) {
            i++;
        }
        int codeStart = i;
        while (i < n && !isWhitespace(line[i])) {
            i++;
        }
        if (i == codeStart || i - codeStart > 9) {
            return false;
        }
        int code = 0;
        for (int d = codeStart; d < i; d++) {
            if (line[d] < '0' || line[d] > '9') {
                return false;
            }
            code = code * 10 + (line[d] - '0');
        }
        status = code;
        keepAliveDefault = !equalsAscii(versionStart, versionEnd, "HTTP/1.0");
        http11 = equalsAscii(versionStart, versionEnd, "HTTP/1.1");
        connectionClose = false;
        connectionKeepAlive = false;
        chunked = false;
        contentLengths = 0;
        contentLength = -1;
        contentLengthValid = true;
        headerBytes = 0;
        lastHeader = Header.OTHER;
        lineLength = 0;
        return true;
    }

    /** As Netty's HttpVersion reads one: a protocol name, '/', digits, '.', digits. */
    private boolean validVersion(int start, int end) {
        int slash = -1;
        for (int i = start; i < end; i++) {
            if (line[i] == '/') {
                slash = i;
                break;
            }
        }
        if (slash <= start) {
            return false;
        }
        int i = slash + 1;
        int digits = i;
        while (i < end && line[i] >= '0' && line[i] <= '9') {
            i++;
        }
        if (i == digits || i >= end || line[i] != '.') {
            return false;
        }
        digits = ++i;
        while (i < end && line[i] >= '0' && line[i] <= '9') {
            i++;
        }
        return i > digits && i == end;
    }

    /** One header line: only Content-Length, Transfer-Encoding and Connection matter to the generator. */
    private void header() {
        int start = 0;
        Header kind;
        if (isWhitespace(line[0])) {
            kind = lastHeader; // a folded line continues the header before it
        } else {
            int colon = 0;
            while (colon < lineLength && line[colon] != ':') {
                colon++;
            }
            int nameEnd = colon;
            while (nameEnd > 0 && isWhitespace(line[nameEnd - 1])) {
                nameEnd--;
            }
            kind = equalsIgnoreCase(0, nameEnd, "content-length") ? Header.CONTENT_LENGTH
                    : equalsIgnoreCase(0, nameEnd, "transfer-encoding") ? Header.TRANSFER_ENCODING
                    : equalsIgnoreCase(0, nameEnd, "connection") ? Header.CONNECTION : Header.OTHER;
            start = Math.min(colon + 1, lineLength);
            if (kind == Header.CONTENT_LENGTH && ++contentLengths > 1) {
                kind = Header.OTHER; // the first one counts (HTTP/1.0); several are refused in HTTP/1.1
            }
        }
        lastHeader = kind;
        switch (kind) {
            case CONTENT_LENGTH -> contentLength(start);
            case TRANSFER_ENCODING, CONNECTION -> {
                // comma-separated values, each trimmed and compared without case
                int i = start;
                while (i <= lineLength) {
                    int end = i;
                    while (end < lineLength && line[end] != ',') {
                        end++;
                    }
                    int from = i;
                    int to = end;
                    while (from < to && isWhitespace(line[from])) {
                        from++;
                    }
                    while (to > from && isWhitespace(line[to - 1])) {
                        to--;
                    }
                    if (kind == Header.TRANSFER_ENCODING) {
                        chunked |= equalsIgnoreCase(from, to, "chunked");
                    } else {
                        connectionClose |= equalsIgnoreCase(from, to, "close");
                        connectionKeepAlive |= equalsIgnoreCase(from, to, "keep-alive");
                    }
                    i = end + 1;
                }
            }
            default -> {
            }
        }
    }

    private void contentLength(int start) {
        int from = start;
        int to = lineLength;
        while (from < to && isWhitespace(line[from])) {
            from++;
        }
        while (to > from && isWhitespace(line[to - 1])) {
            to--;
        }
        if (from == to || to - from > 18) {
            contentLengthValid = false;
            return;
        }
        long value = 0;
        for (int i = from; i < to; i++) {
            if (line[i] < '0' || line[i] > '9') {
                contentLengthValid = false;
                return;
            }
            value = value * 10 + (line[i] - '0');
        }
        contentLength = value;
    }

    /** The blank line after the headers: the status is known, and how the body ends. */
    private void headEnded(ChannelHandlerContext ctx, ByteBuf in) {
        lineLength = 0;
        boolean alwaysEmpty = status >= 100 && status < 200 || status == 204 || status == 304;
        if (contentLengths > 1 && keepAliveDefault || !contentLengthValid || chunked && contentLengths > 0) {
            // several Content-Lengths (past HTTP/1.0), a malformed one, or one beside chunked: Netty's decoder refused the head
            brokenHead(ctx, in);
            return;
        }
        connection.status(ctx.channel(), status);
        if (status == 101) {
            // switching protocols: what follows is not HTTP, and nothing of it ends a request
            state = State.IGNORING;
            connection.answered(ctx.channel(), keepAlive());
            return;
        }
        if (alwaysEmpty || !chunked && contentLength == 0) {
            answered(ctx);
        } else if (chunked) {
            state = State.CHUNK_SIZE;
        } else if (contentLength > 0) {
            remaining = contentLength;
            state = State.FIXED_BODY;
        } else {
            state = State.UNTIL_CLOSE;
        }
    }

    private void answered(ChannelHandlerContext ctx) {
        state = State.STATUS_LINE;
        lineLength = 0;
        connection.answered(ctx.channel(), keepAlive());
    }

    /** As Netty's HttpUtil.isKeepAlive. */
    private boolean keepAlive() {
        return !connectionClose && (keepAliveDefault || connectionKeepAlive);
    }

    /** Not an HTTP status line: status 999 over HTTP/1.0 (so not kept alive), the answer's end, and nothing more. */
    private void invalidStatusLine(ChannelHandlerContext ctx, ByteBuf in) {
        state = State.IGNORING;
        lineLength = 0;
        in.skipBytes(in.readableBytes());
        connection.status(ctx.channel(), INVALID_STATUS);
        connection.answered(ctx.channel(), false);
    }

    /** A head malformed past its status line: its status, no end, and nothing more. */
    private void brokenHead(ChannelHandlerContext ctx, ByteBuf in) {
        state = State.IGNORING;
        lineLength = 0;
        in.skipBytes(in.readableBytes());
        connection.status(ctx.channel(), status);
    }

    /** A malformed chunk: the answer ends, and nothing more. */
    private void brokenChunk(ChannelHandlerContext ctx, ByteBuf in) {
        state = State.IGNORING;
        lineLength = 0;
        in.skipBytes(in.readableBytes());
        connection.answered(ctx.channel(), keepAlive());
    }

    /** A chunk-size line's hexadecimal size, up to ';' or a space or control character, or -1 (as Netty reads it). */
    private long chunkSize() {
        int from = 0;
        while (from < lineLength && isWhitespace(line[from])) {
            from++;
        }
        long size = 0;
        for (int i = from; i < lineLength; i++) {
            int digit = Character.digit(line[i], 16);
            if (digit < 0) {
                byte b = line[i];
                boolean end = b == ';' || b <= ' ' || b == 0x7f;
                return end && i > from ? size : -1;
            }
            size = size * 16 + digit;
            if (size > Integer.MAX_VALUE) {
                return -1;
            }
        }
        return from < lineLength ? size : -1;
    }

    private static boolean isWhitespace(byte b) {
        return b == ' ' || b == '\t';
    }

    private boolean equalsAscii(int from, int to, String text) {
        if (to - from != text.length()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (line[from + i] != text.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** {@code text} in lower case. */
    private boolean equalsIgnoreCase(int from, int to, String text) {
        if (to - from != text.length()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            int c = line[from + i];
            if (c >= 'A' && c <= 'Z') {
                c += 'a' - 'A';
            }
            if (c != text.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
