package vn.chiso.api.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * The accounts of {@link SecurityProperties} and the one place a password is verified. An unknown
 * name is refused without hashing anything; a known name costs one verification, and the whole API
 * does at most {@code chiso.security.token.password-checks-per-second} of them (a token bucket shared
 * by every caller), so wrong passwords cannot buy more CPU than that. Nothing is remembered between
 * checks: each one compares the given password with the stored one.
 */
@Component
public class Accounts {

    private static final Logger log = LoggerFactory.getLogger(Accounts.class);

    /** A configured account: its stored password (a {@code {id}hash} or plain text) and known roles. */
    public record Account(String name, String storedPassword, List<String> roles) {
        @Override
        public String toString() {
            return "Account[" + name + ", " + roles + "]";
        }
    }

    public enum Outcome {
        VERIFIED,
        REJECTED,
        BUSY
    }

    public record Verification(Outcome outcome, Account account) {}

    private final Map<String, Account> accounts = new HashMap<>();
    private final PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
    private final double checksPerSecond;
    private double budget;
    private long refilledAt = System.nanoTime();

    public Accounts(SecurityProperties properties) {
        properties.security().users().forEach((name, user) -> {
            if (user.password() == null || user.password().isBlank()) {
                log.warn("chiso.security.users.{} has no password: ignored", name);
                return;
            }
            List<String> roles = user.roles().stream()
                    .map(r -> r.strip().toUpperCase(Locale.ROOT))
                    .filter(r -> r.equals(Viewer.ADMIN) || r.equals(Viewer.REVIEWER))
                    .toList();
            accounts.put(name, new Account(name, user.password(), roles));
        });
        this.checksPerSecond = Math.max(1, properties.security().token().passwordChecksPerSecond());
        this.budget = checksPerSecond;
        log.info("{} API account(s) configured", accounts.size());
    }

    /** The account of that name, if configured (a map lookup: no hashing). */
    public Optional<Account> find(String name) {
        return Optional.ofNullable(name == null ? null : accounts.get(name));
    }

    /** Checks a name and password: unknown names are rejected at once, known ones within the shared budget. */
    public Verification verify(String name, String password) {
        Account account = name == null ? null : accounts.get(name);
        if (account == null || password == null) {
            return new Verification(Outcome.REJECTED, null);
        }
        if (!takeCheck()) {
            return new Verification(Outcome.BUSY, null);
        }
        return matches(password, account.storedPassword())
                ? new Verification(Outcome.VERIFIED, account)
                : new Verification(Outcome.REJECTED, null);
    }

    private boolean matches(String password, String stored) {
        if (!stored.startsWith("{")) { // plain text: compared in constant time
            return MessageDigest.isEqual(sha256(password), sha256(stored));
        }
        try {
            return encoder.matches(password, stored);
        } catch (IllegalArgumentException e) {
            log.warn("a stored password has an unknown {{id}} prefix: {}", e.getMessage());
            return false;
        }
    }

    private synchronized boolean takeCheck() {
        long now = System.nanoTime();
        budget = Math.min(checksPerSecond, budget + (now - refilledAt) * checksPerSecond / 1e9);
        refilledAt = now;
        if (budget < 1) {
            return false;
        }
        budget -= 1;
        return true;
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
