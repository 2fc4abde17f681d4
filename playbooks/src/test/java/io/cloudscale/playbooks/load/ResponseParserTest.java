package io.cloudscale.playbooks.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpResponseDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The generator's answer parser tells a connection what Netty's HttpResponseDecoder with the handler before
 * it told it ({@link NettyDecodedAnswers}): the same statuses, ends and closes, in the same order, however
 * the bytes are split across reads, and when the connection closes after them.
 */
class ResponseParserTest {

    /** Answers as servers write them; {@code |} separates what one connection receives in turn. */
    @ParameterizedTest
    @ValueSource(strings = {
            "HTTP/1.1 200 OK\r\nServer: nginx\r\nContent-Type: text/plain\r\nContent-Length: 11\r\nConnection: keep-alive\r\n\r\nUP gateway\n",
            "HTTP/1.1 202 Accepted\r\nContent-Length: 0\r\n\r\nHTTP/1.1 503 Service Unavailable\r\ncontent-length: 5\r\n\r\nbusy!",
            "HTTP/1.1 429 Too Many Requests\r\nConnection: close\r\nContent-Length: 2\r\n\r\nno",
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6;ext=1\r\n world\r\n0\r\nX-Trailer: t\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n",
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, Chunked\r\nContent-Length: 99\r\n\r\na\r\n0123456789\r\n0\r\n\r\n",
            "HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nokHTTP/1.0 200 OK\r\nConnection: Keep-Alive\r\nContent-Length: 2\r\n\r\nok",
            "HTTP/1.1 500 Internal Server Error\r\nConnection: upgrade, close\r\nContent-Length: 3\r\n\r\nbad",
            "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nuntil the connection closes",
            "HTTP/1.1 200 OK\nContent-Length: 3\n\nabc\r\n\r\nHTTP/1.1 304 Not Modified\nContent-Length: 10\n\n",
            "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 1\r\n\r\nx",
            "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort",
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhel",
            "HTTP/1.1 200 OK\r\nContent-Length: 10\r\nX-Half: ",
            "HTTP/1.1 200 O",
            "garbage\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n",
            "HTTP/1.1 2x0 OK\r\nContent-Length: 0\r\n\r\n",
            "HTTP/1.1 200 OK\r\nContent-Length: 1x\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n",
            "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 2\r\n\r\nok",
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nHTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n",
            "HTTP/1.1 600 Odd\r\nContent-Length: 0\r\n\r\nHTTP/1.1 302 Found\r\nLocation: /\r\nContent-Length: 0\r\n\r\n",
            "\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n",
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Length: 99\r\n\r\n0\r\n\r\n",
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, Chunked\r\n\r\n0\r\n\r\n",
            "HTTP/1.1 200 OK\r\nContent-Length: 0\nX: y\r\n\r\n",
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1\nx\r\n0\r\n\r\n",
            "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\n",
            "HTTP/1.0 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Length: 99\r\n\r\n0\r\n\r\n",
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nx\r\n0\r\nT: 1\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n",
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nx\r\n0\r\n\nHTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n",
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n 1 ; a=b\r\nx\r\n0\r\n\r\n",
            "HTTP/1.1 200 OK\r\nFolded: a\r\n  b\r\nConnection: close\r\nContent-Length: 1\r\n\r\nx",
    })
    void tellsWhatNettysDecoderTold(String answers) {
        byte[] bytes = answers.getBytes(StandardCharsets.ISO_8859_1);
        for (int cut = 0; cut <= bytes.length; cut++) {
            List<String> expected = events(NettyDecodedAnswers::new, true, bytes, cut);
            assertEquals(expected, events(ResponseParser::new, false, bytes, cut), "split at " + cut + ": " + answers);
        }
        assertEquals(events(NettyDecodedAnswers::new, true, bytes, -1), events(ResponseParser::new, false, bytes, -1), "byte by byte: " + answers);
    }

    @Test
    void aLongHeadIsRefusedAsNettyRefusedIt() {
        String answers = "HTTP/1.1 200 OK\r\nX-Big: " + "a".repeat(9000) + "\r\nContent-Length: 0\r\n\r\n";
        byte[] bytes = answers.getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(events(NettyDecodedAnswers::new, true, bytes, 0), events(ResponseParser::new, false, bytes, 0));
        String status = "HTTP/1.1 200 " + "O".repeat(5000) + "\r\nContent-Length: 0\r\n\r\n";
        bytes = status.getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(events(NettyDecodedAnswers::new, true, bytes, 0), events(ResponseParser::new, false, bytes, 0));
    }

    /** What the connection is told when {@code bytes} arrive in two reads split at {@code cut} (byte by byte if -1), then the connection closes. */
    private static List<String> events(Function<ResponseParser.Connection, ChannelHandler> handler, boolean decoder, byte[] bytes, int cut) {
        List<String> events = new ArrayList<>();
        ResponseParser.Connection connection = new ResponseParser.Connection() {
            @Override
            public void status(Channel from, int code) {
                events.add("status " + code);
            }

            @Override
            public void answered(Channel from, boolean keepAlive) {
                events.add("answered " + (keepAlive ? "keep-alive" : "close"));
            }

            @Override
            public void closed(Channel from) {
                events.add("closed");
            }
        };
        EmbeddedChannel channel = decoder ? new EmbeddedChannel(new HttpResponseDecoder(), handler.apply(connection))
                : new EmbeddedChannel(handler.apply(connection));
        if (cut < 0) {
            for (byte b : bytes) {
                channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
            }
        } else {
            // copies: Netty's decoder may keep a read buffer as its cumulation and write into it
            channel.writeInbound(Unpooled.copiedBuffer(bytes, 0, cut));
            channel.writeInbound(Unpooled.copiedBuffer(bytes, cut, bytes.length - cut));
        }
        channel.close();
        channel.finishAndReleaseAll();
        return events;
    }
}
