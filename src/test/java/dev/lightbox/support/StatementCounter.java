package dev.lightbox.support;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.util.ClassUtils;

/**
 * Wraps the application's DataSource so a test can count what reaches the database: every statement
 * executed (its SQL, thread, and which job handler ran it), and every connection a thread borrows while
 * it already holds one (a nested connection, with where it was taken).
 */
@TestConfiguration(proxyBeanMethods = false)
public class StatementCounter {

    /** Job handlers whose statements are attributed to them (by class name on the stack). */
    private static final Set<String> HANDLERS = Set.of("RescoreJob", "LibraryAnalysisJob", "TasteJob");

    public record Executed(String thread, String sql, @Nullable String handler) {
    }

    public record Nested(String thread, @Nullable String handler, String where) {
    }

    private final List<Executed> executed = new CopyOnWriteArrayList<>();
    private final List<Nested> nested = new CopyOnWriteArrayList<>();
    private final ThreadLocal<int[]> held = ThreadLocal.withInitial(() -> new int[1]);

    @Bean
    static BeanPostProcessor countingDataSource(StatementCounterHolder holder) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                return bean instanceof DataSource dataSource && !(bean instanceof Counting) ? holder.counter.wrap(dataSource) : bean;
            }
        };
    }

    @Bean
    static StatementCounterHolder statementCounterHolder() {
        return new StatementCounterHolder(new StatementCounter());
    }

    /** The counter of this context, as a bean tests can autowire. */
    public record StatementCounterHolder(StatementCounter counter) {
    }

    private interface Counting {
    }

    public void clear() {
        executed.clear();
        nested.clear();
    }

    public List<Executed> executed(Predicate<Executed> which) {
        return executed.stream().filter(which).toList();
    }

    public List<Nested> nested(Predicate<Nested> which) {
        return nested.stream().filter(which).toList();
    }

    DataSource wrap(DataSource target) {
        return new CountingDataSource(target);
    }

    private final class CountingDataSource extends DelegatingDataSource implements Counting {

        CountingDataSource(DataSource target) {
            super(target);
        }

        @Override
        public Connection getConnection() throws SQLException {
            return borrowed(super.getConnection());
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return borrowed(super.getConnection(username, password));
        }

        /** The pool's destroy method ("close") is called on this wrapper. */
        public void close() throws Exception {
            if (getTargetDataSource() instanceof AutoCloseable closeable) closeable.close();
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T unwrap(Class<T> type) throws SQLException {
            return type.isInstance(this) ? (T) this : super.unwrap(type);
        }
    }

    private Connection borrowed(Connection connection) {
        int[] count = held.get();
        if (count[0] > 0) {
            nested.add(new Nested(Thread.currentThread().getName(), handler(), stack()));
        }
        count[0]++;
        var closed = new AtomicBoolean();
        return (Connection) proxy(connection, (proxy, method, args) -> {
            if (method.getName().equals("close") && closed.compareAndSet(false, true)) count[0]--;
            Object result = invoke(connection, method, args);
            if (result instanceof Statement statement && method.getName().startsWith("prepare")) {
                return proxy(statement, statementHandler(statement, (String) args[0]));
            }
            if (result instanceof Statement statement) return proxy(statement, statementHandler(statement, null));
            return result;
        });
    }

    private InvocationHandler statementHandler(Statement statement, @Nullable String prepared) {
        return (proxy, method, args) -> {
            if (method.getName().startsWith("execute")) {
                String sql = args != null && args.length > 0 && args[0] instanceof String s ? s : prepared;
                executed.add(new Executed(Thread.currentThread().getName(), sql == null ? "" : sql, handler()));
            }
            return invoke(statement, method, args);
        };
    }

    private static Object proxy(Object target, InvocationHandler handler) {
        return Proxy.newProxyInstance(StatementCounter.class.getClassLoader(), ClassUtils.getAllInterfaces(target), handler);
    }

    private static @Nullable Object invoke(Object target, Method method, @Nullable Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static @Nullable String handler() {
        return StackWalker.getInstance().walk(frames -> frames.map(f -> f.getClassName().substring(f.getClassName().lastIndexOf('.') + 1))
                .filter(HANDLERS::contains).findFirst().orElse(null));
    }

    private static String stack() {
        return StackWalker.getInstance().walk(frames -> frames.filter(f -> f.getClassName().startsWith("dev.lightbox"))
                .map(f -> f.getClassName() + "." + f.getMethodName() + ":" + f.getLineNumber()).limit(12).toList()).toString();
    }
}
