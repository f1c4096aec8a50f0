package dev.lightbox.account.service;

import dev.lightbox.account.service.AccountException.Reason;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import me.gosimple.nbvcxz.Nbvcxz;
import me.gosimple.nbvcxz.matching.match.DictionaryMatch;
import me.gosimple.nbvcxz.resources.Configuration;
import me.gosimple.nbvcxz.resources.ConfigurationBuilder;
import me.gosimple.nbvcxz.resources.Dictionary;
import me.gosimple.nbvcxz.resources.DictionaryBuilder;
import me.gosimple.nbvcxz.resources.Feedback;
import me.gosimple.nbvcxz.scoring.Result;
import org.springframework.stereotype.Component;

/**
 * The one check every new password passes (sign-up, the admin from settings, and any future password
 * change): 8 characters to 72 bytes, and at least nbvcxz's default 35 bits of estimated entropy, with the
 * account's email and its parts added to nbvcxz's bundled dictionaries so a password built from them is weak.
 * <p>
 * nbvcxz loads its dictionaries once, into static lists shared by every configuration; a check only
 * builds a small configuration around the email's words. Estimating reads the configuration and keeps
 * no state, so this is safe from any thread.
 */
@Component
public class PasswordPolicy {

    public static final int MIN_LENGTH = 8;
    /** BCrypt reads at most 72 bytes; longer passwords would be silently truncated, so they are refused. */
    public static final int MAX_BYTES = 72;
    private static final String EMAIL_DICTIONARY = "email";

    private final List<Dictionary> bundledDictionaries = ConfigurationBuilder.getDefaultDictionaries();

    /** Throws {@link AccountException} ({@code INVALID_INPUT}, message starting "password: ") when not acceptable. */
    public void check(String email, String password) {
        if (password == null || password.codePointCount(0, password.length()) < MIN_LENGTH) {
            throw invalid("use at least " + MIN_LENGTH + " characters.");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw invalid("use at most " + MAX_BYTES + " bytes (about 72 letters).");
        }
        Result estimate = new Nbvcxz(configuration(email)).estimate(password);
        if (!estimate.isMinimumEntropyMet()) throw invalid("too easy to guess. " + explain(estimate));
    }

    private Configuration configuration(String email) {
        List<Dictionary> dictionaries = new ArrayList<>(bundledDictionaries);
        DictionaryBuilder words = new DictionaryBuilder().setDictionaryName(EMAIL_DICTIONARY).setExclusion(false);
        for (String word : wordsOf(email)) words.addWord(word, 1);
        dictionaries.add(words.createDictionary());
        return new ConfigurationBuilder().setDictionaries(dictionaries).setLocale(Locale.ENGLISH).createConfiguration();
    }

    /** The email, its local part and domain, and every run of letters or digits in them (lower case, as nbvcxz wants). */
    static Set<String> wordsOf(String email) {
        String lower = email.strip().toLowerCase(Locale.ROOT);
        Set<String> words = new LinkedHashSet<>();
        words.add(lower);
        int at = lower.lastIndexOf('@');
        if (at > 0) {
            words.add(lower.substring(0, at));
            words.add(lower.substring(at + 1));
        }
        for (String part : lower.split("[^\\p{L}\\p{N}]+")) {
            if (part.length() >= 3) words.add(part);
        }
        words.remove("");
        return words;
    }

    private static String explain(Result estimate) {
        boolean fromEmail = estimate.getMatches().stream()
                .anyMatch(m -> m instanceof DictionaryMatch d && EMAIL_DICTIONARY.equals(d.getDictionaryName()));
        Feedback feedback = estimate.getFeedback();
        List<String> sentences = new ArrayList<>();
        if (fromEmail) sentences.add("It contains your email address or part of it.");
        else if (feedback.getWarning() != null) sentences.add(feedback.getWarning());
        sentences.addAll(feedback.getSuggestion());
        if (sentences.isEmpty() || sentences.size() == 1 && fromEmail) sentences.add("Add another word or two. Uncommon words are better.");
        return String.join(" ", new LinkedHashSet<>(sentences));
    }

    private static AccountException invalid(String reason) {
        return new AccountException(Reason.INVALID_INPUT, "password: " + reason);
    }
}
