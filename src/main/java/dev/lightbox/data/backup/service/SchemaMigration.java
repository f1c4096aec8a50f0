package dev.lightbox.data.backup.service;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.changelog.ChangeSet;
import liquibase.exception.LiquibaseException;
import liquibase.integration.spring.SpringLiquibase;
import org.springframework.core.io.DefaultResourceLoader;

/**
 * Builds the schema of an empty database with the application's own changelog, up to the changesets a backup was
 * taken at (the application applies any later ones when it starts). A backup naming a changeset this version does
 * not know comes from a newer version: refused before anything runs.
 */
final class SchemaMigration extends SpringLiquibase {

    static final String CHANGELOG = "classpath:db/changelog/db.changelog-master.yaml";

    private final List<String> backupChangesets;

    private SchemaMigration(DataSource dataSource, List<String> backupChangesets) {
        this.backupChangesets = backupChangesets;
        setDataSource(dataSource);
        setChangeLog(CHANGELOG);
        setResourceLoader(new DefaultResourceLoader(SchemaMigration.class.getClassLoader()));
    }

    static void migrate(DataSource dataSource, List<String> backupChangesets) {
        try {
            new SchemaMigration(dataSource, backupChangesets).afterPropertiesSet();
        } catch (BackupException e) {
            throw e;
        } catch (LiquibaseException e) {
            throw BackupException.failed("Could not create the schema: " + e.getMessage(), e);
        }
    }

    @Override
    protected void performUpdate(Liquibase liquibase) throws LiquibaseException {
        List<ChangeSet> known = liquibase.getDatabaseChangeLog().getChangeSets();
        List<String> knownIds = new ArrayList<>();
        for (ChangeSet changeSet : known) knownIds.add(changeSet.getId() + ":" + changeSet.getAuthor());
        Set<String> wanted = new HashSet<>(backupChangesets);
        List<String> unknown = backupChangesets.stream().filter(id -> !knownIds.contains(id)).toList();
        if (!unknown.isEmpty()) {
            throw BackupException.refused("The backup comes from a newer Lightbox (its schema has changesets this version does not know: "
                    + String.join(", ", unknown.subList(0, Math.min(3, unknown.size()))) + "). Restore it with that version or a newer one.");
        }
        int count = 0;
        for (int i = 0; i < knownIds.size(); i++) {
            if (wanted.contains(knownIds.get(i))) count = i + 1;
        }
        if (count > 0) liquibase.update(count, new Contexts(), new LabelExpression());
    }
}
