package io.cloudscale.cli.commands;

import io.cloudscale.cli.Session;
import io.cloudscale.cli.SessionCommand;
import io.cloudscale.core.config.Setting;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "config",
        description = {"Show every setting, its value and where it came from.",
                "Precedence: flag > CLOUDSCALE_* environment > cloudscale.yaml > default."})
public final class ConfigCommand extends SessionCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        List<Setting> settings = session.configuration().all();
        if (session.printer().json()) {
            session.printer().document("config", settings.stream()
                    .map(setting -> new SettingView(setting.key().key(), setting.value(),
                            setting.source().name().toLowerCase(java.util.Locale.ROOT), setting.origin()))
                    .toList());
            return 0;
        }
        int width = settings.stream().mapToInt(setting -> setting.key().key().length()).max().orElse(0);
        for (Setting setting : settings) {
            session.printer().line(("%-" + width + "s  %s  %s").formatted(setting.key().key(), setting.value(),
                    session.printer().dim("(" + setting.origin() + ")")));
        }
        return 0;
    }

    record SettingView(String key, String value, String source, String origin) {
    }
}
