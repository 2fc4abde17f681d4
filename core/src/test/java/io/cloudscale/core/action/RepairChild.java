package io.cloudscale.core.action;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A child JVM's journaled repair of three steps, each creating one file. {@code args}: the journal, the
 * folder, and where to wait to be killed: {@code N-before} (step N's intent written, nothing done) or
 * {@code N-after} (step N done, its result not written yet), or {@code none}.
 */
public final class RepairChild {

    static final List<String> FILES = List.of("a", "b", "c");

    record CreateFile(Path file) implements Action {
        @Override
        public String kind() {
            return "create-file";
        }

        @Override
        public String target() {
            return file.toString();
        }

        @Override
        public String description() {
            return "create " + file;
        }

        @Override
        public String reason() {
            return "the test's repair needs it";
        }

        @Override
        public List<String> evidence() {
            return List.of(file + (Files.exists(file) ? " exists" : " does not exist"));
        }

        @Override
        public Map<String, String> undo() {
            return Map.of("delete", file.toString());
        }

        @Override
        public Outcome apply() throws IOException {
            if (Files.exists(file)) {
                return new Outcome(file + " was there already", false);
            }
            Files.writeString(file, "made");
            return new Outcome("created " + file);
        }
    }

    /** Pauses for the kill before or after the action it wraps, as the test asked. */
    public record Pausing(Action action, boolean before, Path marker) implements Action {
        @Override
        public String kind() {
            return action.kind();
        }

        @Override
        public String target() {
            return action.target();
        }

        @Override
        public String description() {
            return action.description();
        }

        @Override
        public String reason() {
            return action.reason();
        }

        @Override
        public List<String> evidence() {
            return action.evidence();
        }

        @Override
        public Map<String, String> undo() {
            return action.undo();
        }

        @Override
        public Outcome apply() throws Exception {
            if (before) {
                ChildJvm.pauseHere(marker);
            }
            Outcome outcome = action.apply();
            ChildJvm.pauseHere(marker);
            return outcome;
        }
    }

    public static void main(String[] args) {
        Path journalFile = Path.of(args[0]);
        Path dir = Path.of(args[1]);
        String pause = args[2];
        Repair repair = new Journal(journalFile).begin("test repair", "create a, b and c", FILES);
        for (int i = 0; i < FILES.size(); i++) {
            Action action = new CreateFile(dir.resolve(FILES.get(i)));
            if (pause.startsWith((i + 1) + "-")) {
                action = new Pausing(action, pause.endsWith("before"), dir.resolve("paused"));
            }
            repair.apply(action, List::of);
        }
        repair.close("verify", "a, b and c", "check they exist", true, "all there", List.of());
    }
}
