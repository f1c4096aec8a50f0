package dev.lightbox.account.service;

import java.lang.Character.UnicodeScript;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Finds email parts whose letters come from more than one script, like a Cyrillic 'а' among Latin letters:
 * the way look-alike addresses are made. Each part (the local part, each domain label) is checked on its
 * own, so "иван@example.com" is fine. Digits and punctuation (scripts Common and Inherited) are ignored,
 * and the CJK mixes of Unicode's "highly restrictive" level (UTS #39) are allowed.
 */
final class MixedScripts {

    private static final Set<UnicodeScript> IGNORED = EnumSet.of(UnicodeScript.COMMON, UnicodeScript.INHERITED);
    private static final List<Set<UnicodeScript>> ALLOWED_MIXES = List.of(
            EnumSet.of(UnicodeScript.LATIN, UnicodeScript.HAN, UnicodeScript.HIRAGANA, UnicodeScript.KATAKANA),
            EnumSet.of(UnicodeScript.LATIN, UnicodeScript.HAN, UnicodeScript.BOPOMOFO),
            EnumSet.of(UnicodeScript.LATIN, UnicodeScript.HAN, UnicodeScript.HANGUL));

    private MixedScripts() {
    }

    static boolean inEmail(String email) {
        for (String part : email.split("[@.]")) {
            if (mixed(part)) return true;
        }
        return false;
    }

    static boolean mixed(String text) {
        Set<UnicodeScript> scripts = EnumSet.noneOf(UnicodeScript.class);
        text.codePoints().filter(Character::isLetter).mapToObj(UnicodeScript::of).filter(s -> !IGNORED.contains(s)).forEach(scripts::add);
        return scripts.size() > 1 && ALLOWED_MIXES.stream().noneMatch(allowed -> allowed.containsAll(scripts));
    }
}
