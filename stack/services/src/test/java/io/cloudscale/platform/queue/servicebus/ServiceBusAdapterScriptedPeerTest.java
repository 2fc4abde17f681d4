package io.cloudscale.platform.queue.servicebus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cloudscale.platform.common.Env;
import io.cloudscale.platform.common.Json;
import io.cloudscale.platform.event.Event;
import io.cloudscale.platform.queue.EventReceiver;
import io.cloudscale.platform.queue.EventSender;
import io.cloudscale.platform.queue.QueueUnavailable;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Collections;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.qpid.proton.amqp.messaging.AmqpValue;
import org.apache.qpid.proton.amqp.messaging.Data;
import org.apache.qpid.proton.message.Message;
import org.apache.qpid.protonj2.test.driver.ProtonTestServer;
import org.apache.qpid.protonj2.test.driver.codec.primitives.UnsignedLong;
import org.hamcrest.BaseMatcher;
import org.hamcrest.Description;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The services' Service Bus adapter (the real azure-messaging-servicebus client underneath) against a
 * scripted AMQP 1.0 peer: Apache Qpid's protonj2 test driver, which plays Service Bus frame by frame and
 * fails on any frame the script does not expect. It is not a broker: it keeps no queue, and redelivery
 * and dead-lettering happen because the script says so. What it proves is what the adapter puts on the
 * wire and how it reads what comes back: the CBS put-token exchange, the attach and its max-message-size,
 * a send that returns only on the peer's accepted disposition, and receive settlement (accepted, or
 * modified for an abandon, with the delivery count the handler sees).
 *
 * Two facts these scripts pin: the SDK abandons with modified{delivery-failed: null} (Service Bus counts an
 * abandon as a delivery anyway; a generic AMQP 1.0 broker need not, and would then never dead-letter), and
 * the handler's count is the AMQP header's delivery-count (earlier deliveries, 0 on the first) plus one.
 *
 * The connection string names the emulator (UseDevelopmentEmulator=true), which makes the SDK speak plain
 * AMQP to the endpoint's port instead of TLS on 5671: that port is the driver's.
 */
class ServiceBusAdapterScriptedPeerTest {

    private static final String KEY = "SAS_KEY_VALUE";
    private static final long SECONDS = 20;

    private ProtonTestServer peer;
    private Env env;

    /** Keeps the last payload it saw (the encoded message) and matches anything: the test reads it afterwards. */
    static final class Kept extends BaseMatcher<ByteBuffer> {
        private final AtomicReference<byte[]> bytes = new AtomicReference<>();

        @Override
        public boolean matches(Object actual) {
            ByteBuffer buffer = ((ByteBuffer) actual).duplicate();
            byte[] copy = new byte[buffer.remaining()];
            buffer.get(copy);
            bytes.set(copy);
            return true;
        }

        @Override
        public void describeTo(Description description) {
            description.appendText("any message (kept)");
        }

        Message message() {
            Message message = Message.Factory.create();
            message.decode(bytes.get(), 0, bytes.get().length);
            return message;
        }
    }

    @BeforeEach
    void start() {
        peer = new ProtonTestServer();
    }

    @AfterEach
    void stop() {
        peer.close();
    }

    private void connect(Map<String, String> more) {
        peer.start();
        String connection = "Endpoint=sb://127.0.0.1:" + peer.getServerURI().getPort()
                + ";SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=" + KEY + ";UseDevelopmentEmulator=true;";
        Map<String, String> values = new HashMap<>(Map.of("SERVICEBUS_CONNECTION_STRING", connection, "QUEUE_NAME", "events"));
        values.putAll(more);
        env = new Env(values);
    }

    /**
     * SASL ANONYMOUS, open, a session for the entity (channel 0) and one for CBS (channel 1) with the $cbs
     * request and reply links, up to the put-token request, which the returned matcher keeps.
     */
    private Kept scriptUpToPutToken() {
        Kept putToken = new Kept();
        peer.expectSASLAnonymousConnect();
        peer.expectOpen().respond();
        peer.expectBegin().respond();
        peer.expectBegin().respond();
        peer.expectAttach().ofSender().withName("cbs:sender").withTarget().withAddress("$cbs").and().respond();
        peer.remoteFlow().withLinkCredit(10).queue();
        peer.expectAttach().ofReceiver().withName("cbs:receiver").withSource().withAddress("$cbs").and().respond();
        peer.expectFlow().withHandle(1);
        peer.expectTransfer().withHandle(0).withSettled(true).withPayload(putToken);
        return putToken;
    }

