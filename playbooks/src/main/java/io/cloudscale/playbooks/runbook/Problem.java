package io.cloudscale.playbooks.runbook;

/** One thing wrong with a runbook file, where an editor can jump to it (line and column from 1). */
public record Problem(String file, int line, int column, String message) {

    @Override
    public String toString() {
        return file + ":" + line + ":" + column + ": " + message;
    }
}
