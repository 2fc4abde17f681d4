package io.cloudscale.cli;

import picocli.CommandLine;

/** Picocli's way to {@link VersionReport}, for `--version` on lines {@link VersionRequest} leaves to picocli. */
final class VersionProvider implements CommandLine.IVersionProvider {

    private final Session session;

    VersionProvider(Session session) {
        this.session = session;
    }

    @Override
    public String[] getVersion() {
        return new VersionReport(session).lines();
    }
}
