package dev.lightbox;

import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.component.page.Inline;
import com.vaadin.flow.server.AppShellSettings;
import com.vaadin.flow.component.page.Push;
import com.vaadin.flow.theme.lumo.Lumo;
import dev.lightbox.base.NativePreload;
import dev.lightbox.base.StopSignals;
import dev.lightbox.data.backup.cli.BackupCommand;
import dev.lightbox.sync.cli.SyncCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
@Push
@StyleSheet(Lumo.STYLESHEET)
@StyleSheet(Lumo.UTILITY_STYLESHEET)
@StyleSheet("styles.css")
public class Application implements AppShellConfigurator {

    /** Applies the saved light/dark choice (or the system's) before first paint, so pages never flash. */
    private static final String THEME_SCRIPT = """
            (function () {
              var saved = localStorage.getItem('lightbox-theme');
              var dark = saved ? saved === 'dark' : window.matchMedia('(prefers-color-scheme: dark)').matches;
              if (dark) document.documentElement.setAttribute('theme', 'dark');
            })();
            """;

    @Override
    public void configurePage(AppShellSettings settings) {
        settings.addMetaTag("viewport", "width=device-width, initial-scale=1");
        settings.addFavIcon("icon", "icons/favicon.svg", "any");
        settings.addFavIcon("icon", "icons/favicon-32.png", "32x32");
        settings.addInlineWithContents(Inline.Position.PREPEND, THEME_SCRIPT, Inline.Wrapping.JAVASCRIPT);
    }

    public static void main(String[] args) {
        NativePreload.configure();
        if (args.length > 0 && args[0].equals("sync")) { // the command-line client: nothing of Spring starts
            SyncCommand.main(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && (args[0].equals("backup") || args[0].equals("restore"))) { // with the app stopped; no web server, no jobs
            BackupCommand.main(args[0], java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        StopSignals.exitCleanlyOnStop();
        NativePreload.start();
        try {
            SpringApplication.run(Application.class, args);
        } catch (RuntimeException startupFailure) {
            // Spring Boot has printed the reason; leftover non-daemon threads (HTTP clients) must not keep us up.
            System.exit(1);
        }
    }
}
