package vn.chiso.api.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bearer tokens: what makes one valid, and everything that ends it. */
class TokensTest {

    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);
    private static final String OTHER_KEY =
            Base64.getEncoder().encodeToString("another key of thirty-two bytes!".getBytes());
    private static final Instant NOW = Instant.parse("2026-12-07T00:00:00Z");

    private static Accounts accounts(String password) {
        return new Accounts(new SecurityProperties(
                new SecurityProperties.Security(
                        Map.of("anna", new SecurityProperties.User(password, List.of("admin"))), settings("", "")),
                new SecurityProperties.Cors(List.of())));
    }

    private static SecurityProperties.Token settings(String key, String previous) {
        return new SecurityProperties.Token(key, previous, Duration.ofMinutes(15), 5);
    }

    private static Tokens tokens(Accounts accounts, String key, String previous, Instant now) {
        return new Tokens(accounts, settings(key, previous), Clock.fixed(now, ZoneOffset.UTC));
    }

    private static String issue(Accounts accounts, Tokens tokens) {
        return tokens.issue(accounts.verify("anna", "secret").account()).token();
    }

    @Test
    void aTokenStandsForItsAccountUntilItExpires() {
        Accounts accounts = accounts("secret");
        String token = issue(accounts, tokens(accounts, KEY, "", NOW));
        assertThat(tokens(accounts, KEY, "", NOW.plusSeconds(899)).verify(token))
                .map(Accounts.Account::name)
                .contains("anna");
        assertThat(tokens(accounts, KEY, "", NOW.plusSeconds(900)).verify(token))
                .isEmpty();
    }

    @Test
    void aTamperedForeignOrMalformedTokenIsRefused() {
        Accounts accounts = accounts("secret");
        Tokens tokens = tokens(accounts, KEY, "", NOW);
        String token = issue(accounts, tokens);
        String[] parts = token.split("\\.");
        String longer = parts[0] + "." + parts[1] + "." + (Long.parseLong(parts[2]) + 3600) + "." + parts[3];
        assertThat(tokens.verify(longer)).as("expiry moved").isEmpty();
        String other = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString("bob".getBytes()) + "."
                + parts[2] + "." + parts[3];
        assertThat(tokens.verify(other)).as("another user").isEmpty();
        assertThat(tokens(accounts, OTHER_KEY, "", NOW).verify(token))
                .as("another key")
                .isEmpty();
        for (String bad : new String[] {
            null,
            "",
            "v1",
            "v1...",
            "v2." + token.substring(3),
            token + ".x",
            "v1.!!.1.x",
            "v1.YW5uYQ.x.x",
            "x".repeat(10_000)
        }) {
            assertThat(tokens.verify(bad)).as(String.valueOf(bad)).isEmpty();
        }
    }

    @Test
    void aNewPasswordEndsTheAccountsTokensAndThePreviousKeyServesARotation() {
        Accounts before = accounts("secret");
        String token = issue(before, tokens(before, KEY, "", NOW));
        Accounts changed = accounts("{noop}secret");
        assertThat(tokens(changed, KEY, "", NOW).verify(token))
                .as("password changed")
                .isEmpty();
        assertThat(tokens(before, OTHER_KEY, KEY, NOW).verify(token))
                .as("old key still accepted")
                .isPresent();
        assertThat(tokens(before, OTHER_KEY, "", NOW).verify(token))
                .as("old key dropped")
                .isEmpty();
    }

    @Test
    void aShortOrMalformedKeyStopsTheStart() {
        Accounts accounts = accounts("secret");
        assertThatThrownBy(() -> tokens(accounts, "c2hvcnQ=", "", NOW)).hasMessageContaining("at least 32 bytes");
        assertThatThrownBy(() -> tokens(accounts, "not base64!", "", NOW)).hasMessageContaining("base64");
    }

    @Test
    void passwordsAreCheckedWithinABudgetAndUnknownNamesCostNothing() {
        Accounts accounts = accounts("{bcrypt}$2a$04$abcdefghijklmnopqrstuuS1rYb7Ghl1mSwgTwSj0sCkAjF7PFAyS");
        int busy = 0;
        for (int i = 0; i < 20; i++) {
            if (accounts.verify("anna", "wrong").outcome() == Accounts.Outcome.BUSY) {
                busy++;
            }
        }
        assertThat(busy).as("at most a second's budget is spent at once").isGreaterThanOrEqualTo(14);
        for (int i = 0; i < 100; i++) {
            assertThat(accounts.verify("nobody-" + i, "x").outcome()).isEqualTo(Accounts.Outcome.REJECTED);
        }
    }
}
