package io.cloudscale.platform.store;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudscale.platform.common.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.net.ssl.SSLContext;

/**
 * Counts stored events with one cross-partition {@code SELECT VALUE COUNT(1)} over the Cosmos REST API,
 * summing the partial counts the gateway returns per partition. The SDK cannot be used for this against
 * {@code @vercel/cosmosdb-server}: it first asks for a query plan, which that server does not serve.
 */
public final class CosmosDocumentCount {

    private static final DateTimeFormatter RFC_1123 = DateTimeFormatter.RFC_1123_DATE_TIME.withLocale(Locale.US);

    private final StoreSettings settings;
    private final HttpClient http;

    public CosmosDocumentCount(StoreSettings settings, SSLContext tls) {
        this.settings = settings;
        this.http = HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(3)).build();
    }

    public long count() throws IOException, InterruptedException {
        String link = "dbs/" + settings.database() + "/colls/" + settings.container();
        long total = 0;
        String continuation = null;
        do {
            String date = RFC_1123.format(ZonedDateTime.now(ZoneOffset.UTC));
            HttpRequest.Builder request = HttpRequest.newBuilder(settings.endpoint().resolve(link + "/docs"))
                    // a count is a scan on a server without an index: give it time rather than abandon it half done
                    .timeout(Duration.ofSeconds(30))
                    .header("x-ms-date", date)
                    .header("x-ms-version", "2018-12-31")
                    .header("authorization", authorization("post", "docs", link, date))
                    .header("Content-Type", "application/query+json")
                    .header("x-ms-documentdb-isquery", "True")
                    .header("x-ms-documentdb-query-enablecrosspartition", "True")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"SELECT VALUE COUNT(1) FROM c\",\"parameters\":[]}"));
            if (continuation != null) {
                request.header("x-ms-continuation", continuation);
            }
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() == 404) {
                return 0; // no database or container yet: nothing stored
            }
            if (response.statusCode() != 200) {
                throw new IOException("count query answered " + response.statusCode() + ": "
                        + new String(response.body(), StandardCharsets.UTF_8).lines().findFirst().orElse(""));
            }
            JsonNode documents = Json.MAPPER.readTree(response.body()).path("Documents");
            for (JsonNode partial : documents) {
                total += partial.asLong();
            }
            continuation = response.headers().firstValue("x-ms-continuation").orElse(null);
        } while (continuation != null && !continuation.isEmpty());
        return total;
    }

    /** The master-key token Cosmos DB's REST API documents: HMAC-SHA256 over verb, type, link and date. */
    String authorization(String verb, String resourceType, String resourceLink, String date) {
        String payload = verb.toLowerCase(Locale.ROOT) + "\n" + resourceType.toLowerCase(Locale.ROOT) + "\n" + resourceLink + "\n"
                + date.toLowerCase(Locale.ROOT) + "\n\n";
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(settings.key()), "HmacSHA256"));
            String signature = Base64.getEncoder().encodeToString(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
            return URLEncoder.encode("type=master&ver=1.0&sig=" + signature, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("COSMOS_KEY is not a valid base64 key", e);
        }
    }
}
