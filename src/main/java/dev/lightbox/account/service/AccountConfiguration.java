package dev.lightbox.account.service;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

@Configuration(proxyBeanMethods = false)
class AccountConfiguration {

    static final int MIN_HASH_COST = 4;
    static final int MAX_HASH_COST = 16;

    /**
     * BCrypt at {@code LIGHTBOX_LOGIN_PASSWORD_HASH_COST} (log2 rounds, default 10). Stored hashes carry their own cost,
     * so a change applies to passwords set afterwards and every existing one still signs in.
     */
    @Bean
    PasswordEncoder passwordEncoder(@Value("${lightbox.login.password-hash-cost:10}") int cost) {
        if (cost < MIN_HASH_COST || cost > MAX_HASH_COST) {
            throw new IllegalArgumentException("LIGHTBOX_LOGIN_PASSWORD_HASH_COST must be between " + MIN_HASH_COST + " and "
                    + MAX_HASH_COST + ", not " + cost);
        }
        return new BCryptPasswordEncoder(cost);
    }
}
