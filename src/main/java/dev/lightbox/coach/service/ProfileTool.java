package dev.lightbox.coach.service;

import dev.lightbox.scoring.service.LibraryProfile;
import dev.lightbox.scoring.service.ProfileService;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** {@code profile}: the library profile's strengths (what sets the best photos apart), weaknesses and suggestions. */
@Component
class ProfileTool extends NamedCoachTool<ProfileTool.Input> {

    /** No arguments. */
    record Input() {
    }

    private final ProfileService profiles;

    ProfileTool(ProfileService profiles) {
        super("profile",
                "The user's library profile under the active scoring config: strengths (what the best photos share), weaknesses (what the "
                    + "weakest share), suggestions, and the mean score.",
                Input.class);
        this.profiles = profiles;
    }

    @Override
    public ToolResult run(UUID userId, Input in) {
        Optional<LibraryProfile> found = profiles.profile(userId);
        if (found.isEmpty()) {
            return new ToolResult("Your library has no analysed and scored photo yet, so it has no profile: upload photos and ask again once "
                    + "they are analysed.", List.of(new Fact("photos", "0")), List.of(), null);
        }
        LibraryProfile p = found.get();
        var facts = new ArrayList<Fact>();
        facts.add(new Fact("photos", String.valueOf(p.photos())));
        facts.add(new Fact("scoring config", p.config()));
        facts.add(new Fact("mean score", Numbers.format(p.scores().mean())));
        facts.add(new Fact("passed", String.format(java.util.Locale.ROOT, "%.0f%%", p.scores().passedShare() * 100)));
        p.topTraits().forEach(t -> facts.add(new Fact("strength", t)));
        p.bottomTraits().forEach(t -> facts.add(new Fact("weakness", t)));
        p.suggestions().forEach(t -> facts.add(new Fact("suggestion", t)));
        String summary = "Over " + Numbers.plural(p.photos(), "analysed photo", "analysed photos") + " (scoring config “" + p.config()
                + "”, mean score " + Numbers.format(p.scores().mean()) + "): strengths — "
                + (p.topTraits().isEmpty() ? "none stands out" : String.join("; ", p.topTraits())) + "; weaknesses — "
                + (p.bottomTraits().isEmpty() ? "none stands out" : String.join("; ", p.bottomTraits())) + ".";
        return new ToolResult(summary, facts, List.of(), null);
    }
}
