package io.cloudscale.probes.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The literal prefilter and the byte reader find exactly what trying every pattern on every decoded line finds. */
class PrefilteredScanTest {

    @TempDir
    Path dir;

    /** Real lines of the platform's libraries and servers, matching and not, in the case they are printed and not. */
    private static final List<String> LINES = List.of(
            "2026-11-26T06:41:53.101Z INFO  [processor] c.c.EventProcessor - stored event 41f3",
            "2026-11-26T06:41:53.102Z WARN  [processor] io.github.resilience4j.circuitbreaker.CallNotPermittedException: CircuitBreaker 'cosmos' is OPEN and does not permit further calls",
            "2026-11-26T06:41:53.103+00:00[Etc/UTC]: CircuitBreaker 'cosmos' changed state from CLOSED to OPEN",
            "2026-11-26T06:42:23.103+00:00[Etc/UTC]: CircuitBreaker 'cosmos' changed state from HALF_OPEN to CLOSED",
            "fail: EventProcessor[0] Polly.CircuitBreaker.BrokenCircuitException: The circuit is now open and is not allowing calls.",
            "info: EventProcessor[0] OnCircuitOpened: breaking for 00:00:30",
            "info: EventProcessor[0] OnCircuitReset",
            "2026-11-26 06:41:54,001 ERROR reactor-http-epoll-1 javax.net.ssl.SSLHandshakeException: PKIX path building failed: sun.security.provider.certpath.SunCertPathBuilderException: unable to find valid certification path to requested target",
            "2026-11-26 06:41:55.001 WARN  io.netty.channel.AbstractChannel$AnnotatedConnectException: Connection refused: cosmos/172.18.0.3:8081",
            "java.net.ConnectException: Connection refused",
            // a host cut off its network or not resolvable: JDK's resolver and connect, Netty's resolver and connect timeout, Node
            "2026-11-26 06:41:55.201 WARN  java.net.UnknownHostException: cosmos: Name or service not known",
            "2026-11-26 06:41:55.202 WARN  java.net.UnknownHostException: cosmos: Temporary failure in name resolution",
            "io.netty.resolver.dns.DnsResolveContext$SearchDomainUnknownHostException: Failed to resolve 'cosmos' [A(1), AAAA(28)] and search domain query for configured domains failed as well: [localdomain]",
            "io.netty.channel.ConnectTimeoutException: connection timed out: cosmos/172.18.0.3:8081",
            "java.net.SocketTimeoutException: Connect timed out",
            "java.net.NoRouteToHostException: No route to host",
            "Error: getaddrinfo ENOTFOUND cosmos",
            "Error: getaddrinfo EAI_AGAIN cosmos",
            "CONNECTION TIMED OUT: upper case is not the library's word",
            "{\"time_iso8601\":\"2026-11-26T06:41:56+00:00\",\"remote_addr\":\"172.18.0.1\",\"request\":\"POST /events HTTP/1.1\",\"status\": 503,\"body_bytes_sent\":197,\"request_time\":0.001}",
            "{\"time_iso8601\":\"2026-11-26T06:41:56+00:00\",\"remote_addr\":\"172.18.0.1\",\"request\":\"POST /events HTTP/1.1\",\"status\":\"429\",\"body_bytes_sent\":0,\"request_time\":0.000}",
            "{\"time_iso8601\":\"2026-11-26T06:41:56+00:00\",\"remote_addr\":\"172.18.0.1\",\"request\":\"POST /events HTTP/1.1\",\"status\": 202,\"body_bytes_sent\":35,\"request_time\":0.012}",
            "{\"time_iso8601\":\"2026-11-26T06:41:56+00:00\",\"request\":\"GET /items/503\",\"status\": 200,\"bytes\":503}",
            "172.18.0.1 - - [26/Nov/2026:06:41:57 +0000] \"POST /events HTTP/1.1\" 503 197 \"-\" \"wrk/4.2.0\"",
            "level=warn msg=\"shed\" status=429 path=/events",
            "2026-11-26T06:41:58.000Z Error: connect ECONNREFUSED 127.0.0.1:8081",
            "Exception in thread \"main\" java.lang.OutOfMemoryError: Java heap space",
            // the platform's services in their own words (slf4j-simple, as stack/services logs)
            "2026-11-26T06:42:00.101Z WARN EventProcessor - waiting for the store's certificate at https://cosmos:8081/_explorer/emulator.pem, attempt 3: java.net.ConnectException: Connection refused",
            "2026-12-02T11:01:46.425Z WARN StoreWriter - store call failed for event a9ae5432-3999-4572-8c04-36fd93aa0073: Cosmos DB at https://cosmos:8082/ unusable: ConnectException: finishConnect(..) failed with error(-111): Connection refused",
            "2026-12-02T10:52:50.211Z WARN StoreWriter - store call failed for event d0b7b961-0e1c-47df-9a77-cb43da365934: Cosmos DB refused event d0b7b961-0e1c-47df-9a77-cb43da365934: status 408, Request cancelled by client after reaching timeout specified in end-end timeout policy",
            "2026-11-26T06:42:01.202Z ERROR IngestionApi - send failed status=503 id=7f1c: queue unavailable: connection to rabbitmq:5672 refused",
            "2026-11-26T06:42:01.303Z WARN IngestionApi - shed status=429 client=shop reason=\"client over 5 requests/s\"",
            "[12345.678] Out of memory: Killed process 4242 (java) total-vm:4194304kB",
            "FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory",
            "connection REFUSED: cosmos:8081 (upper case: the patterns are case-sensitive, the prefilter is not)",
            "circuitbreaker 'cosmos' IS open AND DOES NOT PERMIT FURTHER CALLS",
            "the word status and the number 503 in one line, but no status field",
            "Connection refusedConnection refused: ünïcödé/10.0.0.1:99",
            "",
            "   ",
            "plain line with a tab\tand ümlauts, nothing to see");

