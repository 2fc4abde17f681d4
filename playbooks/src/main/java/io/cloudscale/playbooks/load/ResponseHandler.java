package io.cloudscale.playbooks.load;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;

/** Hands a connection's answers back to it: the status when the head arrives, the end when the body has. */
final class ResponseHandler extends SimpleChannelInboundHandler<HttpObject> {
    /** The side that owns the request in flight. */
    interface Connection {
        void status(io.netty.channel.Channel from, int code);

        void answered(io.netty.channel.Channel from, boolean keepAlive);

        void closed(io.netty.channel.Channel from);
    }

    private final Connection connection;
    private boolean keepAlive = true;

    ResponseHandler(Connection connection) {
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
