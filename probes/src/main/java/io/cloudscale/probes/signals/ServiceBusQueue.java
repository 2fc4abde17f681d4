package io.cloudscale.probes.signals;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelineNextSyncPolicy;
import com.azure.core.http.HttpPipelinePosition;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import com.azure.core.util.Context;
import com.azure.messaging.servicebus.administration.ServiceBusAdministrationClient;
import com.azure.messaging.servicebus.administration.ServiceBusAdministrationClientBuilder;
import io.cloudscale.core.CloudscaleException;
import io.cloudscale.core.Failures;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.time.Duration;
import java.net.URISyntaxException;
import java.net.URL;
import java.util.concurrent.atomic.AtomicReference;
import reactor.core.publisher.Mono;

/**
 * Azure Service Bus through the management API, with the SDK's ServiceBusAdministrationClient for its
 * SAS authentication. The cloud serves that API only over HTTPS; the emulator (2.0+) only over plain HTTP
 * on its own port (5300 unless SERVICEBUS_ADMIN_PORT says otherwise), while the SDK always builds
 * https://NAMESPACE/...: for the emulator, and only for it, a pipeline policy rewrites scheme and port.
 * Every request carries a SAS token, so a plain-HTTP endpoint for anything but the emulator is refused.
 */
public final class ServiceBusQueue implements QueueBackend {

    static final int EMULATOR_ADMIN_PORT = 5300;
    static final String ADMIN_PORT_SETTING = "SERVICEBUS_ADMIN_PORT";

    private final ServiceBusAdministrationClient client;
    private final String queue;
    private final URI adminEndpoint;
    private final AtomicReference<Answer> lastAnswer = new AtomicReference<>();

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(3);

    /** @param adminPort SERVICEBUS_ADMIN_PORT when set, else null */
    public ServiceBusQueue(String connectionString, String queue, Integer adminPort) {
        ServiceBusConnection connection = ServiceBusConnection.parse(connectionString);
        if (adminPort != null && !connection.emulator()) {
            throw new CloudscaleException.Usage(ADMIN_PORT_SETTING + "=" + adminPort + " would send the SAS token over plain HTTP to "
                    + connection.host() + ", which is not the emulator (its connection string has no UseDevelopmentEmulator=true)",
                    "unset " + ADMIN_PORT_SETTING + " for Azure Service Bus (HTTPS), or add UseDevelopmentEmulator=true for the emulator");
        }
        this.adminEndpoint = URI.create(connection.emulator()
                ? "http://" + connection.host() + ":" + (adminPort == null ? EMULATOR_ADMIN_PORT : adminPort)
                : "https://" + connection.host());
        ServiceBusAdministrationClientBuilder builder;
        try {
            builder = new ServiceBusAdministrationClientBuilder().connectionString(connectionString);
        } catch (IllegalArgumentException e) {
            throw new CloudscaleException.Usage(ServiceBusConnection.SETTING + ": " + Failures.describe(e), "check the connection string", e);
        }
        if (connection.emulator()) {
            builder.addPolicy(new PlainHttpAdminEndpoint(adminEndpoint.getPort()));
        }
        // one try, bounded: a refused or silent endpoint is reported in seconds, not after the SDK's retries
        builder.retryOptions(new com.azure.core.http.policy.RetryOptions(new com.azure.core.http.policy.FixedDelayOptions(0, Duration.ofMillis(100))))
                .clientOptions(new com.azure.core.util.HttpClientOptions().setConnectTimeout(CONNECT_TIMEOUT).setResponseTimeout(ANSWER_TIMEOUT)
                        .setReadTimeout(ANSWER_TIMEOUT));
        this.client = builder.addPolicy(new KeepAnswer(lastAnswer)).buildClient();
        this.queue = queue;
    }

    @Override
    public String describe() {
        return "service-bus " + queue;
    }

    /** Where the management requests go: https://NAMESPACE, or http://HOST:PORT for the emulator. */
    URI adminEndpoint() {
        return adminEndpoint;
    }

    @Override
    public QueueCounts sample() throws IOException, BadAnswer {
        String asked = "service-bus management " + adminEndpoint + ", queue " + queue;
        lastAnswer.set(null);
        RuntimeException failure = null;
        try {
            client.getQueueRuntimePropertiesWithResponse(queue, Context.NONE);
        } catch (RuntimeException e) {
            // The SDK's conversion throws a NullPointerException on an answer without MessageCount and reads
            // absent CountDetails as zeros: the counts are read from the answer itself, whatever the SDK made of it.
            failure = e;
        }
        Answer answer = lastAnswer.get();
        if (answer == null) {
            throw new IOException(asked + ": no answer: " + (failure == null ? "none" : Failures.describe(failure)), failure);
        }
        return QueueDescription.counts(asked, answer.status(), answer.contentType(), answer.body());
    }

    private record Answer(int status, String contentType, byte[] body) {
    }

    /** Keeps the last management answer as it came over the wire. */
    private static final class KeepAnswer implements HttpPipelinePolicy {
        private final AtomicReference<Answer> last;

        KeepAnswer(AtomicReference<Answer> last) {
            this.last = last;
        }

        @Override
        public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
            return next.process().map(HttpResponse::buffer).flatMap(response -> response.getBodyAsByteArray()
                    .defaultIfEmpty(new byte[0])
                    .doOnNext(body -> keep(response, body))
                    .thenReturn(response));
        }

        @Override
        public HttpResponse processSync(HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
            HttpResponse response = next.processSync().buffer();
            keep(response, response.getBodyAsBinaryData() == null ? new byte[0] : response.getBodyAsBinaryData().toBytes());
            return response;
        }

        private void keep(HttpResponse response, byte[] body) {
            last.set(new Answer(response.getStatusCode(), response.getHeaderValue(HttpHeaderName.CONTENT_TYPE), body));
        }

        @Override
        public HttpPipelinePosition getPipelinePosition() {
            return HttpPipelinePosition.PER_RETRY;
        }
    }

    /** Sends what the SDK addresses to https://host/... to http://host:PORT/... instead: the emulator only. */
    static final class PlainHttpAdminEndpoint implements HttpPipelinePolicy {
        private final int port;

        PlainHttpAdminEndpoint(int port) {
            this.port = port;
        }

        @Override
        public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
            URL url = context.getHttpRequest().getUrl();
            try {
                context.getHttpRequest().setUrl(new URI("http", null, url.getHost(), port, url.getPath(), url.getQuery(), null).toURL());
            } catch (URISyntaxException | MalformedURLException e) {
                return Mono.error(e);
            }
            return next.process();
        }

        @Override
        public HttpPipelinePosition getPipelinePosition() {
            return HttpPipelinePosition.PER_RETRY;
        }
    }
}
