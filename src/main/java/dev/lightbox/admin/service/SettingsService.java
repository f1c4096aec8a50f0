package dev.lightbox.admin.service;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationPropertiesBean;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.context.ApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * Every {@code lightbox.*} setting in effect: the bound settings records (so defaults show too) plus any other
 * {@code lightbox.*} property the environment holds. Secrets are masked by name, and inside a URL by shape
 * (user info, secret-named query parameters, a Telegram bot token in the path).
 */
@Service
public class SettingsService {

    public static final String MASK = "••••••";
    private static final String PREFIX = "lightbox";
    private static final Set<String> SECRET_WORDS = Set.of("password", "passwd", "secret", "key", "token", "credentials", "passphrase",
            "apikey", "private");
    private static final Pattern URL_USER_INFO = Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://)[^/@\\s]+@");
    /** A query or JDBC parameter whose name holds a secret word: ?password=…, &api_key=…, ;accessToken=… */
    private static final Pattern SECRET_PARAMETER = Pattern.compile(
            "(?i)([?&;][^=&;#\\s]*(?:password|passwd|secret|key|token|credential|passphrase|private)[^=&;#\\s]*=)[^&;#\\s]*");
    /** Telegram's bot API puts the bot token in the path: /bot123456:ABC-def/… */
    private static final Pattern TELEGRAM_BOT_TOKEN = Pattern.compile("(/bot)\\d+:[A-Za-z0-9_-]+");

    private final ApplicationContext context;
    private final ConfigurableEnvironment environment;

    SettingsService(ApplicationContext context, ConfigurableEnvironment environment) {
        this.context = context;
        this.environment = environment;
    }

    @PreAuthorize("hasRole('ADMIN')")
    public List<EffectiveSetting> effective() {
        Map<String, @Nullable Object> values = new TreeMap<>();
        ConfigurationPropertiesBean.getAll(context).values().forEach(bean -> {
            String prefix = bean.getAnnotation().prefix().isEmpty() ? bean.getAnnotation().value() : bean.getAnnotation().prefix();
            if (prefix.equals(PREFIX) || prefix.startsWith(PREFIX + ".")) flatten(prefix, bean.getInstance(), values);
        });
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
            if (!(source instanceof IterableConfigurationPropertySource iterable)) continue;
            iterable.stream().map(ConfigurationPropertyName::toString)
                    .filter(name -> name.startsWith(PREFIX + ".") && !covered(name, values.keySet()))
                    .forEach(name -> values.put(name, environment.getProperty(name)));
        }
        return values.entrySet().stream().map(entry -> setting(entry.getKey(), entry.getValue())).toList();
    }

    private EffectiveSetting setting(String property, @Nullable Object value) {
        boolean secret = isSecret(property);
        String shown = value == null ? null : secret ? MASK : maskUrlPasswords(value.toString());
        return new EffectiveSetting(environmentName(property), property, shown, secret, source(property));
    }

    /** A name with a word such as password, secret, key or token in it (lightbox.s3.secret-key, lightbox.telegram.bot-token). */
    static boolean isSecret(String property) {
        for (String word : property.toLowerCase(Locale.ROOT).split("[.\\-_]")) if (SECRET_WORDS.contains(word)) return true;
        return false;
    }

    /** Passwords in a URL's user info, secret-named query parameters and a Telegram bot token in a path. */
    static String maskUrlPasswords(String value) {
        String masked = URL_USER_INFO.matcher(value).replaceAll("$1" + MASK + "@");
        masked = SECRET_PARAMETER.matcher(masked).replaceAll("$1" + MASK);
        return TELEGRAM_BOT_TOKEN.matcher(masked).replaceAll("$1" + MASK);
    }

    /** lightbox.jobs.cpu-threads → LIGHTBOX_JOBS_CPU_THREADS, as Spring's relaxed binding reads it. */
    static String environmentName(String property) {
        return property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** Where the value in effect comes from: the first property source that has it, in Spring's order. */
    private String source(String property) {
        if (System.getenv(environmentName(property)) != null) return "environment";
        ConfigurationPropertyName name = ConfigurationPropertyName.of(property);
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
            if (source.getConfigurationProperty(name) == null) continue;
            Object underlying = source.getUnderlyingSource();
            String sourceName = underlying instanceof PropertySource<?> ps ? ps.getName() : String.valueOf(underlying);
            if (sourceName.equals("systemEnvironment")) return "environment";
            if (sourceName.equals("systemProperties")) return "system property";
            if (sourceName.equals("commandLineArgs")) return "command line";
            if (sourceName.contains("application.properties")) return "application.properties";
            return sourceName;
        }
        return "default";
    }

    /** The same setting spelled another way (LIGHTBOX_DATA_DIR reads as lightbox.data.dir, bound as lightbox.data-dir). */
    private static boolean covered(String name, Set<String> known) {
        String uniform = name.replace("-", "").replace(".", "");
        return known.stream().anyMatch(k -> k.replace("-", "").replace(".", "").equals(uniform) || k.startsWith(name + "."));
    }

    private static void flatten(String prefix, @Nullable Object value, Map<String, @Nullable Object> into) {
        if (value == null || !value.getClass().isRecord()) {
            into.put(prefix, value);
            return;
        }
        for (RecordComponent component : value.getClass().getRecordComponents()) {
            flatten(prefix + "." + kebab(component.getName()), read(component, value), into);
        }
    }

    private static @Nullable Object read(RecordComponent component, Object record) {
        try {
            var accessor = component.getAccessor();
            accessor.setAccessible(true);
            return accessor.invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            return null;
        }
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }
}
