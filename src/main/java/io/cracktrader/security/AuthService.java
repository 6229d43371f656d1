package io.cracktrader.security;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.cracktrader.config.CracktraderConfig;
import io.cracktrader.error.ConflictException;
import io.cracktrader.error.InvalidRequestException;
import io.cracktrader.error.NotAuthenticatedException;
import io.cracktrader.error.NotFoundException;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Accounts, logins and API keys. Passwords and key secrets are stored as bcrypt hashes; an API key
 * is {@code ctk_<id>_<secret>}, looked up by its id and checked against the hash.
 */
@ApplicationScoped
public class AuthService {
    private static final Logger LOG = Logger.getLogger(AuthService.class);
    private static final long RECHECK_MILLIS = 2_000;

    private record CheckedCaller(Caller caller, long at) {
    }
    private static final int PASSWORD_COST = 11;
    private static final int KEY_COST = 10;
    private static final String KEY_PREFIX = "ctk_";
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._@+-]{1,64}");

    public record Tokens(String accessToken, String refreshToken, long expiresIn, UserStore.User user) {
    }

    public record NewKey(UserStore.ApiKey key, String secret) {
    }

    private final UserStore store;
    private final TokenService tokens;
    private final CracktraderConfig config;
    /**
     * Key id → SHA-256 of a secret already checked against its bcrypt hash: bcrypt is slow on purpose,
     * and a key is used many times a minute. Revocation is still read from the database every time.
     */
    private final Map<String, String> verifiedKeys = new ConcurrentHashMap<>();

    private final RateLimiter limiter;
    private final LoginThrottle throttle;
    /** Access token → its caller and when its session was last read (see {@link #authenticate}). */
    private final Map<String, CheckedCaller> recentCallers = new ConcurrentHashMap<>();
    private final AuditLog audit;
    /** Instance fields, not static: the native image must not hold a seeded generator from build time. */
    private final SecureRandom random = new SecureRandom();
    /**
     * A hash compared against when the user does not exist, so timing does not tell; made on first
     * need rather than at startup (a bcrypt hash costs a noticeable part of the native start).
     */
    private volatile String dummyHash;

    public AuthService(UserStore store, TokenService tokens, CracktraderConfig config, RateLimiter limiter,
                       LoginThrottle throttle, AuditLog audit) {
        this.limiter = limiter;
        this.throttle = throttle;
        this.audit = audit;
        this.store = store;
        this.tokens = tokens;
        this.config = config;
    }

    /** First start with no users: create the administrator, with a random password printed once. */
    void bootstrap(@Observes @Priority(12) StartupEvent event) {
        if (store.userCount() > 0) {
            return;
        }
        String username = config.admin().username();
        Optional<String> configured = config.admin().password();
        String password = configured.orElseGet(this::randomPassword);
        store.insertUser(new UserStore.User(UUID.randomUUID().toString(), username, hash(password, PASSWORD_COST),
                Role.ADMIN, System.currentTimeMillis()));
        if (configured.isPresent()) {
            LOG.infof("Created administrator '%s' with the configured password", username);
        } else {
            // Printed once, to the console only: it is never stored in clear nor shown again.
            LOG.warnf("Created administrator '%s' with password: %s  (shown once; change it with PUT /api/auth/password)",
                    username, password);
        }
    }

    // ---- sessions ----

    /** Logs in from {@code address}; guesses are throttled and failures audited ({@link LoginThrottle}). */
    public Tokens login(String username, String password, String address) {
        Map<String, String> missing = new LinkedHashMap<>();
        if (username == null || username.isBlank()) {
            missing.put("username", "is required");
        }
        if (password == null || password.isEmpty()) {
            missing.put("password", "is required");
        }
        if (!missing.isEmpty()) {
            throw new InvalidRequestException(missing);
        }
        throttle.check(username, address);
        Optional<UserStore.User> user = username == null ? Optional.empty() : store.userByName(username);
        String hash = user.map(UserStore.User::passwordHash).orElseGet(this::dummyHash);
        boolean ok = matches(password, hash);
        if (user.isEmpty() || !ok) {
            throttle.failed(username, address);
            audit.record(new AuditLog.Entry(0, System.currentTimeMillis(), username, "POST", "/api/auth/login", null,
                    401, address));
            throw new NotAuthenticatedException("Invalid username or password");
        }
        throttle.succeeded(username);
        long now = System.currentTimeMillis();
        UserStore.Session session = new UserStore.Session(UUID.randomUUID().toString(), user.get().id(), now,
                now + config.auth().sessionExpiry().toMillis(), null);
        String refreshId = UUID.randomUUID().toString();
        store.openSession(session, refreshId, config.auth().maxSessionsPerUser());
        return tokensFor(user.get(), session, refreshId);
    }

    public Tokens refresh(String refreshToken) {
        if (refreshToken == null || refreshToken.isBlank()) {
            throw new InvalidRequestException(Map.of("refresh_token", "is required"));
        }
        TokenService.Claims claims = refreshToken == null ? null
                : tokens.verify(refreshToken, TokenService.REFRESH).orElse(null);
        UserStore.Session session = claims == null ? null : liveSession(claims.sessionId()).orElse(null);
        UserStore.User user = session == null ? null : store.userById(session.userId()).orElse(null);
        if (user == null) {
            throw new NotAuthenticatedException("Invalid or expired refresh token");
        }
        // Rotation: each refresh token works once. A second use means it was copied; the whole session goes.
        String next = UUID.randomUUID().toString();
        if (!store.rotateRefresh(session.id(), claims.refreshId(), next)) {
            recentCallers.clear();
            store.revokeSession(session.id(), System.currentTimeMillis());
            LOG.warnf("A used refresh token of session %s was presented again; the session is revoked", session.id());
            throw new NotAuthenticatedException("This refresh token was already used; the session has been revoked, "
                    + "log in again");
        }
        return tokensFor(user, session, next);
    }

    /**
     * Whether what authenticated {@code caller} still holds: the user exists with the same role, and
     * its session is live or its API key neither revoked nor expired. Long-lived connections ask this.
     */
    public boolean stillValid(Caller caller) {
        Optional<UserStore.User> user = store.userById(caller.userId());
        if (user.isEmpty() || user.get().role() != caller.role()) {
            return false;
        }
        long now = System.currentTimeMillis();
        if (caller.apiKeyId() != null) {
            return store.key(caller.apiKeyId()).filter(k -> k.revokedAt() == null
                    && (k.expiresAt() == null || k.expiresAt() > now)).isPresent();
        }
        return caller.sessionId() == null || liveSession(caller.sessionId()).isPresent();
    }

    public void logout(Caller caller) {
        if (caller.sessionId() != null) {
            recentCallers.clear();
            store.revokeSession(caller.sessionId(), System.currentTimeMillis());
        }
    }

    private Tokens tokensFor(UserStore.User user, UserStore.Session session, String refreshId) {
        long now = System.currentTimeMillis();
        long accessMillis = Math.min(config.auth().accessTokenExpiry().toMillis(), session.expiresAt() - now);
        String access = tokens.issue(user, session.id(), TokenService.ACCESS, Duration.ofMillis(accessMillis));
        String refresh = tokens.issue(user, session.id(), TokenService.REFRESH,
                Duration.ofMillis(session.expiresAt() - now), refreshId);
        return new Tokens(access, refresh, accessMillis / 1000, user);
    }

    private Optional<UserStore.Session> liveSession(String id) {
        long now = System.currentTimeMillis();
        return store.session(id).filter(s -> s.revokedAt() == null && s.expiresAt() > now);
    }

    // ---- authenticating a bearer token ----

    /** The caller a bearer token stands for: a live access JWT or an active API key; empty otherwise. */
    public Optional<Caller> authenticate(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        if (token.startsWith(KEY_PREFIX)) {
            return authenticateKey(token);
        }
        if (!TokenService.looksLikeJwt(token)) {
            return Optional.empty();
        }
        // A session checked in the last two seconds is not read again: most requests of a dashboard are
        // answered without the two database reads, and a revoked session still ends within seconds
        // (at once on this replica: revoking clears the cache).
        long now = System.currentTimeMillis();
        CheckedCaller checked = recentCallers.get(token);
        if (checked != null && now - checked.at() < RECHECK_MILLIS && checked.caller().expiresAtMillis() > now) {
            return Optional.of(checked.caller());
        }
        Optional<TokenService.Claims> claims = tokens.verify(token, TokenService.ACCESS);
        if (claims.isEmpty() || liveSession(claims.get().sessionId()).isEmpty()) {
            return Optional.empty();
        }
        Optional<Caller> caller = store.userById(claims.get().userId()).map(user -> new Caller(user.id(),
                user.username(), user.role(), user.role().capabilities(), Caller.JWT, claims.get().sessionId(), null,
                config.rateLimit().sessionPerMinute(), claims.get().expiresAtMillis()));
        if (caller.isPresent()) {
            if (recentCallers.size() >= 10_000) {
                recentCallers.clear();
            }
            recentCallers.put(token, new CheckedCaller(caller.get(), now));
        }
        return caller;
    }

    private Optional<Caller> authenticateKey(String token) {
        int split = token.indexOf('_', KEY_PREFIX.length());
        if (split < 0) {
            return Optional.empty();
        }
        String id = token.substring(KEY_PREFIX.length(), split);
        String secret = token.substring(split + 1);
        long now = System.currentTimeMillis();
        Optional<UserStore.ApiKey> found = store.key(id)
                .filter(k -> k.revokedAt() == null && (k.expiresAt() == null || k.expiresAt() > now));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        UserStore.ApiKey key = found.get();
        String digest = sha256(secret);
        if (!digest.equals(verifiedKeys.get(id))) {
            if (!BCrypt.verifyer().verify(secret.toCharArray(), key.secretHash()).verified) {
                return Optional.empty();
            }
            verifiedKeys.put(id, digest);
        }
        Optional<UserStore.User> user = store.userById(key.userId());
        if (user.isEmpty()) {
            return Optional.empty();
        }
        if (key.lastUsedAt() == null || now - key.lastUsedAt() > 60_000) {
            store.touchKey(id, now);
        }
        Set<String> capabilities = key.permissions().contains("write") ? user.get().role().capabilities()
                : Set.of(Role.Capability.READ);
        int limit = key.rateLimit() != null ? key.rateLimit() : config.rateLimit().apiKeyPerMinute();
        limiter.rememberKeyLimit(token, limit);
        return Optional.of(new Caller(user.get().id(), user.get().username(), user.get().role(), capabilities,
                Caller.API_KEY, null, id, limit, key.expiresAt() == null ? 0 : key.expiresAt()));
    }

    // ---- API keys ----

    public NewKey createKey(Caller caller, String name, List<String> permissions, Integer rateLimit, Integer expiresInDays) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (name == null || name.isBlank() || name.length() > 100) {
            errors.put("name", "is required (1-100 characters)");
        }
        List<String> perms = permissions == null || permissions.isEmpty() ? List.of("read") : permissions;
        if (!Set.of("read", "write").containsAll(perms)) {
            errors.put("permissions", "must be a list of read and write");
        }
        int ceiling = limiter.apiKeyCeiling(caller.role().code());
        if (rateLimit != null && (rateLimit < 1 || rateLimit > ceiling)) {
            errors.put("rate_limit", "must be between 1 and " + ceiling + " requests per minute for the "
                    + caller.role().code() + " role");
        }
        if (expiresInDays != null && (expiresInDays < 1 || expiresInDays > 3650)) {
            errors.put("expires_in_days", "must be between 1 and 3650");
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        String id = HexFormat.of().formatHex(randomBytes(8));
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(32));
        long now = System.currentTimeMillis();
        UserStore.ApiKey key = new UserStore.ApiKey(id, caller.userId(), name.strip(),
                hash(secret, KEY_COST), List.copyOf(new LinkedHashSet<>(perms)), rateLimit, now,
                expiresInDays == null ? null : now + expiresInDays * 86_400_000L, null, null);
        store.insertKey(key);
        return new NewKey(key, KEY_PREFIX + id + "_" + secret);
    }

    public List<UserStore.ApiKey> keys(Caller caller) {
        return store.keysOf(caller.userId());
    }

    /** Revokes one of the caller's keys (any key, for an admin). */
    public void revokeKey(Caller caller, String id) {
        UserStore.ApiKey key = store.key(id).filter(k -> k.userId().equals(caller.userId()) || caller.isAdmin())
                .orElseThrow(() -> new NotFoundException("No API key with id " + id));
        store.revokeKey(key.id(), System.currentTimeMillis());
        verifiedKeys.remove(id);
    }

    // ---- users ----

    public UserStore.User createUser(String username, String password, String role) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (username == null || !USERNAME.matcher(username).matches()) {
            errors.put("username", "1-64 letters, digits or . _ @ + -");
        }
        checkPassword(password, errors, "password");
        Optional<Role> parsed = role == null ? Optional.of(Role.VIEWER) : Role.parse(role);
        if (parsed.isEmpty()) {
            errors.put("role", "must be one of admin, trader, analyst, viewer");
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        if (store.userByName(username).isPresent()) {
            throw new ConflictException("A user named " + username + " already exists");
        }
        UserStore.User user = new UserStore.User(UUID.randomUUID().toString(), username, hash(password, PASSWORD_COST),
                parsed.get(), System.currentTimeMillis());
        store.insertUser(user);
        return user;
    }

    public UserStore.User updateUser(String id, String password, String role) {
        UserStore.User user = store.userById(id).orElseThrow(() -> new NotFoundException("No user with id " + id));
        Map<String, String> errors = new LinkedHashMap<>();
        if (password != null) {
            checkPassword(password, errors, "password");
        }
        Optional<Role> parsed = role == null ? Optional.of(user.role()) : Role.parse(role);
        if (parsed.isEmpty()) {
            errors.put("role", "must be one of admin, trader, analyst, viewer");
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        UserStore.User updated = new UserStore.User(user.id(), user.username(),
                password == null ? user.passwordHash() : hash(password, PASSWORD_COST), parsed.get(), user.createdAt());
        store.updateUser(updated);
        recentCallers.clear(); // a changed role applies to the next request
        // Tokens say who you are, not what you may do, but a changed password must end old sessions.
        if (password != null) {
            store.revokeSessionsOf(id, System.currentTimeMillis());
        }
        return updated;
    }

    public void changePassword(Caller caller, String current, String next) {
        UserStore.User user = store.userById(caller.userId()).orElseThrow();
        if (!matches(current, user.passwordHash())) {
            throw new InvalidRequestException(Map.of("current_password", "is not the current password"));
        }
        updateUser(user.id(), next, null);
    }

    public void deleteUser(Caller caller, String id) {
        if (id.equals(caller.userId())) {
            throw new ConflictException("You cannot delete your own account");
        }
        if (!store.deleteUser(id)) {
            throw new NotFoundException("No user with id " + id);
        }
        verifiedKeys.clear();
        recentCallers.clear();
    }

    public List<UserStore.User> users() {
        return new ArrayList<>(store.users());
    }

    public Optional<UserStore.User> userByName(String username) {
        return store.userByName(username);
    }

    private String dummyHash() {
        if (dummyHash == null) {
            dummyHash = hash("not a password", PASSWORD_COST);
        }
        return dummyHash;
    }

    private static void checkPassword(String password, Map<String, String> errors, String field) {
        if (password == null || password.length() < 8 || !bcryptable(password)) {
            errors.put(field, "must be 8-72 characters, and at most 72 bytes in UTF-8");
        }
    }

    /** bcrypt reads at most 72 bytes: a longer password is refused, never silently cut (README, "Security"). */
    private static boolean bcryptable(String password) {
        return password.getBytes(StandardCharsets.UTF_8).length <= 72;
    }

    private static boolean matches(String password, String hash) {
        return password != null && bcryptable(password) && BCrypt.verifyer().verify(password.toCharArray(), hash).verified;
    }

    private static String hash(String secret, int cost) {
        return BCrypt.withDefaults().hashToString(cost, secret.toCharArray());
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        random.nextBytes(bytes);
        return bytes;
    }

    private String randomPassword() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(18));
    }
}
