package io.cloudscale.playbooks.runbook;

import io.cloudscale.core.CloudscaleException;
import io.cloudscale.core.Durations;
import io.cloudscale.probes.logs.OperatorRegex;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Turns a runbook's YAML tree into a {@link Runbook}, checking all of it first: unknown keys, wrong types,
 * unknown probes and actions, references to inputs, environment or steps that do not exist (yet), shell
 * steps the runbook did not declare. Every problem is collected with its line and column; a runbook with
 * any problem is not returned.
 */
public final class RunbookReader {

    static final Pattern REFERENCE = Pattern.compile("\\$\\{([^}]*)}");
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9_-]{0,62}");
    private static final Set<String> TOP = Set.of("name", "description", "version", "tags", "inputs", "requires", "steps", "rollback");
    private static final Set<String> STEP_KEYS = keys(Set.of("id", "name", "when", "timeout", "retries", "on_failure", "interval", "with", "until"),
            StepKind.READERS.keySet().stream());
    private static final Set<String> CONDITION_KEYS = keys(Set.of("that", "path", "all", "any", "not"),
            java.util.Arrays.stream(Condition.Operator.values()).map(Condition.Operator::key));
    private static final Set<String> INPUT_KEYS = Set.of("type", "default", "description");
    private static final Set<String> REQUIRES_KEYS = Set.of("env", "shell");
    private static final Set<String> STEP_FIELDS = Set.of("status", "value", "evidence", "reason", "outcome", "output", "detail");

    /** What the steps may name: the probes and actions this build has, and other runbooks by name. */
    public interface Names {
        Set<String> probes();

        /** The diagnosis trees a diagnose step may run (cloudscale diagnose --list). */
        Set<String> diagnoses();

        Set<String> actions();

        /** True when NAME is a built-in runbook or a readable file relative to the referring one. */
        boolean runbookExists(String reference, String from);
    }

    /** The runbook, or the problems that kept it from being one. */
    public record Result(Runbook runbook, List<Problem> problems) {
        public boolean valid() {
            return problems.isEmpty();
        }
    }

    private final String file;
    private final Names names;
    private final List<Problem> problems = new ArrayList<>();
    private final Map<String, Input> inputs = new LinkedHashMap<>();
    private final List<String> environment = new ArrayList<>();
    private final Set<String> stepIds = new HashSet<>();
    private boolean shell;
    /** What the step kinds' readers use of this one. */
    private final StepKind.Reading reading = new StepKind.Reading() {
        public Names names() {
            return names;
        }

        public void problem(Node node, String message) {
            RunbookReader.this.problem(node, message);
        }

        public String scalar(Node node) {
            return scalarText(node);
        }

        public String known(Node node, Set<String> known, String what) {
            String name = scalarText(node);
            if (name == null || !known.contains(name)) {
                problem(node, "no " + what + " named '" + name + "'; known: " + String.join(", ", known.stream().sorted().toList()));
            }
            return name;
        }

        public Condition condition(Node node) {
            return RunbookReader.this.condition(node);
        }

        public Duration duration(Node node, String what) {
            return RunbookReader.this.duration(node, what);
        }

        public List<String> strings(Node node, String what) {
            return RunbookReader.this.strings(node, what);
        }

        public void references(Node node, String text) {
            RunbookReader.this.references(node, text);
        }

        public boolean declaresShell() {
            return shell;
        }

        public boolean runbookExists(String reference) {
            return names.runbookExists(reference, file);
        }
    };

    private RunbookReader(String file, Names names) {
        this.file = file;
        this.names = names;
    }

    public static Result read(YamlDocument.Parsed parsed, String file, Names names) {
        if (parsed.problem() != null) {
            return new Result(null, List.of(parsed.problem()));
        }
        return new RunbookReader(file, names).runbook(parsed.root());
    }

    private Result runbook(Node root) {
        if (!(root instanceof MappingNode top)) {
            problem(root, "a runbook is a mapping (name:, steps:, ...), not a " + kind(root));
            return new Result(null, List.copyOf(problems));
        }
        Map<String, Node> fields = fields(top, TOP, "runbook");
        String name = required(top, fields, "name", "runbook");
        if (name != null && !NAME.matcher(name).matches()) {
            problem(fields.get("name"), "name '" + name + "' must be lower-case letters, digits and dashes");
        }
        String description = optionalScalar(fields.get("description"));
        String version = optionalScalar(fields.get("version"));
        List<String> tags = fields.containsKey("tags") ? strings(fields.get("tags"), "tags") : List.of();
        if (fields.containsKey("requires")) {
            requires(fields.get("requires"));
        }
        if (fields.containsKey("inputs")) {
            inputs(fields.get("inputs"));
        }
        List<Step> steps = List.of();
        if (!fields.containsKey("steps")) {
            problem(top, "a runbook needs steps:");
        } else {
            steps = steps(fields.get("steps"), "steps");
            if (steps.isEmpty() && problems.isEmpty()) {
                problem(fields.get("steps"), "steps: is empty");
            }
        }
        List<Step> rollback = fields.containsKey("rollback") ? steps(fields.get("rollback"), "rollback") : List.of();
        if (!rollback.isEmpty() && steps.stream().noneMatch(step -> step.onFailure() == Step.OnFailure.ROLLBACK)) {
            problem(fields.get("rollback"), "rollback: is never used: no step has on_failure: rollback");
        }
        if (!problems.isEmpty()) {
            return new Result(null, inFileOrder());
        }
        return new Result(new Runbook(name, description == null ? "" : description, version == null ? "1" : version, tags, inputs,
                environment, shell, steps, rollback, file), List.of());
    }

    private static Set<String> keys(Set<String> fixed, java.util.stream.Stream<String> more) {
        Set<String> all = new HashSet<>(fixed);
        more.forEach(all::add);
        return Set.copyOf(all);
    }

    private List<Problem> inFileOrder() {
        return problems.stream().sorted(java.util.Comparator.comparingInt(Problem::line).thenComparingInt(Problem::column)).toList();
    }

    private void requires(Node node) {
        if (!(node instanceof MappingNode mapping)) {
            problem(node, "requires: is a mapping (env:, shell:)");
            return;
        }
        Map<String, Node> fields = fields(mapping, REQUIRES_KEYS, "requires");
        if (fields.containsKey("env")) {
            environment.addAll(strings(fields.get("env"), "requires.env"));
        }
        if (fields.containsKey("shell")) {
            Boolean allowed = bool(fields.get("shell"), "requires.shell");
            shell = Boolean.TRUE.equals(allowed);
        }
    }

    private void inputs(Node node) {
        if (!(node instanceof MappingNode mapping)) {
            problem(node, "inputs: is a mapping of NAME: {type:, default:, description:}");
            return;
        }
        for (NodeTuple tuple : mapping.getValue()) {
            String name = scalarText(tuple.getKeyNode());
            if (name == null || !ID.matcher(name).matches()) {
                problem(tuple.getKeyNode(), "input names are lower-case identifiers");
                continue;
            }
            if (!(tuple.getValueNode() instanceof MappingNode spec)) {
                problem(tuple.getValueNode(), "input " + name + " is a mapping {type:, default:, description:}");
                continue;
            }
            Map<String, Node> fields = fields(spec, INPUT_KEYS, "input " + name);
            Input.Type type = fields.containsKey("type") ? choice(fields.get("type"), "type", Input.Type.class, Input.Type.STRING) : Input.Type.STRING;
            String defaultValue = fields.containsKey("default") ? scalarText(fields.get("default")) : null;
            Input input = new Input(name, type, defaultValue, String.valueOf(optionalScalar(fields.get("description"))));
            if (defaultValue != null && input.reject(defaultValue) != null) {
                problem(fields.get("default"), "default of " + name + ": " + input.reject(defaultValue));
            }
            inputs.put(name, input);
        }
    }

    /** One of {@code type}'s constants, by its name in any case; a problem, and {@code otherwise}, for anything else. */
    private <E extends Enum<E>> E choice(Node node, String key, Class<E> type, E otherwise) {
        String text = scalarText(node);
        try {
            return Enum.valueOf(type, String.valueOf(text).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            String choices = Arrays.stream(type.getEnumConstants()).map(constant -> constant.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "));
            problem(node, key + " '" + text + "' is not one of " + choices);
            return otherwise;
        }
    }

    private List<Step> steps(Node node, String where) {
        if (!(node instanceof SequenceNode sequence)) {
            problem(node, where + ": is a list of steps (- probe: ..., - check: ...)");
            return List.of();
        }
        List<Step> steps = new ArrayList<>();
        int index = 0;
        for (Node item : sequence.getValue()) {
            index++;
            Step step = step(item, where, index);
            if (step != null) {
                steps.add(step);
            }
        }
        return steps;
    }

    private Step step(Node node, String where, int index) {
        if (!(node instanceof MappingNode mapping)) {
            problem(node, "a step is a mapping with one of " + kinds() + ", not a " + kind(node));
            return null;
        }
        Map<String, Node> fields = fields(mapping, STEP_KEYS, "step");
        List<String> keys = StepKind.READERS.keySet().stream().filter(fields::containsKey).toList();
        if (keys.size() != 1) {
            problem(mapping, keys.isEmpty() ? "a step needs one of " + kinds() : "a step does one thing, not " + keys);
            return null;
        }
        String key = keys.getFirst();
        String id = fields.containsKey("id") ? scalarText(fields.get("id")) : where.equals("steps") ? key + "-" + index : "rollback-" + index;
        if (id == null || !ID.matcher(id).matches()) {
            problem(fields.get("id"), "step id '" + id + "' must be a lower-case identifier");
        } else if (!stepIds.add(id)) {
            problem(fields.containsKey("id") ? fields.get("id") : mapping, "a step with id '" + id + "' comes earlier");
        }
        Condition when = fields.containsKey("when") ? condition(fields.get("when")) : null;
        StepKind kind = StepKind.READERS.get(key).read(fields.get(key), fields, reading);
        if (!(kind instanceof StepKind.Wait)) {
            if (fields.containsKey("until")) {
                problem(fields.get("until"), "until: belongs to wait steps");
            }
            if (fields.containsKey("interval")) {
                problem(fields.get("interval"), "interval: belongs to wait steps");
            }
        }
        Map<String, Object> with = fields.containsKey("with") ? with(fields.get("with"), kind) : Map.of();
        Duration timeout = fields.containsKey("timeout") ? duration(fields.get("timeout"), "timeout") : null;
        int retries = fields.containsKey("retries") ? integer(fields.get("retries"), "retries", 0, 10) : 0;
        Step.OnFailure onFailure = Step.OnFailure.STOP;
        if (fields.containsKey("on_failure")) {
            onFailure = choice(fields.get("on_failure"), "on_failure", Step.OnFailure.class, Step.OnFailure.STOP);
            if (onFailure == Step.OnFailure.ROLLBACK && where.equals("rollback")) {
                problem(fields.get("on_failure"), "a rollback step cannot roll back");
            }
        }
        // a step's own results are there for its until: (a wait observes again and again), not for anything before
        return new Step(id, kind, optionalScalar(fields.get("name")), with, when, timeout, retries, onFailure,
                mapping.getStartMark().getLine() + 1, mapping.getStartMark().getColumn() + 1);
    }

    private Map<String, Object> with(Node node, StepKind kind) {
        if (!kind.takesArguments()) {
            problem(node, "with: gives a probe's, a diagnosis's or an action's arguments, or a run's inputs");
            return Map.of();
        }
        if (!(node instanceof MappingNode mapping)) {
            problem(node, "with: is a mapping of NAME: VALUE");
            return Map.of();
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            String key = scalarText(tuple.getKeyNode());
            Object value = plain(tuple.getValueNode());
            if (key == null || value == null) {
                problem(tuple.getValueNode(), "with: values are text, numbers, booleans or lists of them");
                continue;
            }
            values.put(key, value);
        }
        return values;
    }

    /** A scalar, or a list of scalars, as plain text; references checked. Null for anything else. */
    private Object plain(Node node) {
        if (node instanceof ScalarNode scalar) {
            references(node, scalar.getValue());
            return scalar.getValue();
        }
        if (node instanceof SequenceNode sequence) {
            List<String> items = new ArrayList<>();
            for (Node item : sequence.getValue()) {
                if (!(item instanceof ScalarNode scalar)) {
                    return null;
                }
                references(item, scalar.getValue());
                items.add(scalar.getValue());
            }
            return items;
        }
        return null;
    }

    private Condition condition(Node node) {
        if (!(node instanceof MappingNode mapping)) {
            problem(node, "a condition is a mapping: {that: ${...}, equals: ...}, {all: [...]}, {any: [...]} or {not: {...}}");
            return null;
        }
        Map<String, Node> fields = fields(mapping, CONDITION_KEYS, "condition");
        for (String group : List.of("all", "any")) {
            if (fields.containsKey(group)) {
                if (fields.size() != 1) {
                    problem(mapping, group + ": stands alone in its condition");
                }
                if (!(fields.get(group) instanceof SequenceNode sequence) || sequence.getValue().isEmpty()) {
                    problem(fields.get(group), group + ": is a non-empty list of conditions");
                    return null;
                }
                List<Condition> parts = new ArrayList<>();
                sequence.getValue().forEach(part -> parts.add(condition(part)));
                return group.equals("all") ? new Condition.All(parts) : new Condition.Any(parts);
            }
        }
        if (fields.containsKey("not")) {
            if (fields.size() != 1) {
                problem(mapping, "not: stands alone in its condition");
            }
            return new Condition.Not(condition(fields.get("not")));
        }
        if (!fields.containsKey("that")) {
            problem(mapping, "a condition needs that: (the value to test), or all:/any:/not:");
            return null;
        }
        String that = scalarText(fields.get("that"));
        references(fields.get("that"), that);
        String path = optionalScalar(fields.get("path"));
        if (path != null && !path.startsWith("$")) {
            problem(fields.get("path"), "path: is a JsonPath starting with $, e.g. $.requests");
        }
        List<Condition.Operator> operators = new ArrayList<>();
        for (Condition.Operator operator : Condition.Operator.values()) {
            if (fields.containsKey(operator.key())) {
                operators.add(operator);
            }
        }
        if (operators.size() != 1) {
            problem(mapping, "a condition has one comparison: one of " + java.util.Arrays.stream(Condition.Operator.values()).map(Condition.Operator::key).toList());
            return null;
        }
        Condition.Operator operator = operators.getFirst();
        Node operandNode = fields.get(operator.key());
        Object operand = plain(operandNode);
        switch (operator) {
            case BETWEEN -> {
                if (!(operand instanceof List<?> bounds) || bounds.size() != 2 || !numbers(bounds)) {
                    problem(operandNode, "between: is [LOW, HIGH], two numbers");
                }
            }
            case IN -> {
                if (!(operand instanceof List<?>)) {
                    problem(operandNode, "in: is a list of values");
                }
            }
            case GREATER_THAN, LESS_THAN, AT_LEAST, AT_MOST -> {
                if (!(operand instanceof String text) || !(number(text) || text.contains("${"))) {
                    problem(operandNode, operator.key() + ": compares with a number");
                }
            }
            case MATCHES -> {
                try {
                    OperatorRegex.compile(String.valueOf(operand), "matches:");
                } catch (CloudscaleException.Usage e) {
                    problem(operandNode, e.getMessage());
                }
            }
            default -> {
                if (operand == null) {
                    problem(operandNode, operator.key() + ": needs a value");
                }
            }
        }
        return new Condition.Compare(that, path, operator, operand);
    }

    private static boolean numbers(List<?> values) {
        return values.stream().allMatch(value -> value instanceof String text && number(text));
    }

    private static boolean number(String text) {
        try {
            Double.parseDouble(text.strip());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Every ${...} in a value must name a declared input, a required environment variable, or an earlier step. */
    private void references(Node node, String text) {
        if (text == null) {
            return;
        }
        Matcher matcher = REFERENCE.matcher(text);
        while (matcher.find()) {
            String[] parts = matcher.group(1).strip().split("\\.", -1);
            String problem = switch (parts[0]) {
                case "inputs" -> parts.length == 2 && inputs.containsKey(parts[1]) ? null
                        : "${" + matcher.group(1) + "}: no input named '" + (parts.length > 1 ? parts[1] : "") + "' (declare it under inputs:)";
                case "env" -> parts.length == 2 && environment.contains(parts[1]) ? null
                        : "${" + matcher.group(1) + "}: declare the variable under requires: {env: [" + (parts.length > 1 ? parts[1] : "") + "]}";
                case "steps" -> parts.length < 3 || !stepIds.contains(parts[1])
                        ? "${" + matcher.group(1) + "}: no earlier step with id '" + (parts.length > 1 ? parts[1] : "") + "'"
                        : !STEP_FIELDS.contains(parts[2]) ? "${" + matcher.group(1) + "}: a step has " + STEP_FIELDS.stream().sorted().toList() : null;
                default -> "${" + matcher.group(1) + "}: references start with inputs., env. or steps.";
            };
            if (problem != null) {
                problem(node, problem);
            }
        }
    }

    private Map<String, Node> fields(MappingNode mapping, Set<String> allowed, String what) {
        Map<String, Node> fields = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            String key = scalarText(tuple.getKeyNode());
            if (key == null || !allowed.contains(key)) {
                problem(tuple.getKeyNode(), "unknown key '" + key + "' in " + what + "; expected one of " + allowed.stream().sorted().toList());
                continue;
            }
            if (fields.containsKey(key)) {
                // YAML lets the second win silently; in a runbook that hides a mistake
                problem(tuple.getKeyNode(), "duplicate key '" + key + "' in " + what);
                continue;
            }
            fields.put(key, tuple.getValueNode());
        }
        return fields;
    }

    private String required(Node parent, Map<String, Node> fields, String key, String what) {
        if (!fields.containsKey(key)) {
            problem(parent, what + " needs " + key + ":");
            return null;
        }
        String value = scalarText(fields.get(key));
        if (value == null || value.isBlank()) {
            problem(fields.get(key), key + ": must be text");
        }
        return value;
    }

    private String optionalScalar(Node node) {
        if (node == null) {
            return null;
        }
        String value = scalarText(node);
        if (value == null) {
            problem(node, "expected text, not a " + kind(node));
        }
        return value;
    }

    private List<String> strings(Node node, String what) {
        if (!(node instanceof SequenceNode sequence)) {
            problem(node, what + " is a list: [a, b]");
            return List.of();
        }
        List<String> values = new ArrayList<>();
        for (Node item : sequence.getValue()) {
            String value = scalarText(item);
            if (value == null) {
                problem(item, what + " holds text, not a " + kind(item));
            } else {
                values.add(value);
            }
        }
        return values;
    }

    private Boolean bool(Node node, String what) {
        String text = scalarText(node);
        if (!"true".equals(text) && !"false".equals(text)) {
            problem(node, what + " is true or false");
            return null;
        }
        return Boolean.parseBoolean(text);
    }

    private int integer(Node node, String what, int min, int max) {
        String text = scalarText(node);
        try {
            int value = Integer.parseInt(String.valueOf(text).strip());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problem(node, what + " is a whole number from " + min + " to " + max);
        return min;
    }

    private Duration duration(Node node, String what) {
        String text = scalarText(node);
        try {
            Duration duration = Durations.parse(text);
            if (!duration.isZero() && duration.compareTo(Duration.ofHours(1)) <= 0) {
                return duration;
            }
        } catch (CloudscaleException.Usage e) {
            // reported below
        }
        problem(node, what + " is a duration from 1ms to 1h, like 30s");
        return null;
    }

    private static String scalarText(Node node) {
        return node instanceof ScalarNode scalar ? scalar.getValue() : null;
    }

    private static String kind(Node node) {
        return node instanceof MappingNode ? "mapping" : node instanceof SequenceNode ? "list" : "value";
    }

    private static String kinds() {
        return StepKind.READERS.keySet().toString();
    }

    private void problem(Node node, String message) {
        int line = node == null ? 1 : node.getStartMark().getLine() + 1;
        int column = node == null ? 1 : node.getStartMark().getColumn() + 1;
        // a quoted YAML value may hold line breaks, and a problem is one line of `playbook validate`
        problems.add(new Problem(file, line, column, message.replace("\r", "\\r").replace("\n", "\\n")));
    }
}
