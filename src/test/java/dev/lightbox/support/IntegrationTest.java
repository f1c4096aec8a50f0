package dev.lightbox.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import org.junit.jupiter.api.BeforeEach;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Boots the whole application once per test run on a real embedded PostgreSQL and a real embedded S3
 * server in a fresh data directory. The admin is created from settings, so every account a test signs up is a USER.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import({TestJobHandlers.class, TestClock.class})
public abstract class IntegrationTest {

    public static final String ADMIN_EMAIL = "admin@lightbox.test";
    public static final String ADMIN_PASSWORD = "tangerine-Orbit-harbor-58";
    /** The password of every account {@link ApiClient#signUpNewUser()} makes. */
    public static final String USER_PASSWORD = ApiClient.USER_PASSWORD;

    private static final Path DATA_DIR = newDataDir("shared");

    @LocalServerPort
    protected int port;

    @Autowired
    private ObjectProvider<SecurityContextHolderStrategy> securityStrategy;

    /**
     * Vaadin's security setup installs its strategy in Spring Security's global SecurityContextHolder. Tests
     * that start other application contexts in this JVM (RestartTest, StartupChecksTest) replace it; the
     * shared context's own strategy goes back in before each test. (A running app has one context.)
     */
    @BeforeEach
    void useThisContextsSecurityStrategy() {
        securityStrategy.ifAvailable(SecurityContextHolder::setContextHolderStrategy);
    }

    @Autowired
    private ObjectProvider<TurboFilter> logFilters;

    /**
     * The same for Logback: each of those contexts re-initialises it, and that drops every turbo filter, among them
     * the shared context's {@code ClientGoneLogFilter} (a closed tab is then an ERROR in the log the browser tests
     * read). The shared context's filters go back in before each test.
     */
    @BeforeEach
    void useThisContextsLogFilters() {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) return;
        logFilters.orderedStream().filter(filter -> !context.getTurboFilterList().contains(filter)).forEach(filter -> {
            filter.setContext(context);
            filter.start();
            context.addTurboFilter(filter);
        });
    }

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        settings(registry, DATA_DIR);
    }

    /** The settings every test context runs with, in its own data directory. */
    static void settings(DynamicPropertyRegistry registry, Path dataDir) {
        registry.add("lightbox.data-dir", dataDir::toString);
        registry.add("lightbox.admin.email", () -> ADMIN_EMAIL);
        registry.add("lightbox.admin.password", () -> ADMIN_PASSWORD);
        // Every test request comes from 127.0.0.1: the per-address limit has a test of its own.
        // Tests that play several client addresses send X-Forwarded-For, as a reverse proxy would.
        registry.add("server.forward-headers-strategy", () -> "native");
        registry.add("lightbox.login.max-failures-per-address", () -> "100000");
        // Vaadin's development tools overlay the page in dev mode; tests click where a person would.
        registry.add("vaadin.devmode.devTools.enabled", () -> "false");
        // short leases and backoff so recovery and retries show within a test
        registry.add("lightbox.jobs.lease", () -> "2s");
        registry.add("lightbox.jobs.retry-base", () -> "100ms");
        registry.add("lightbox.jobs.gpu-threads", () -> "1");
        // BCrypt at its cheapest: hundreds of sign-ups and sign-ins, each ~64× the CPU at the default cost 10
        registry.add("lightbox.login.password-hash-cost", () -> AppRunner.PASSWORD_HASH_COST);
        // no backup of the whole test bucket at startup: BackupTest runs the job's work itself
        registry.add("lightbox.backup.daily", () -> "false");
    }

    protected ApiClient api() {
        return new ApiClient("http://localhost:" + port);
    }

    public static Path newDataDir(String name) {
        try {
            Path base = Path.of("target", "test-data");
            Files.createDirectories(base);
            return Files.createTempDirectory(base.toAbsolutePath(), name + "-");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