    private static LogScanReport unfiltered(Path file) throws IOException {
        LogScanner scanner = LogScanner.unfiltered(Signature.platform());
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(Files.newInputStream(file), decoder))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                scanner.accept(line);
            }
        }
        return new LogScanReport(file.toString(), scanner.linesRead(), true, scanner.matches());
    }

    private void assertSameAsUnfiltered(byte[] log) throws IOException {
        Path file = Files.write(dir.resolve("mixed.log"), log);
        LogScanReport expected = unfiltered(file);
        LogScanReport actual = LogScans.file(file);
        assertEquals(expected, actual);
    }

    @Test
    void findsExactlyWhatEveryPatternOnEveryLineFinds() throws IOException {
        Random random = new Random(21);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        String[] endings = {"\n", "\r\n", "\r", "\n\n"};
        for (int i = 0; i < 60_000; i++) {
            String line = random.nextInt(20) == 0 ? LINES.get(random.nextInt(LINES.size())) : LINES.get(random.nextInt(3) == 0 ? 0 : 12);
            log.writeBytes(line.getBytes(StandardCharsets.UTF_8));
            if (random.nextInt(500) == 0) {
                log.writeBytes(new byte[] {(byte) 0xe2, (byte) 0x82}); // a cut multi-byte sequence
            }
            log.writeBytes(endings[random.nextInt(50) == 0 ? random.nextInt(endings.length) : 0].getBytes(StandardCharsets.UTF_8));
        }
        log.writeBytes(LINES.get(1).getBytes(StandardCharsets.UTF_8)); // no final newline
        assertTrue(log.size() > 2 * LogFileReader.BUFFER, "lines cross buffer boundaries");

        assertSameAsUnfiltered(log.toByteArray());
        assertEquals(Signature.platform().size(), LogScans.file(dir.resolve("mixed.log")).matches().size(), "every signature is in the log");
    }

    @Test
    void everyLineOnItsOwnAndEveryEnding() throws IOException {
        for (String line : LINES) {
            for (String ending : new String[] {"", "\n", "\r", "\r\n", "\n\r\n"}) {
                assertSameAsUnfiltered((line + ending + line).getBytes(StandardCharsets.UTF_8));
            }
        }
        assertSameAsUnfiltered(new byte[0]);
        assertSameAsUnfiltered("\r\n\r\n\n\r".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aLineLongerThanTheBufferIsMatchedWhole() throws IOException {
        String longLine = "x".repeat(3 * LogFileReader.BUFFER) + " Connection refused: cosmos/172.18.0.3:8081";

        assertSameAsUnfiltered((LINES.get(0) + "\n" + longLine + "\n" + LINES.get(1) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aLineLongerThanTheLongestKeptIsCountedOnceAndTheRestIsRead() throws IOException {
        String longLine = "Connection refused: cosmos/172.18.0.3:8081 " + "x".repeat(LogFileReader.LONGEST_LINE + 10);
        Path file = Files.writeString(dir.resolve("long.log"), LINES.get(0) + "\n" + longLine + "\n" + LINES.get(1) + "\n");

        LogScanReport report = LogScans.file(file);

        assertEquals(3, report.linesRead());
        assertEquals(1, report.match("connection-refused").orElseThrow().count());
        assertEquals(1, report.match("circuit-open").orElseThrow().count());
    }

    @Test
    void everyPlatformPatternHasARequiredLiteral() {
        for (Signature signature : Signature.platform()) {
            for (Pattern pattern : signature.patterns()) {
                assertFalse(RequiredLiterals.of(pattern).isEmpty(), "no literal in " + pattern + ": every line would be tried");
            }
        }
    }

    @Test
    void requiredLiteralsLeaveOutWhatIsOptionalAlternativeOrUnreadable() {
        assertEquals(List.of("CircuitBreaker '", "' is ", " and does not permit further calls"),
                RequiredLiterals.of(Pattern.compile("CircuitBreaker '(?<detail>[^']+)' is (?:OPEN|FORCED_OPEN) and does not permit further calls")));
        assertEquals(List.of("\"status\"", "503"), RequiredLiterals.of(Pattern.compile("\"status\"\\s*:\\s*\"?503\\b")));
        assertEquals(List.of("java.lang.OutOfMemoryError"), RequiredLiterals.of(Pattern.compile("java\\.lang\\.OutOfMemoryError(?::\\s*(?<detail>[^\\r\\n]+))?")));
        assertEquals(List.of("abc", "efg"), RequiredLiterals.of(Pattern.compile("abcd?efg")));
        assertEquals(List.of("abc", "def"), RequiredLiterals.of(Pattern.compile("abcx{0,2}def")));
        assertEquals(List.of("abcx", "def"), RequiredLiterals.of(Pattern.compile("abcx{1,2}def")));
        assertEquals(List.of("abc"), RequiredLiterals.of(Pattern.compile("abcx*")));
        assertEquals(List.of(), RequiredLiterals.of(Pattern.compile("abc|def")));
        assertEquals(List.of(), RequiredLiterals.of(Pattern.compile("(?i)abcdef")));
        assertEquals(List.of(), RequiredLiterals.of(Pattern.compile("abc\\x41def")));
        assertEquals(List.of(), RequiredLiterals.of(Pattern.compile("abcdef", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE)));
        assertEquals(List.of("abc", "def"), RequiredLiterals.of(Pattern.compile("abc[|)(]def")));
        assertEquals(List.of("a.b*c"), RequiredLiterals.of(Pattern.compile("a.b*c", Pattern.LITERAL)));
    }

    @Test
    void caseInsensitiveSignaturesAreFoundInAnyCase() throws IOException {
        Signature shouting = new Signature("shouting", "an upper-case failure",
                List.of(Pattern.compile("connection reset by peer", Pattern.CASE_INSENSITIVE)));
        LogScanner filtered = new LogScanner(List.of(shouting));
        Path file = Files.writeString(dir.resolve("case.log"), "CONNECTION RESET BY PEER\nConnection Reset by peer\nconnection reset\n");
        try (var in = Files.newInputStream(file)) {
            new LogFileReader(filtered).read(in);
        }

        assertEquals(2, filtered.matches().getFirst().count());
        assertEquals(3, filtered.linesRead());
    }
}
