package io.cloudscale.playbooks.load;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;

/**
 * What the generator read answers with before {@link ResponseParser}, kept as the reference it must agree
 * with: after Netty's HttpResponseDecoder, the status when a response head arrives, the end when its
 * LastHttpContent does.
 */
final class NettyDecodedAnswers extends SimpleChannelInboundHandler<HttpObject> {

    private final ResponseParser.Connection connection;
    private boolean keepAlive = true;

    NettyDecodedAnswers(ResponseParser.Connection connection) {
        this.connection = connection;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, HttpObject message) {
        if (message instanceof HttpResponse response) {
            keepAlive = HttpUtil.isKeepAlive(response);
            connection.status(ctx.channel(), response.status().code());
        }
        if (message instanceof LastHttpContent) {
            connection.answered(ctx.channel(), keepAlive);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        connection.closed(ctx.channel());
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
