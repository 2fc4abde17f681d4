package io.cloudscale.stack.setup;

/**
 * The RabbitMQ broker the integration tests talk to. It listens on 5673 because 5672 belongs to the offline
 * stack's own broker, and runs as a node of its own name, so setup can tell it from any other node on the
 * machine and stop only it.
 */
public final class TestBroker {

    public static final int PORT = 5673;
    public static final String NODE_NAME = "cloudscale-tests";
    /** What the tests read from CLOUDSCALE_IT_AMQP; the default they fall back to is this same address. */
    public static final String AMQP_URI = "amqp://guest:guest@127.0.0.1:" + PORT;

    private TestBroker() {
    }
}
