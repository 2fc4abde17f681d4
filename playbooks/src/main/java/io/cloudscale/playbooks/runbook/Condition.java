package io.cloudscale.playbooks.runbook;

import java.util.List;

/** What a check, a wait or a step's {@code when} asks of the values so far. */
public sealed interface Condition {

    /**
     * A value ({@code that}: usually a ${...} reference, optionally narrowed by a JsonPath {@code path}) against
     * an operand.
     */
    record Compare(String that, String path, Operator operator, Object operand) implements Condition {
    }

    record All(List<Condition> conditions) implements Condition {
    }

    record Any(List<Condition> conditions) implements Condition {
    }

    record Not(Condition condition) implements Condition {
    }

    enum Operator {
        EQUALS("equals"), NOT_EQUALS("not_equals"), GREATER_THAN("greater_than"), LESS_THAN("less_than"),
        AT_LEAST("at_least"), AT_MOST("at_most"), BETWEEN("between"), IN("in"), MATCHES("matches");

        private final String key;

        Operator(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }
    }
}
