package io.cloudscale.stack.ports;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.cloudscale.core.action.Action;
import java.util.List;

/** The steps a port fix would take, in order, and what it will not do (and why). */
public record RepairPlan(List<Step> steps, List<String> notes) {

    public RepairPlan {
        steps = List.copyOf(steps);
        notes = List.copyOf(notes);
    }

    public record Step(int port, @JsonIgnore Action action) {
        @JsonProperty
        public String kind() {
            return action.kind();
        }

        @JsonProperty
        public String target() {
            return action.target();
        }

        @JsonProperty
        public String description() {
            return action.description();
        }

        @JsonProperty
        public String reason() {
            return action.reason();
        }

        @JsonProperty
        public List<String> evidence() {
            return action.evidence();
        }
    }

    public boolean empty() {
        return steps.isEmpty();
    }
}
