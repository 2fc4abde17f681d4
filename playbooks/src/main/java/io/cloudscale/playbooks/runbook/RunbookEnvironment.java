package io.cloudscale.playbooks.runbook;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/** The stack a runbook acts on and where its journal goes: what the CLI session knows. */
public record RunbookEnvironment(String dockerHost, String project, Path stackDir, Map<String, String> environment, Path home, Clock clock) {
}
