package io.cloudscale.playbooks.runbook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.Option;
import com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import io.cloudscale.core.json.Json;
import io.cloudscale.probes.logs.OperatorRegex;
import java.util.ArrayList;
import java.util.List;

/** Decides a condition against a run's values, and says in one line what it compared. */
public final class ConditionEvaluator {

    private static final Configuration JSON_PATH = Configuration.builder().jsonProvider(new JacksonJsonNodeJsonProvider())
            .mappingProvider(new JacksonMappingProvider()).options(Option.SUPPRESS_EXCEPTIONS).build();

    public record Verdict(boolean holds, String explanation) {
    }

    private ConditionEvaluator() {
    }

    public static Verdict evaluate(Condition condition, RunValues values) {
        return switch (condition) {
            case Condition.All all -> group(all.conditions(), values, true);
            case Condition.Any any -> group(any.conditions(), values, false);
            case Condition.Not not -> {
                Verdict inner = evaluate(not.condition(), values);
                yield new Verdict(!inner.holds(), "not (" + inner.explanation() + ")");
            }
            case Condition.Compare compare -> compare(compare, values);
        };
    }

    private static Verdict group(List<Condition> conditions, RunValues values, boolean all) {
        List<String> parts = new ArrayList<>();
        boolean holds = all;
        for (Condition condition : conditions) {
            Verdict verdict = evaluate(condition, values);
            parts.add(verdict.explanation());
            holds = all ? holds && verdict.holds() : holds || verdict.holds();
        }
        return new Verdict(holds, String.join(all ? " and " : " or ", parts));
    }

    private static Verdict compare(Condition.Compare compare, RunValues values) {
        JsonNode value = values.resolve(compare.that());
        String subject = compare.that() + (compare.path() == null ? "" : " " + compare.path());
        if (compare.path() != null && !value.isMissingNode()) {
            Object selected = JsonPath.using(JSON_PATH).parse(value).read(compare.path());
            // leaves come back as plain Java values, lists and objects as nodes
            value = selected == null ? MissingNode.getInstance() : selected instanceof JsonNode node ? node : Json.mapper().valueToTree(selected);
        }
        if (value.isMissingNode() || value.isNull()) {
            return new Verdict(false, subject + " has no value");
        }
        return compare(compare, value, subject, values);
    }

    /** A list (what a JsonPath wildcard or filter selects) holds when any of its items does: "some service restarted". */
    private static Verdict compare(Condition.Compare compare, JsonNode value, String subject, RunValues values) {
        Object operand = compare.operand() instanceof List<?> list
                ? list.stream().map(item -> values.text(String.valueOf(item))).toList() : values.text(String.valueOf(compare.operand()));
        String wanted = compare.operator().key() + " " + operand;
        if (!value.isArray()) {
            return new Verdict(holds(compare.operator(), value, operand), "%s is %s, wanted %s".formatted(subject, abbreviate(text(value)), wanted));
        }
        if (value.isEmpty()) {
            return new Verdict(false, subject + " selects nothing");
        }
        for (JsonNode item : value) {
            if (holds(compare.operator(), item, operand)) {
                return new Verdict(true, "%s has %s, wanted %s".formatted(subject, abbreviate(value.toString()), wanted));
            }
        }
        return new Verdict(false, "%s is %s, none %s".formatted(subject, abbreviate(value.toString()), wanted));
    }

    private static boolean holds(Condition.Operator operator, JsonNode value, Object operand) {
        Double number = number(value);
        return switch (operator) {
            case EQUALS -> same(value, String.valueOf(operand));
            case NOT_EQUALS -> !same(value, String.valueOf(operand));
            case GREATER_THAN -> number != null && number(operand) != null && number > number(operand);
            case LESS_THAN -> number != null && number(operand) != null && number < number(operand);
            case AT_LEAST -> number != null && number(operand) != null && number >= number(operand);
            case AT_MOST -> number != null && number(operand) != null && number <= number(operand);
            case BETWEEN -> {
                List<?> bounds = (List<?>) operand;
                yield number != null && number >= number(bounds.get(0)) && number <= number(bounds.get(1));
            }
            case IN -> ((List<?>) operand).stream().anyMatch(item -> same(value, String.valueOf(item)));
            case MATCHES -> OperatorRegex.compile(String.valueOf(operand), "matches:").find(text(value));
        };
    }

    private static String text(JsonNode value) {
        return value.isValueNode() ? value.asText() : value.toString();
    }

    private static boolean same(JsonNode value, String operand) {
        Double left = number(value);
        Double right = number(operand);
        if (left != null && right != null) {
            return left.doubleValue() == right.doubleValue();
        }
        return text(value).equals(operand);
    }

    private static Double number(Object value) {
        if (value instanceof JsonNode node) {
            if (node.isNumber()) {
                return node.asDouble();
            }
            value = node.isTextual() ? node.asText() : null;
        }
        if (value == null) {
            return null;
        }
        try {
            return Double.parseDouble(String.valueOf(value).strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 120 ? "'" + text + "'" : "'" + text.substring(0, 117) + "...'";
    }
}
