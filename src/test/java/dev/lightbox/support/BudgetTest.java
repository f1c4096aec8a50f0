package dev.lightbox.support;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Like {@link IntegrationTest}, with the DataSource wrapped by a {@link StatementCounter} so a test can
 * count statements and nested connections, and one CPU worker thread (a test can hold it busy). Its own
 * application context and data directory, shared by every test of this kind.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import({TestJobHandlers.class, StatementCounter.class})
public abstract class BudgetTest {

    public static final String USER_PASSWORD = ApiClient.USER_PASSWORD;
    private static final Path DATA_DIR = IntegrationTest.newDataDir("budget");

    @LocalServerPort
    protected int port;

    @Autowired
    protected StatementCounter.StatementCounterHolder statements;

    @Autowired
    private ObjectProvider<SecurityContextHolderStrategy> securityStrategy;

    @BeforeEach
    void useThisContextsSecurityStrategy() {
        securityStrategy.ifAvailable(SecurityContextHolder::setContextHolderStrategy);
    }

    @DynamicPropertySource
    static void budgetSettings(DynamicPropertyRegistry registry) {
        IntegrationTest.settings(registry, DATA_DIR);
        registry.add("lightbox.jobs.cpu-threads", () -> "1");
    }

    protected ApiClient api() {
        return new ApiClient("http://localhost:" + port);
    }

    protected StatementCounter counter() {
        return statements.counter();
    }
}
