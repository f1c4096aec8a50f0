package dev.lightbox.account.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;

class PasswordPolicyTest {

    private final PasswordPolicy policy = new PasswordPolicy();

    @Test
    void acceptsAFewUncommonWords() {
        assertThatCode(() -> policy.check("ann@x.test", "velvet-Compass-drizzle-31")).doesNotThrowAnyException();
    }

    @Test
    void refusesCommonPasswordsSayingWhy() {
        assertThat(refusal("ann@x.test", "password-123")).isEqualTo(
                "password: too easy to guess. This is a top-10 common password. Add another word or two. Uncommon words are better.");
        assertThat(refusal("ann@x.test", "aaaaaaaaaaaa")).startsWith("password: too easy to guess. Repeats like \"aaa\" are easy to guess.");
    }

    @Test
    void refusesPasswordsMadeOfTheEmail() {
        String email = "marguerite.okonkwo@lightbox.test";
        assertThatCode(() -> policy.check("someone@else.test", "Okonkwo-Marguerite!")).as("strong for anyone else").doesNotThrowAnyException();
        assertThat(refusal(email, "Okonkwo-Marguerite!")).contains("It contains your email address or part of it.");
        assertThat(refusal(email, email)).contains("your email address");
    }

    @Test
    void keepsTheLengthLimits() {
        assertThat(refusal("ann@x.test", "Zq7!")).isEqualTo("password: use at least 8 characters.");
        assertThat(refusal("ann@x.test", "velvet-Compass-drizzle-31".repeat(3))).startsWith("password: use at most 72 bytes");
    }

    @Test
    void emailWords() {
        assertThat(PasswordPolicy.wordsOf(" Marguerite.Okonkwo@Lightbox.test ")).containsExactlyInAnyOrder(
                "marguerite.okonkwo@lightbox.test", "marguerite.okonkwo", "lightbox.test", "marguerite", "okonkwo", "lightbox", "test");
    }

    private String refusal(String email, String password) {
        AccountException e = catchThrowableOfType(AccountException.class, () -> policy.check(email, password));
        assertThat(e).as("refused").isNotNull();
        assertThat(e.reason()).isEqualTo(AccountException.Reason.INVALID_INPUT);
        return e.getMessage();
    }
}
