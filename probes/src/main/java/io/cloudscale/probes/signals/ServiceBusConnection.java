package io.cloudscale.probes.signals;

import io.cloudscale.core.CloudscaleException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A Service Bus connection string, checked as the SDK checks it (keys are case-insensitive, Endpoint is
 * sb://, http:// or https://, a key name with a key or a shared access signature) but with an error that
 * names the key at fault, so a typo is a usage error rather than an SDK exception. The connection string
 * itself never appears in a message: it carries the key.
 */
public record ServiceBusConnection(String host, boolean emulator) {

    static final String SETTING = "SERVICEBUS_CONNECTION_STRING";
    private static final Set<String> KNOWN = Set.of("endpoint", "sharedaccesskeyname", "sharedaccesskey",
            "sharedaccesssignature", "entitypath", "usedevelopmentemulator");
    private static final String FORMAT = "Endpoint=sb://NAMESPACE/;SharedAccessKeyName=NAME;SharedAccessKey=KEY[;UseDevelopmentEmulator=true]";

    public static ServiceBusConnection parse(String text) {
        if (text == null || text.isBlank()) {
            throw bad("is not set");
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : text.strip().split(";")) {
            if (pair.isBlank()) {
                continue;
            }
            int equals = pair.indexOf('=');
            if (equals <= 0 || equals == pair.length() - 1) {
                throw bad("has a part without KEY=VALUE (" + keyOf(pair) + ")");
            }
            String key = pair.substring(0, equals).strip().toLowerCase(Locale.ROOT);
            if (!KNOWN.contains(key)) {
                throw bad("has an unknown key '" + pair.substring(0, equals).strip() + "'");
            }
            values.put(key, pair.substring(equals + 1).strip());
        }
        String host = host(values.get("endpoint"));
        boolean sas = values.containsKey("sharedaccesssignature");
        if (sas && !values.get("sharedaccesssignature").toLowerCase(Locale.ROOT).startsWith("sharedaccesssignature")) {
            throw bad("has SharedAccessSignature not starting with 'SharedAccessSignature '");
        }
        boolean keyed = values.containsKey("sharedaccesskeyname") || values.containsKey("sharedaccesskey");
        if (sas == keyed || (keyed && !(values.containsKey("sharedaccesskeyname") && values.containsKey("sharedaccesskey")))) {
            throw bad(sas ? "has both SharedAccessSignature and SharedAccessKeyName/SharedAccessKey"
                    : "needs SharedAccessKeyName and SharedAccessKey (or SharedAccessSignature)");
        }
        String emulator = values.getOrDefault("usedevelopmentemulator", "false");
        if (!emulator.equalsIgnoreCase("true") && !emulator.equalsIgnoreCase("false")) {
            throw bad("has UseDevelopmentEmulator='" + emulator + "', expected true or false");
        }
        return new ServiceBusConnection(host, emulator.equalsIgnoreCase("true"));
    }

    private static String host(String endpoint) {
        if (endpoint == null) {
            throw bad("has no Endpoint");
        }
        String lower = endpoint.toLowerCase(Locale.ROOT);
        String withScheme = lower.startsWith("sb://") || lower.startsWith("http://") || lower.startsWith("https://") ? endpoint : "sb://" + endpoint;
        try {
            String host = URI.create(withScheme).getHost();
            if (host != null) {
                return host;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw bad("has Endpoint='" + endpoint + "', expected sb://NAMESPACE/");
    }

    /** Only the key of a broken part: its value may be the credential. */
    private static String keyOf(String pair) {
        int equals = pair.indexOf('=');
        return equals < 0 ? "no '=' in a part of " + pair.strip().length() + " characters" : "'" + pair.substring(0, equals).strip() + "=' with no value";
    }

    private static CloudscaleException.Usage bad(String what) {
        return new CloudscaleException.Usage(SETTING + " " + what, "expected " + FORMAT);
    }
}
