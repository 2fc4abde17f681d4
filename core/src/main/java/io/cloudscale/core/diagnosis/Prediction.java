package io.cloudscale.core.diagnosis;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * What a cause predicts the operator would measure if it were the cause: a shedding API answers 429/503
 * and logs its own shed lines; a healthy platform answers clients 2xx and its dashboard counts. A verdict
 * whose predictions do not hold does not explain the symptom.
 */
public record Prediction(String says, String probe, @JsonIgnore Function<Observation<?>, Boolean> holds) {

    /** Checked on the probe's value, of the type its key names; an observation the probe could not make leaves it unchecked. */
    public static <T> Prediction of(String says, ProbeKey<T> probe, Predicate<? super T> test) {
        return new Prediction(says, probe.name(), observation -> test.test(probe.valueOf(observation)));
    }

    /** How a prediction fared against what was seen. */
    public enum Outcome { HELD, FAILED, UNCHECKED }

    public record Check(String says, String probe, Outcome outcome, String detail) {
    }
}
