package io.cloudscale.stack.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The one line `up` shows of a failed compose run, from compose's output as each version prints it. */
class ComposeErrorTest {

    /** docker-compose 1.29 (Debian's), captured from a run whose published port a process held. */
    @Test
    void composeV1sSummaryGivesWayToTheEnginesWordsForTheService() {
        String stderr = """
                Creating network "csv1check_default" with the default driver
                Creating csv1check_web_1 ...\s
                Host is already in use by another container
                Creating csv1check_web_1 ... error

                ERROR: for csv1check_web_1  Cannot start service web: driver failed programming external connectivity on endpoint csv1check_web_1 (06bae45b3c70621fe11261910ec528353adcf7f65cc9a843497f2c21d7233181): Error starting userland proxy: listen tcp4 0.0.0.0:40395: bind: address already in use

                ERROR: for web  Cannot start service web: driver failed programming external connectivity on endpoint csv1check_web_1 (06bae45b3c70621fe11261910ec528353adcf7f65cc9a843497f2c21d7233181): Error starting userland proxy: listen tcp4 0.0.0.0:40395: bind: address already in use
                Encountered errors while bringing up the project.
                """;

        assertEquals("web: Cannot start service web: driver failed programming external connectivity on endpoint csv1check_web_1"
                + " (06bae45b3c70621fe11261910ec528353adcf7f65cc9a843497f2c21d7233181): Error starting userland proxy: listen tcp4 0.0.0.0:40395:"
                + " bind: address already in use", StackLifecycle.composeError(stderr));
    }

    @Test
    void composeV2sLastLineIsTheEnginesWordsAlready() {
        String stderr = """
                 Container cloudscale-gateway-1  Starting
                Error response from daemon: driver failed programming external connectivity on endpoint cloudscale-gateway-1 (9a1e): Bind for 0.0.0.0:8080 failed: port is already allocated
                """;

        assertEquals("Error response from daemon: driver failed programming external connectivity on endpoint cloudscale-gateway-1 (9a1e):"
                + " Bind for 0.0.0.0:8080 failed: port is already allocated", StackLifecycle.composeError(stderr));
    }

    @Test
    void nothingSaidIsCalledAFailureNotAnEmptyLine() {
        assertEquals("compose failed", StackLifecycle.composeError("\n  \n"));
    }
}
