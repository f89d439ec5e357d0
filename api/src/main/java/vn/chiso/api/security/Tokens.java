package vn.chiso.api.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Short-lived bearer tokens: {@code v1.<user, base64url>.<expiry, epoch seconds>.<HMAC-SHA256, base64url>}.
 * The MAC covers the user, the expiry and the account's stored password, so a token ends at its expiry,
 * when the signing key changes, and when that account's password changes. Checking one is a map lookup
 * and one HMAC, whatever the caller sends; nothing about a token is stored on the server.
 */
@Component
public class Tokens {

    private static final Logger log = LoggerFactory.getLogger(Tokens.class);
    private static final String VERSION = "v1";
    private static final int LONGEST = 512;
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    /** A token and when it ends. */
    public record Issued(String token, Instant expiresAt, Duration ttl) {}

    private final Accounts accounts;
    private final Duration ttl;
    private final ThreadLocal<Mac> current;
    private final ThreadLocal<Mac> previous;
    private final Clock clock;

    @Autowired
    public Tokens(Accounts accounts, SecurityProperties properties) {
        this(accounts, properties.security().token(), Clock.systemUTC());
    }

    Tokens(Accounts accounts, SecurityProperties.Token settings, Clock clock) {
        this.accounts = accounts;
        this.ttl = settings.ttl();
        this.clock = clock;
        byte[] key;
        if (settings.key().isBlank()) {
            key = new byte[32];
            new SecureRandom().nextBytes(key);
            log.info("no chiso.security.token.key: tokens are signed with a random key and end with this process");
        } else {
            key = decode(settings.key(), "chiso.security.token.key");
        }
        this.current = macs(key);
        this.previous = settings.previousKey().isBlank()
                ? null
                : macs(decode(settings.previousKey(), "chiso.security.token.previous-key"));
    }

    private static byte[] decode(String base64, String property) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(property + " must be base64 (e.g. openssl rand -base64 32)");
        }
        if (key.length < 32) {
            throw new IllegalStateException(property + " must hold at least 32 bytes; it has " + key.length);
        }
        return key;
    }

    private static ThreadLocal<Mac> macs(byte[] key) {
        SecretKeySpec spec = new SecretKeySpec(key, "HmacSHA256");
        return ThreadLocal.withInitial(() -> {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(spec);
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** A token for an account whose password was just verified. */
    public Issued issue(Accounts.Account account) {
        Instant expires = clock.instant().plus(ttl);
        String body = VERSION + "." + B64.encodeToString(account.name().getBytes(StandardCharsets.UTF_8)) + "."
                + expires.getEpochSecond();
        return new Issued(body + "." + B64.encodeToString(mac(current.get(), body, account)), expires, ttl);
    }

    /** The account a token stands for, if the token is well formed, unexpired and signed by a key in use. */
    public Optional<Accounts.Account> verify(String token) {
        if (token == null || token.length() > LONGEST) {
            return Optional.empty();
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 4 || !parts[0].equals(VERSION)) {
            return Optional.empty();
        }
        Optional<Accounts.Account> account;
        byte[] signature;
        try {
            if (Long.parseLong(parts[2]) <= clock.instant().getEpochSecond()) {
                return Optional.empty();
            }
            account = accounts.find(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
            signature = Base64.getUrlDecoder().decode(parts[3]);
        } catch (IllegalArgumentException e) { // bad number or base64
            return Optional.empty();
        }
        String body = parts[0] + "." + parts[1] + "." + parts[2];
        return account.filter(a -> MessageDigest.isEqual(signature, mac(current.get(), body, a))
                || previous != null && MessageDigest.isEqual(signature, mac(previous.get(), body, a)));
    }

    private static byte[] mac(Mac mac, String body, Accounts.Account account) {
        mac.update(body.getBytes(StandardCharsets.UTF_8));
        mac.update((byte) '\n');
        return mac.doFinal(account.storedPassword().getBytes(StandardCharsets.UTF_8));
    }
}
