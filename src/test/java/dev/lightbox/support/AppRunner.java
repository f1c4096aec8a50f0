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

    /** {@code lightbox.login.password-hash-cost} of every test context: the cheapest BCrypt (the packaged-jar tests keep the default). */
    static final String PASSWORD_HASH_COST = "4";

    public static ConfigurableApplicationContext start(Path dataDir, String... properties) {
        // As command-line arguments: they win over application.properties, as an operator's settings do.
        List<String> args = new ArrayList<>(List.of("--lightbox.data-dir=" + dataDir));
        if (java.util.Arrays.stream(properties).noneMatch(p -> p.startsWith("server.port="))) args.add("--server.port=0"); // else given twice: "0,8123"
        if (java.util.Arrays.stream(properties).noneMatch(p -> p.startsWith("lightbox.login.password-hash-cost="))) {
            args.add("--lightbox.login.password-hash-cost=" + PASSWORD_HASH_COST);
        }
        if (java.util.Arrays.stream(properties).noneMatch(p -> p.startsWith("lightbox.backup.daily="))) {
            args.add("--lightbox.backup.daily=false"); // as in IntegrationTest: no copy of the bucket at every start
        }
        for (String property : properties) args.add("--" + property);
        return new SpringApplicationBuilder(Application.class).run(args.toArray(String[]::new));
    }

    public static ApiClient api(ConfigurableApplicationContext context) {
        return new ApiClient("http://localhost:" + context.getEnvironment().getProperty("local.server.port"));
    }
}
