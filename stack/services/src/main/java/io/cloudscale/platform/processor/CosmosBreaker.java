package io.cloudscale.platform.processor;

import io.cloudscale.platform.store.StoreFailure;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * The circuit breaker named {@code cosmos} around every store call. Only transient store failures count
 * against it: a document the store refuses says nothing about the store's health. State changes and
 * refused calls are logged with Resilience4j's own event messages, the text operators (and the tool's
 * log signatures) search for.
 */
public final class CosmosBreaker {

    public static final String NAME = "cosmos";

    private CosmosBreaker() {
    }

    public static CircuitBreaker create(Duration openFor, Consumer<String> log) {
        CircuitBreakerConfig config = CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(20)
                .minimumNumberOfCalls(5)
                .failureRateThreshold(50)
                .waitDurationInOpenState(openFor)
                .permittedNumberOfCallsInHalfOpenState(2)
                .automaticTransitionFromOpenToHalfOpenEnabled(true)
                .recordException(error -> error instanceof StoreFailure failure ? failure.isTransient() : true)
                .build();
        CircuitBreaker breaker = CircuitBreaker.of(NAME, config);
        breaker.getEventPublisher()
                .onStateTransition(event -> log.accept(event.toString()))
                .onCallNotPermitted(event -> log.accept(event.toString()));
        return breaker;
    }
}