    /**
     * Checks the put-token request as Service Bus reads it, scripts the client's settlement of the answer and
     * then {@code next} (what the client does once authorized), and answers 202 Accepted on the reply link.
     */
    private void answerPutToken(Kept request, Runnable next) throws Exception {
        Message token = request.message();
        assertEquals("put-token", property(token, "operation"));
        assertEquals("servicebus.windows.net:sastoken", property(token, "type"));
        assertEquals("amqp://127.0.0.1/events", property(token, "name"));
        assertEquals("cbs-client-reply-to", token.getReplyTo());
        String sas = (String) ((AmqpValue) token.getBody()).getValue();
        assertSignedWithTheKey(sas, "amqp://127.0.0.1/events");
        peer.expectDisposition().withSettled(true).withState().accepted();
        next.run();
        peer.remoteTransfer().withHandle(1).withDeliveryId(0).withDeliveryTag(new byte[] {1})
                .withMessage().withProperties().withCorrelationId(UnsignedLong.valueOf(((org.apache.qpid.proton.amqp.UnsignedLong) token.getMessageId()).longValue())).and()
                .withMessage().withApplicationProperties().withProperty("status-code", 202).withProperty("status-description", "Accepted").and()
                .onChannel(1).now();
    }

    private static Object property(Message message, String name) {
        return message.getApplicationProperties().getValue().get(name);
    }

