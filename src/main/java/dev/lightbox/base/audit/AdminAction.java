package dev.lightbox.base.audit;

/**
 * Every kind of admin action the audit log records. The {@code key} is stored and filtered on: never
 * rename one (old log rows and API clients know it).
 */
public enum AdminAction {
    QUEUE_PAUSE("queue.pause"),
    QUEUE_RESUME("queue.resume"),
    QUEUE_THREADS("queue.threads"),
    JOB_TYPE_PAUSE("job-type.pause"),
    JOB_TYPE_RESUME("job-type.resume"),
    JOBS_RETRY_FAILED("jobs.retry-failed"),
    JOBS_CLEAR_FAILED("jobs.clear-failed"),
    JOBS_DIAGNOSTICS("jobs.diagnostics"),
    USER_DISABLE("user.disable"),
    USER_ENABLE("user.enable"),
    USER_MAKE_ADMIN("user.make-admin"),
    USER_REVOKE_ADMIN("user.revoke-admin"),
    CREDITS_ADJUST("credits.adjust"),
    RETENTION_RUN("retention.run"),
    REANALYSE_ALL("analysis.reanalyse-all"),
    MODEL_INSTALL("transform-model.install"),
    MODEL_UNINSTALL("transform-model.uninstall"),
    USER_DELETE("user.delete"),
    BACKUP_RUN("backup.run");

    private final String key;

    AdminAction(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    public static AdminAction ofKey(String key) {
        for (AdminAction action : values()) if (action.key.equals(key)) return action;
        throw new IllegalArgumentException("action: unknown action '" + key + "'");
    }
}
