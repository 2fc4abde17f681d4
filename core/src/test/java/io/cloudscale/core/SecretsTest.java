package io.cloudscale.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.cloudscale.core.json.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretsTest {

    private static final String SERVICE_BUS = "Endpoint=sb://cloudscale.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=c2VjcmV0LWtleS12YWx1ZQ==";
    // The Cosmos DB emulator's well-known key, as the platform's .env carries it.
    private static final String COSMOS = "AccountEndpoint=https://localhost:8082/;AccountKey=C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==;";

    @Test
    void serviceBusKeyIsMaskedButItsNameIsKept() {
        String redacted = Secrets.redact(SERVICE_BUS);

        assertEquals("Endpoint=sb://cloudscale.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=***", redacted);
    }

    @Test
    void cosmosAccountKeyIsMasked() {
        assertEquals("AccountEndpoint=https://localhost:8082/;AccountKey=***;", Secrets.redact(COSMOS));
    }

    @Test
    void passwordInUrlIsMasked() {
        assertEquals("amqp://guest:***@rabbitmq:5672/", Secrets.redact("amqp://guest:guest@rabbitmq:5672/"));
    }

    @Test
    void plainTextIsUntouched() {
        String line = "Bind for 0.0.0.0:8081 failed: port is already allocated";
        assertEquals(line, Secrets.redact(line));
    }

    @Test
    void jsonDocumentsNeverCarryASecret() {
        Map<String, Object> document = Map.of(
                "connectionString", SERVICE_BUS,
                "nested", List.of(Map.of("evidence", "using " + COSMOS)),
                "password", "hunter2",
                "key", "project");

        String json = Json.write(document);

        assertFalse(json.contains("c2VjcmV0LWtleS12YWx1ZQ"), json);
        assertFalse(json.contains("C2y6yDjf5"), json);
        assertFalse(json.contains("hunter2"), json);
        assertEquals(true, json.contains("\"key\" : \"project\""), "a field merely named key is not a secret");
    }

    @Test
    void aRememberedValueIsMaskedWhereverItAppears() {
        Secrets.rememberFrom(Map.of("MY_API_TOKEN", "tok-5f1b2c9e7d", "HOME", "/home/operator"));

        assertEquals("sent *** to the API, twice: ***", Secrets.redact("sent tok-5f1b2c9e7d to the API, twice: tok-5f1b2c9e7d"));
        assertEquals("/home/operator", Secrets.redact("/home/operator"), "a variable whose name says nothing secret is not masked");
    }

    @Test
    void theKeyInsideAConnectionStringIsLearnedWhateverTheVariableIsCalled() {
        Secrets.rememberFrom(Map.of("QUEUE_URL", "Endpoint=sb://x/;SharedAccessKeyName=Root;SharedAccessKey=bG9uZy1rZXktdmFsdWU="));

        assertEquals("key was *** all along", Secrets.redact("key was bG9uZy1rZXktdmFsdWU= all along"));
    }

    @Test
    void shortValuesAreNotMaskedByValueLestOrdinaryWordsBe() {
        Secrets.rememberFrom(Map.of("RABBITMQ_PASSWORD", "guest"));

        assertEquals("the guest user", Secrets.redact("the guest user"));
    }

    @Test
    void anEmptyQuotedKeyIsNotASecret() {
        String polly = "Execution attempt. Source: 'cosmos/pipeline/(null)', Operation Key: '', Result: 'Failed', Handled: 'True'";

        assertEquals(polly, Secrets.redact(polly));
        assertEquals("Operation Key: '***'", Secrets.redact("Operation Key: 'abc123'"));
    }

    @Test
    void theWorkingDirectoryAndWordsThatMerelyContainPassAreNotSecrets() {
        Secrets.rememberFrom(Map.of("PWD", "/work/checkout-of-cloudscale", "OLDPWD", "/home/operator-two",
                "COMPASS_HEADING", "north-by-northwest", "RABBITMQ_PASS", "s3cr3t-pass", "SSH_CONNECTION", "10.0.0.1 22 10.0.0.2 22"));

        assertEquals("cd /work/checkout-of-cloudscale from /home/operator-two, heading north-by-northwest",
                Secrets.redact("cd /work/checkout-of-cloudscale from /home/operator-two, heading north-by-northwest"));
        assertEquals("rabbit ***", Secrets.redact("rabbit s3cr3t-pass"));
    }
}