    /** SharedAccessSignature sr=URL-encoded audience&sig=base64(HMAC-SHA256(key, sr + "\n" + se))&se=expiry&skn=key name. */
    private static void assertSignedWithTheKey(String sas, String audience) throws Exception {
        assertTrue(sas.startsWith("SharedAccessSignature "), sas);
        Map<String, String> fields = new HashMap<>();
        for (String pair : sas.substring("SharedAccessSignature ".length()).split("&")) {
            fields.put(pair.substring(0, pair.indexOf('=')), URLDecoder.decode(pair.substring(pair.indexOf('=') + 1), StandardCharsets.UTF_8));
        }
        assertEquals(audience, fields.get("sr"));
        assertEquals("RootManageSharedAccessKey", fields.get("skn"));
        assertTrue(Long.parseLong(fields.get("se")) > Instant.now().getEpochSecond(), "expires in the future: " + fields.get("se"));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(KEY.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signed = URLEncoder.encode(audience, StandardCharsets.UTF_8) + "\n" + fields.get("se");
        assertEquals(Base64.getEncoder().encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8))), fields.get("sig"));
    }

    private static Event event(String id, String data) {
        return new Event(id, "click", "scripted-peer", Instant.parse("2026-12-02T06:00:00Z"), Json.MAPPER.createObjectNode().put("text", data),
                Instant.parse("2026-12-02T06:00:01Z"));
    }

    private static CompletableFuture<Void> sendAsync(EventSender sender, Event event) {
        return CompletableFuture.runAsync(() -> {
            try {
                sender.send(event);
            } catch (QueueUnavailable e) {
                throw new CompletionException(e);
            }
        });
    }

    /** Authorizes, attaches the entity's send link (the peer offering {@code maxMessageSize}) and grants credit. */
    private EventSender authorizedSender(long maxMessageSize) throws Exception {
        Kept putToken = scriptUpToPutToken();
        connect(Map.of());
        EventSender sender = ServiceBusQueue.sender(env);
        CompletableFuture<Void> first = sendAsync(sender, event("e-0", "opens the link"));
        peer.waitForScriptToComplete(SECONDS, TimeUnit.SECONDS);
        answerPutToken(putToken, () -> {
            peer.expectAttach().ofSender().onChannel(0).withTarget().withAddress("events").and()
                    .respond().withMaxMessageSize(UnsignedLong.valueOf(maxMessageSize));
            peer.remoteFlow().withHandle(0).withLinkCredit(100).onChannel(0).queue();
            peer.expectTransfer().onChannel(0).withHandle(0).withSettled(false).accept();
        });
        first.get(SECONDS, TimeUnit.SECONDS);
        peer.waitForScriptToComplete(SECONDS, TimeUnit.SECONDS);
        return sender;
    }

    @Test
    void aSendReturnsOnlyOnceThePeerAcceptsTheTransfer() throws Exception {
        EventSender sender = authorizedSender(256 * 1024);
        Kept sent = new Kept();
        peer.expectTransfer().onChannel(0).withHandle(0).withSettled(false).withPayload(sent);

        CompletableFuture<Void> send = sendAsync(sender, event("e-1", "hello"));
        peer.waitForScriptToComplete(SECONDS, TimeUnit.SECONDS);
        Thread.sleep(300);
        assertFalse(send.isDone(), "the send returned before the peer's disposition");
        peer.remoteDisposition().withRole(true).withFirst(1).withSettled(true).withState().accepted().onChannel(0).now();
        send.get(SECONDS, TimeUnit.SECONDS);

        Message message = sent.message();
        assertEquals("e-1", message.getMessageId());
        assertEquals("click", message.getSubject());
        assertEquals("application/json", message.getContentType());
        assertEquals(event("e-1", "hello").toJson().length, ((Data) message.getBody()).getValue().getLength());
        assertEquals("e-1", Json.MAPPER.readTree(((Data) message.getBody()).getValue().getArray()).path("id").asText());
        sender.close();
    }

    @Test
    void aRejectedTransferIsQueueUnavailableNotASuccess() throws Exception {
        EventSender sender = authorizedSender(256 * 1024);
        peer.expectTransfer().onChannel(0).withHandle(0).reject("amqp:not-allowed", "the entity is disabled");

        ExecutionException failed = assertThrows(ExecutionException.class, () -> sendAsync(sender, event("e-1", "refused")).get(SECONDS, TimeUnit.SECONDS));

        assertTrue(failed.getCause() instanceof QueueUnavailable, failed.toString());
        assertTrue(failed.getCause().getMessage().contains("the entity is disabled"), failed.getCause().getMessage());
        sender.close();
    }

    @Test
    void anEventOverThePeersMaxMessageSizeIsRefusedWithoutATransfer() throws Exception {
        EventSender sender = authorizedSender(1024);
        // nothing scripted: a transfer now would be a frame the peer does not expect, and fail the script

        ExecutionException failed = assertThrows(ExecutionException.class,
                () -> sendAsync(sender, event("e-big", "x".repeat(2000))).get(SECONDS, TimeUnit.SECONDS));

        assertTrue(failed.getCause() instanceof QueueUnavailable, failed.toString());
        assertTrue(failed.getCause().getMessage().startsWith("Service Bus did not accept the message: Size of the payload exceeded maximum message size: 1 kb"),
                failed.getCause().getMessage());
        peer.waitForScriptToComplete(1, TimeUnit.SECONDS);
        sender.close();
    }

    /** Authorizes and attaches the entity's receive link in peek-lock mode (settled by the receiver, second). */
    private EventReceiver startedReceiver(EventReceiver.Handler handler) throws Exception {
        Kept putToken = scriptUpToPutToken();
        connect(Map.of("PROCESSOR_CONCURRENCY", "1"));
        EventReceiver receiver = ServiceBusQueue.receiver(env);
        receiver.start(handler);
        peer.waitForScriptToComplete(SECONDS, TimeUnit.SECONDS);
        answerPutToken(putToken, () -> {
            peer.expectAttach().ofReceiver().onChannel(0).withSource().withAddress("events").and().withReceiverSettlesSecond().respond();
            peer.expectFlow().onChannel(0).withHandle(0).withLinkCredit(1);
        });
        peer.waitForScriptToComplete(SECONDS, TimeUnit.SECONDS);
        return receiver;
    }

    /** A delivery as Service Bus makes it in peek-lock mode: unsettled, its lock token the delivery tag, locked for a minute. */
    private void deliver(int deliveryId, String messageId, long headerDeliveryCount, byte[] body) {
        UUID lock = UUID.nameUUIDFromBytes((messageId + "/" + deliveryId).getBytes(StandardCharsets.UTF_8));
        ByteBuffer tag = ByteBuffer.allocate(16).putLong(lock.getMostSignificantBits()).putLong(lock.getLeastSignificantBits());
        peer.remoteTransfer().withHandle(0).withDeliveryId(deliveryId).withDeliveryTag(tag.array()).withSettled(false)
                .withMessage().withHeader().withDurability(true).withDeliveryCount(headerDeliveryCount).and()
                .withMessage().withMessageAnnotations()
                .withAnnotation("x-opt-locked-until", new Date(System.currentTimeMillis() + 60_000))
                .withAnnotation("x-opt-sequence-number", 100L + deliveryId)
                .withAnnotation("x-opt-enqueued-time", new Date()).and()
                .withMessage().withProperties().withMessageId(messageId).withContentType("application/json").and()
                .withMessage().withBody().withData(body).and()
                .onChannel(0).now();
    }

    @Test
    void aStoredEventIsSettledAcceptedAndItsFirstDeliveryCountsAsOne() throws Exception {
        List<String> handled = new CopyOnWriteArrayList<>();
        EventReceiver receiver = startedReceiver((body, messageId, deliveryCount) -> {
            handled.add(messageId + " delivery " + deliveryCount + ": " + new String(body, StandardCharsets.UTF_8));
            return EventReceiver.Outcome.DONE;
        });
        peer.expectDisposition().onChannel(0).withFirst(0).withSettled(false).withState().accepted();
        peer.remoteDisposition().withRole(false).withFirst(0).withSettled(true).withState().accepted().onChannel(0).queue();
        peer.expectFlow().onChannel(0).withLinkCredit(1);

        deliver(0, "e-1", 0, "{\"id\":\"e-1\"}".getBytes(StandardCharsets.UTF_8));
        peer.waitForScriptToComplete(SECONDS, TimeUnit.SECONDS);

        assertEquals(List.of("e-1 delivery 1: {\"id\":\"e-1\"}"), handled,
                "Service Bus's header counts earlier deliveries (0 on the first); the handler counts this one too");
        receiver.close();
    }

    @Test
    void aFailedEventIsAbandonedAsModifiedAndRedeliveredUntilTheDeadLetterLimit() throws Exception {
        int maxDeliveryCount = 5; // stack/servicebus/Config.json
        List<Long> deliveries = new CopyOnWriteArrayList<>();
        List<String> settlements = new CopyOnWriteArrayList<>();
        EventReceiver receiver = startedReceiver((body, messageId, deliveryCount) -> {
            deliveries.add(deliveryCount);
            return EventReceiver.Outcome.FAILED;
        });
        for (int attempt = 0; attempt < maxDeliveryCount; attempt++) {
            // abandon: modified, with neither delivery-failed nor undeliverable-here; Service Bus counts it as a delivery all the same
            peer.expectDisposition().onChannel(0).withFirst(attempt).withSettled(false).withCapture(disposition -> settlements.add(String.valueOf(disposition.getState())));
            peer.remoteDisposition().withRole(false).withFirst(attempt).withSettled(true).withState().modified().onChannel(0).queue();
            peer.expectFlow().onChannel(0).withLinkCredit(1);
            deliver(attempt, "poison", attempt, "not json".getBytes(StandardCharsets.UTF_8));
            peer.waitForScriptToComplete(SECONDS, TimeUnit.SECONDS);
        }
        // Service Bus now moves the message to the dead-letter sub-queue: no sixth delivery. The client never
        // settled it accepted or rejected; the broker's count, not the client, dead-letters.
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), deliveries);
        assertEquals(Collections.nCopies(maxDeliveryCount, "Modified{deliveryFailed=null, undeliverableHere=null, messageAnnotations=null}"), settlements);
        receiver.close();
    }
}
