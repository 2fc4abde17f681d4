package io.cloudscale.cli;

import picocli.CommandLine;

/** Builds commands, giving each {@link SessionCommand} the invocation's {@link Session}. */
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
        if (type == VersionProvider.class) {
            return type.cast(new VersionProvider(session));
        }
        K made = fallback.create(type);
        if (made instanceof SessionCommand command) {
            command.session = session;
        }
        return made;
    }
}
