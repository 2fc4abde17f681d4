package io.cloudscale.cli;

/**
 * A command of this tool: picocli builds it and fills in its options, and {@link CommandFactory} gives it the
 * invocation's {@link Session} as it is built, so a command declares its options and its work, not a constructor.
 */
public abstract class SessionCommand {

    /** Set by {@link CommandFactory} before picocli parses into the command. */
    protected Session session;
}
