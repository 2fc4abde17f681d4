package io.cloudscale.cli;

import java.lang.reflect.Constructor;
import picocli.CommandLine;

/** Builds commands with the invocation's {@link Session} when they ask for it in their constructor. */
final class CommandFactory implements CommandLine.IFactory {

    private final Session session;
    private final CommandLine.IFactory fallback = CommandLine.defaultFactory();

    CommandFactory(Session session) {
        this.session = session;
    }

    @Override
    public <K> K create(Class<K> type) throws Exception {
        if (type == CloudscaleCommand.class) {
            return type.cast(new CloudscaleCommand(session.options()));
        }
        try {
            Constructor<K> withSession = type.getDeclaredConstructor(Session.class);
            return withSession.newInstance(session);
        } catch (NoSuchMethodException e) {
            return fallback.create(type);
        }
    }
}
