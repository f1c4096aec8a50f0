package dev.lightbox.jobs;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Every job type of this application, as its handlers declare them: the one place the UI and the API
 * get a type's human name from. A type name no handler declares (a row left from an older version)
 * reads as itself.
 */
@Component
public class JobTypes {

    private final Map<String, JobType<?>> byName = new LinkedHashMap<>();

    JobTypes(List<JobHandler<?>> handlers) {
        handlers.stream().map(JobHandler::type).sorted(Comparator.comparing(JobType::title)).forEach(type -> {
            JobType<?> other = byName.putIfAbsent(type.name(), type);
            if (other != null) throw new IllegalStateException("Two job handlers declare the job type " + type.name());
        });
    }

    /** All types, by title. */
    public List<JobType<?>> all() {
        return List.copyOf(byName.values());
    }

    public Optional<JobType<?>> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** The human name of a type, e.g. "Photo analysis" for {@code analysis.photo}. */
    public String title(String name) {
        JobType<?> type = byName.get(name);
        return type == null ? name : type.title();
    }
}
