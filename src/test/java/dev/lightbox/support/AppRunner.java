package dev.lightbox.support;

import dev.lightbox.Application;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts the whole application in this JVM on a data directory of the test's own, on a free port. */
public final class AppRunner {

    private AppRunner() {
    }

    public static ConfigurableApplicationContext start(Path dataDir, String... properties) {
        // As command-line arguments: they win over application.properties, as an operator's settings do.
        List<String> args = new ArrayList<>(List.of("--lightbox.data-dir=" + dataDir));
        if (java.util.Arrays.stream(properties).noneMatch(p -> p.startsWith("server.port="))) args.add("--server.port=0"); // else given twice: "0,8123"
        for (String property : properties) args.add("--" + property);
        return new SpringApplicationBuilder(Application.class).run(args.toArray(String[]::new));
    }

    public static ApiClient api(ConfigurableApplicationContext context) {
        return new ApiClient("http://localhost:" + context.getEnvironment().getProperty("local.server.port"));
    }
}
