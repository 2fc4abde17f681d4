package io.cloudscale.probes.logs;

import java.util.List;
import java.util.Optional;
import java.util.function.IntPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A known failure as it appears in a log line, in the exact words the library prints. A match may
 * carry a detail (the breaker's name, the host:port refused) pulled out by the pattern's `detail` group.
 */
public record Signature(String name, String meaning, List<Pattern> patterns) {

    public static final String API_SEND_FAILED = "api-send-failed";
    public static final String API_SHED = "api-shed";
    public static final String HOST_UNREACHABLE = "host-unreachable";
    public static final String STORE_CALL_FAILED = "store-call-failed";

    public Optional<String> match(String line) {
        return match(line, pattern -> true);
    }

    /** As {@link #match(String)}, trying only the patterns (by index) that {@code mayMatch} lets through. */
    Optional<String> match(String line, IntPredicate mayMatch) {
        for (int index = 0; index < patterns.size(); index++) {
            if (!mayMatch.test(index)) {
                continue;
            }
            Pattern pattern = patterns.get(index);
            Matcher matcher = pattern.matcher(line);
            if (matcher.find()) {
                String detail = pattern.namedGroups().containsKey("detail") ? matcher.group("detail") : null;
                return Optional.of(detail == null ? "" : detail);
            }
        }
        return Optional.empty();
    }

    /** The signatures the platform's RCA knows. */
    public static List<Signature> platform() {
        return List.of(
                new Signature("circuit-open", "a circuit breaker is open: calls to the store are rejected",
                        List.of(
                                // Resilience4j CallNotPermittedException
                                Pattern.compile("CircuitBreaker '(?<detail>[^']+)' is (?:OPEN|FORCED_OPEN) and does not permit further calls"),
                                // Resilience4j CircuitBreakerOnStateTransitionEvent
                                Pattern.compile("CircuitBreaker '(?<detail>[^']+)' changed state from \\w+ to (?:OPEN|FORCED_OPEN)"),
                                // Polly BrokenCircuitException and its OnCircuitOpened hook
                                Pattern.compile("The circuit is now open and is not allowing calls\\."),
                                Pattern.compile("\\bOnCircuitOpened\\b"))),
                new Signature("circuit-closed", "a circuit breaker closed again: calls to the store flow",
                        List.of(
                                Pattern.compile("CircuitBreaker '(?<detail>[^']+)' changed state from \\w+ to CLOSED"),
                                Pattern.compile("\\bOnCircuit(?:Closed|Reset)\\b"))),
                new Signature("tls-untrusted", "the JVM does not trust the server's certificate (self-signed emulator certificate)",
                        List.of(
                                Pattern.compile("PKIX path building failed"),
                                Pattern.compile("unable to find valid certification path to requested target"),
                                Pattern.compile("SSLHandshakeException"))),
                // the platform's processor, before it starts its receiver (stack/services EventProcessor, Health.Waiting)
                new Signature("store-certificate-wait", "the processor has not started: it waits for the store's certificate at its URL",
                        List.of(Pattern.compile("waiting for the store's certificate at (?<detail>[^\\s,]+), attempt \\d+"))),
                new Signature("connection-refused", "nothing listens where the service connects",
                        List.of(
                                // Netty: Connection refused: cosmos/172.18.0.3:8081 ; JDK: Connection refused (host:port when known)
                                Pattern.compile("Connection refused(?::\\s*(?<detail>[\\w.-]+(?:/[\\d.]+)?:\\d+))?"),
                                Pattern.compile("ECONNREFUSED\\s+(?<detail>[\\w.:-]+:\\d+)"))),
                new Signature(HOST_UNREACHABLE, "the service cannot resolve or reach the host it connects to (cut off its network, wrong name, firewalled)",
                        List.of(
                                // JDK: java.net.UnknownHostException: cosmos ; Netty's resolver: Failed to resolve 'cosmos' [A(1)]
                                Pattern.compile("UnknownHostException(?::\\s*(?<detail>[\\w.-]+))?"),
                                Pattern.compile("Failed to resolve '(?<detail>[^']+)'"),
                                Pattern.compile("Name or service not known"),
                                Pattern.compile("Temporary failure in name resolution"),
                                Pattern.compile("No route to host"),
                                Pattern.compile("Network is unreachable"),
                                Pattern.compile("Host is unreachable"),
                                // Netty: ConnectTimeoutException: connection timed out: cosmos/172.18.0.3:8081 ; JDK: Connect timed out
                                Pattern.compile("connection timed out(?::\\s*(?<detail>[\\w.-]+(?:/[\\d.]+)?:\\d+))?"),
                                Pattern.compile("Connect timed out"),
                                Pattern.compile("\\bEHOSTUNREACH\\b"),
                                Pattern.compile("\\bENETUNREACH\\b"),
                                Pattern.compile("\\bENOTFOUND\\b"),
                                Pattern.compile("\\bEAI_AGAIN\\b"))),
                new Signature("http-503", "requests rejected with 503 Service Unavailable (load shedding or no upstream)",
                        List.of(
                                Pattern.compile("\"status\"\\s*:\\s*\"?503\\b"),
                                Pattern.compile("\\bstatus=503\\b"),
                                Pattern.compile("\" 503 \\d+"))),
                new Signature("http-429", "requests rejected with 429 Too Many Requests (rate limit)",
                        List.of(
                                Pattern.compile("\"status\"\\s*:\\s*\"?429\\b"),
                                Pattern.compile("\\bstatus=429\\b"),
                                Pattern.compile("\" 429 \\d+"))),
                // the processor's own words (StoreWriter): a store call that failed for a reason that is not the event's
                new Signature(STORE_CALL_FAILED, "the event processor's calls to the store fail (its circuit opens once enough have)",
                        List.of(Pattern.compile("\\bstore call failed for event [\\w-]+: (?<detail>[^\\r\\n]{1,200})"))),
                // the ingestion API's own words (IngestionApi): a send the broker did not take, and a request it shed
                new Signature(API_SEND_FAILED, "the ingestion API could not hand an event to the queue broker (it answers 503)",
                        List.of(Pattern.compile("\\bsend failed status=503\\b(?:.*?: (?<detail>[^\\r\\n]+))?"))),
                new Signature(API_SHED, "the ingestion API shed a request on purpose (client over its rate, or sends in flight at the limit)",
                        List.of(Pattern.compile("\\bshed status=(?:429|503)\\b(?:.*reason=\"(?<detail>[^\"]+)\")?"))),
                new Signature("out-of-memory", "a process ran out of memory",
                        List.of(
                                Pattern.compile("java\\.lang\\.OutOfMemoryError(?::\\s*(?<detail>[^\\r\\n]+))?"),
                                Pattern.compile("Out of memory: Killed process"),
                                Pattern.compile("JavaScript heap out of memory"))));
    }
}
