package io.cloudscale.probes.signals;

import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelinePosition;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import com.azure.messaging.servicebus.administration.ServiceBusAdministrationClient;
import com.azure.messaging.servicebus.administration.ServiceBusAdministrationClientBuilder;
import com.azure.messaging.servicebus.administration.models.QueueRuntimeProperties;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import reactor.core.publisher.Mono;

/**
 * Azure Service Bus through `ServiceBusAdministrationClient.getQueueRuntimeProperties`. The emulator
 * (2.0+) serves the admin API over plain HTTP on its own port, while the SDK always builds
 * https://NAMESPACE/...: a pipeline policy rewrites each request's scheme and port for it.
 */
public final class ServiceBusQueue implements QueueBackend {

    private final ServiceBusAdministrationClient client;
    private final String queue;

    /** @param emulatorAdminPort the emulator's plain-HTTP admin port (5300), or null for the cloud service */
    public ServiceBusQueue(String connectionString, String queue, Integer emulatorAdminPort) {
        ServiceBusAdministrationClientBuilder builder = new ServiceBusAdministrationClientBuilder().connectionString(connectionString);
        if (emulatorAdminPort != null) {
            builder.addPolicy(new PlainHttpAdminEndpoint(emulatorAdminPort));
        }
        this.client = builder.buildClient();
        this.queue = queue;
    }

    @Override
    public String describe() {
        return "service-bus " + queue;
    }

    @Override
    public QueueCounts sample() {
        QueueRuntimeProperties properties = client.getQueueRuntimeProperties(queue);
        return new QueueCounts(properties.getActiveMessageCount(), properties.getDeadLetterMessageCount(),
                (long) properties.getScheduledMessageCount(), null);
    }

    /** Sends what the SDK addresses to https://host/... to http://host:PORT/... instead. */
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
