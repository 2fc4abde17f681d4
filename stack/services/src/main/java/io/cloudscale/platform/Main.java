package io.cloudscale.platform;

import io.cloudscale.platform.common.Env;
import io.cloudscale.platform.dashboard.Dashboard;
import io.cloudscale.platform.ingestion.IngestionApi;
import io.cloudscale.platform.processor.EventProcessor;

/** One jar, three roles: the compose service names the role as the first argument. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        String role = args.length == 0 ? "" : args[0];
        Env env = Env.system();
        try {
            switch (role) {
                case "ingestion-api" -> IngestionApi.start(env);
                case "event-processor" -> EventProcessor.start(env);
                case "dashboard" -> Dashboard.start(env);
                default -> {
                    System.err.println("usage: java -jar cloudscale-services.jar ingestion-api|event-processor|dashboard");
                    System.exit(2);
                }
            }
        } catch (Env.BadSetting e) {
            System.err.println(role + ": " + e.getMessage());
            System.exit(2);
        }
    }
}
