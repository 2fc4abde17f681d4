package io.cloudscale.playbooks.load;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollMode;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * An open-model HTTP/1.1 load generator: requests are due at a constant arrival rate whatever the server
 * does, spread over keep-alive connections (one request in flight on each, as wrk and wrk2 do). A
 * connection that is still waiting when its next request is due sends it as soon as it can, and that
 * request's latency is counted from when it was due: a slow server cannot hide its latency by slowing the
 * generator down (no coordinated omission).
 */
public final class HttpLoadGenerator implements AutoCloseable {

    private final LoadPlan plan;
    private final EventLoopGroup loops;
    private final Bootstrap bootstrap;
    private final ByteBuf request;
    private final List<PacedConnection> connections = new ArrayList<>();

    public HttpLoadGenerator(LoadPlan plan) {
        this(plan, Runtime.getRuntime().availableProcessors());
    }

    public HttpLoadGenerator(LoadPlan plan, int threads) {
        this.plan = plan;
        boolean epoll = Epoll.isAvailable();
        this.loops = epoll ? new EpollEventLoopGroup(threads) : new NioEventLoopGroup(threads);
        InetSocketAddress address = new InetSocketAddress(plan.target().getHost(), port(plan));
        this.request = Unpooled.unreleasableBuffer(Unpooled.directBuffer().writeBytes(encode(plan)));
        this.bootstrap = new Bootstrap().channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
                .remoteAddress(address)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, plan.timeout().toMillis()));
        if (epoll) {
            // level-triggered: one read(2) per answer, where edge-triggered reads again until EAGAIN (as wrk, one)
            bootstrap.option(EpollChannelOption.EPOLL_MODE, EpollMode.LEVEL_TRIGGERED);
        }
        for (int i = 0; i < plan.connections(); i++) {
            connections.add(new PacedConnection(i, loops.next()));
        }
    }

    private static int port(LoadPlan plan) {
        return plan.target().getPort() > 0 ? plan.target().getPort() : 80;
    }

    private static byte[] encode(LoadPlan plan) {
        String path = plan.target().getRawPath() == null || plan.target().getRawPath().isEmpty() ? "/" : plan.target().getRawPath();
        if (plan.target().getRawQuery() != null) {
            path += "?" + plan.target().getRawQuery();
        }
        String head = "POST " + path + " HTTP/1.1\r\n"
                + "Host: " + plan.target().getHost() + ":" + port(plan) + "\r\n"
                + "Content-Type: application/json\r\n"
                + "X-Client-Id: " + plan.clientId() + "\r\n"
                + "Content-Length: " + plan.body().length + "\r\n\r\n";
        byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[headBytes.length + plan.body().length];
        System.arraycopy(headBytes, 0, all, 0, headBytes.length);
        System.arraycopy(plan.body(), 0, all, headBytes.length, plan.body().length);
        return all;
    }

    /**
     * Opens every connection before the first stage, so its handshakes are not measured as the endpoint's
     * latency (as wrk does). One that cannot connect now is tried again when its first request is due.
     */
    public void connect() throws InterruptedException {
        CountDownLatch connected = new CountDownLatch(connections.size());
        for (PacedConnection connection : connections) {
            connection.loop.execute(() -> connection.open(connected));
        }
        connected.await(plan.timeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
    }

    /**
     * Runs one stage: returns once every request due before its end was sent and answered (or timed out),
     * or counted as unsent when it was still waiting for a connection at the end.
     */
    public void run(Stage stage, LoadRecorder recorder) throws InterruptedException {
        double nanosPerRequest = 1e9 / stage.rate();
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1);
        long end = start + stage.duration().toNanos();
        CountDownLatch finished = new CountDownLatch(connections.size());
        for (PacedConnection connection : connections) {
            connection.loop.execute(() -> connection.begin(new Schedule(start, end, nanosPerRequest), recorder, finished));
        }
        finished.await();
    }

    @Override
    public void close() {
        for (PacedConnection connection : connections) {
            connection.loop.execute(connection::closeChannel);
        }
        loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** When request n of the whole stage is due; connection k sends requests k, k + C, k + 2C, ... */
    private record Schedule(long start, long end, double nanosPerRequest) {
        long due(long n) {
            return start + (long) (n * nanosPerRequest);
        }
    }

    /** One keep-alive connection and its share of the schedule; every method runs on its own event loop. */
    private final class PacedConnection implements ResponseParser.Connection {
        private final int index;
        private final EventLoop loop;
        private Schedule schedule;
        private LoadRecorder recorder;
        private CountDownLatch finished;
        private long next;
        private Channel channel;
        private boolean connecting;
        private boolean waiting;
        private boolean inFlight;
        private boolean done;
        private long inFlightDue;
        /** When the request in flight times out: {@link #checkTimeout} looks, one timer per connection at a time. */
        private long deadline;
        private boolean timerArmed;
        private final Runnable timeoutCheck = this::checkTimeout;
        private final Runnable dueTask = () -> {
            waiting = false;
            fire();
        };
        private int status;
        /** This connection's view of the request, written again once the previous write has left. */
        private ByteBuf outgoing;
        private Channel outgoingOn;

        PacedConnection(int index, EventLoop loop) {
            this.index = index;
            this.loop = loop;
        }

        void begin(Schedule schedule, LoadRecorder recorder, CountDownLatch finished) {
            this.schedule = schedule;
            this.recorder = recorder;
            this.finished = finished;
            this.next = index;
            this.done = false;
            proceed();
        }

        private long nextDue() {
            return schedule.due(next);
        }

        private void advance() {
            next += connections.size();
        }

        /** Sends the next request when it is due, or ends this connection's part of the stage. */
        private void proceed() {
            if (done || inFlight || connecting || waiting) {
                return;
            }
            long due = nextDue();
            if (due >= schedule.end()) {
                finish();
                return;
            }
            long now = System.nanoTime();
            if (now >= schedule.end()) {
                // still behind when the stage ended: what was due and never sent waited at least until now
                Schedule dues = schedule;
                long first = next;
                long step = connections.size();
                long count = 0;
                while (dues.due(first + count * step) < dues.end()) {
                    count++;
                }
                recorder.unsent(count, i -> dues.due(first + i * step), now);
                next = first + count * step;
                finish();
                return;
            }
            if (due > now) {
                waiting = true;
                loop.schedule(dueTask, due - now, TimeUnit.NANOSECONDS);
            } else {
                fire();
            }
        }

        void open(CountDownLatch connected) {
            connecting = true;
            newChannel().addListener(future -> {
                connecting = false;
                if (future.isSuccess()) {
                    channel = ((ChannelFuture) future).channel();
                }
                connected.countDown();
            });
        }

        private ChannelFuture newChannel() {
            return bootstrap.clone(loop).handler(new ChannelInitializer<>() {
                @Override
                protected void initChannel(Channel ch) {
                    ch.pipeline().addLast(new ResponseParser(PacedConnection.this));
                }
            }).connect();
        }

        private void fire() {
            long due = nextDue();
            if (channel != null && channel.isActive()) {
                send(due);
                return;
            }
            connecting = true;
            newChannel().addListener(future -> {
                connecting = false;
                if (future.isSuccess()) {
                    channel = ((ChannelFuture) future).channel();
                    send(due);
                } else {
                    recorder.ended(Outcome.CONNECTION, due, System.nanoTime());
                    advance();
                    proceed();
                }
            });
        }

        private void send(long due) {
            inFlight = true;
            inFlightDue = due;
            status = 0;
            recorder.sent();
            long timeoutNanos = plan.timeout().toNanos();
            deadline = System.nanoTime() + timeoutNanos;
            channel.writeAndFlush(requestBytes(), channel.voidPromise());
            if (!timerArmed) {
                timerArmed = true;
                loop.schedule(timeoutCheck, timeoutNanos, TimeUnit.NANOSECONDS);
            }
        }

        /**
         * The request's bytes for this channel: the same view again when nothing of the last write is still
         * queued (a buffer fully written keeps its reader index; one partly written has moved it), else a new one.
         */
        private ByteBuf requestBytes() {
            io.netty.channel.ChannelOutboundBuffer queued = channel.unsafe().outboundBuffer();
            if (outgoing == null || outgoingOn != channel || queued == null || !queued.isEmpty()) {
                outgoing = request.duplicate();
                outgoingOn = channel;
            } else {
                outgoing.readerIndex(0);
            }
            return outgoing;
        }

        /**
         * The timeout of the request in flight, without a timer per request: the timer set for an earlier
         * request that ended looks again at the current one's deadline and waits until it.
         */
        private void checkTimeout() {
            timerArmed = false;
            if (!inFlight) {
                return;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                timedOut();
            } else {
                timerArmed = true;
                loop.schedule(timeoutCheck, left, TimeUnit.NANOSECONDS);
            }
        }

        @Override
        public void status(Channel from, int code) {
            if (from == channel) {
                status = code;
            }
        }

        @Override
        public void answered(Channel from, boolean keepAlive) {
            if (from != channel || !inFlight) {
                return;
            }
            end(Outcome.of(status));
            if (!keepAlive) {
                closeChannel();
            }
            proceed();
        }

        @Override
        public void closed(Channel from) {
            if (from != channel) {
                return;
            }
            channel = null;
            if (inFlight) {
                end(Outcome.CONNECTION);
                proceed();
            }
        }

        private void timedOut() {
            if (!inFlight) {
                return;
            }
            end(Outcome.TIMEOUT);
            closeChannel();
            proceed();
        }

        private void end(Outcome outcome) {
            inFlight = false;
            recorder.ended(outcome, inFlightDue, System.nanoTime());
            advance();
        }

        void closeChannel() {
            Channel closing = channel;
            channel = null;
            if (closing != null) {
                closing.close();
            }
        }

        private void finish() {
            if (!done) {
                done = true;
                finished.countDown();
            }
        }
    }
}
