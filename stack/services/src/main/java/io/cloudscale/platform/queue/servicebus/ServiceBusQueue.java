package io.cloudscale.platform.queue.servicebus;

import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelinePosition;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import com.azure.messaging.servicebus.ServiceBusClientBuilder;
import com.azure.messaging.servicebus.ServiceBusErrorContext;
import com.azure.messaging.servicebus.ServiceBusException;
import com.azure.messaging.servicebus.ServiceBusMessage;
import com.azure.messaging.servicebus.ServiceBusProcessorClient;
import com.azure.messaging.servicebus.ServiceBusReceivedMessage;
import com.azure.messaging.servicebus.ServiceBusSenderClient;
import com.azure.messaging.servicebus.administration.ServiceBusAdministrationClient;
import com.azure.messaging.servicebus.administration.ServiceBusAdministrationClientBuilder;
import com.azure.messaging.servicebus.administration.models.QueueRuntimeProperties;
import com.azure.messaging.servicebus.models.ServiceBusReceiveMode;
import io.cloudscale.platform.common.Env;
import io.cloudscale.platform.event.Event;
import io.cloudscale.platform.queue.EventReceiver;
import io.cloudscale.platform.queue.EventSender;
import io.cloudscale.platform.queue.QueueDepth;
import io.cloudscale.platform.queue.QueueUnavailable;
import java.net.URI;
import java.net.URL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * The default profile's queue: Azure Service Bus (or its emulator). Sends are synchronous; the processor
 * settles in peek-lock mode, and an abandoned message's delivery count rises until Service Bus moves it
 * to the dead-letter sub-queue at the queue's MaxDeliveryCount.
 */
public final class ServiceBusQueue {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceBusQueue.class);

    private ServiceBusQueue() {
    }

    private static ServiceBusClientBuilder client(ServiceBusSettings settings) {
        return new ServiceBusClientBuilder().connectionString(settings.connectionString());
    }

    public static EventSender sender(Env env) {
        ServiceBusSettings settings = ServiceBusSettings.from(env);
        ServiceBusSenderClient sender = client(settings).sender().queueName(settings.queue()).buildClient();
        return new EventSender() {
            @Override
            public void send(Event event) throws QueueUnavailable {
                try {
                    sender.sendMessage(new ServiceBusMessage(event.toJson())
                            .setMessageId(event.id())
                            .setContentType("application/json")
                            .setSubject(event.type()));
                } catch (ServiceBusException | IllegalStateException e) {
                    throw new QueueUnavailable("Service Bus did not accept the message: " + e.getMessage(), e);
                }
            }

            @Override
            public boolean connected() {
                return true;
            }

            @Override
            public void close() {
                sender.close();
            }
        };
    }

    public static EventReceiver receiver(Env env) {
        ServiceBusSettings settings = ServiceBusSettings.from(env);
        int concurrency = env.integer("PROCESSOR_CONCURRENCY", 4, 1);
        return new EventReceiver() {
            private volatile ServiceBusProcessorClient processor;

            @Override
            public void start(Handler handler) {
                processor = client(settings).processor()
                        .queueName(settings.queue())
                        .receiveMode(ServiceBusReceiveMode.PEEK_LOCK)
                        .disableAutoComplete()
                        .maxConcurrentCalls(concurrency)
                        .processMessage(context -> {
                            ServiceBusReceivedMessage message = context.getMessage();
                            Outcome outcome = handler.handle(message.getBody().toBytes(), message.getMessageId(),
                                    message.getDeliveryCount() + 1);
                            if (outcome == Outcome.DONE) {
                                context.complete();
                            } else {
                                context.abandon();
                            }
                        })
                        .processError(ServiceBusQueue::logError)
                        .buildProcessorClient();
                processor.start();
            }

            @Override
            public boolean connected() {
                return processor != null && processor.isRunning();
            }

            @Override
            public void close() {
                if (processor != null) {
                    processor.close();
                }
            }
        };
    }

    private static void logError(ServiceBusErrorContext context) {
        LOG.warn("Service Bus {} error: {}", context.getErrorSource(), context.getException().toString());
    }

    public static QueueDepth depth(Env env) {
        ServiceBusSettings settings = ServiceBusSettings.from(env);
        ServiceBusAdministrationClientBuilder builder = new ServiceBusAdministrationClientBuilder().connectionString(settings.connectionString());
        if (settings.adminEndpoint() != null) {
            builder.addPolicy(new AdminEndpoint(settings.adminEndpoint()));
        }
        ServiceBusAdministrationClient admin = builder.buildClient();
        String queue = settings.queue();
        return new QueueDepth() {
            @Override
            public Depth depth() throws QueueUnavailable {
                try {
                    QueueRuntimeProperties properties = admin.getQueueRuntimeProperties(queue);
                    return new Depth(properties.getActiveMessageCount(), properties.getDeadLetterMessageCount());
                } catch (RuntimeException e) {
                    throw new QueueUnavailable("cannot read queue depth: " + e.getMessage(), e);
                }
            }

            @Override
            public void close() {
                // the admin client holds no connection between calls
            }
        };
    }

    /**
     * The SDK always builds https://NAMESPACE/... for the management API: this policy sends each request to
     * the configured endpoint instead (the emulator's plain-HTTP port; ServiceBusSettings allows no other in clear).
     */
    static final class AdminEndpoint implements HttpPipelinePolicy {
        private final URI endpoint;

        AdminEndpoint(URI endpoint) {
            this.endpoint = endpoint;
        }

        @Override
        public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
            URL url = context.getHttpRequest().getUrl();
            try {
                context.getHttpRequest().setUrl(new URI(endpoint.getScheme(), null, endpoint.getHost(), endpoint.getPort(),
                        url.getPath(), url.getQuery(), null).toURL());
            } catch (Exception e) {
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
