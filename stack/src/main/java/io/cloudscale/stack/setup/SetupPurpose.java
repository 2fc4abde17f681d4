package io.cloudscale.stack.setup;

/** What the machine is being made ready for: running the platform, or also running the project's tests. */
public enum SetupPurpose {
    /** The tool and the offline stack: a Docker engine, compose, and what builds the images here. */
    STACK,
    /** The above, plus what the integration tests use: a static busybox, iproute2 and a RabbitMQ broker of their own. */
    TESTS
}
