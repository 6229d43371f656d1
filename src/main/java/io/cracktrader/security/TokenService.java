package io.cracktrader.security;

import io.cracktrader.config.CracktraderConfig;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;

/**
 * Signs and verifies the service's JWTs (HS256). The key comes from configuration or, failing that,
 * is generated once and kept in the database so that every replica verifies every other's tokens.
 */
@ApplicationScoped
public class TokenService {
    public static final String ISSUER = "cracktrader";
    public static final String ACCESS = "access";
    public static final String REFRESH = "refresh";

    /** What a verified token says. */
    public record Claims(String userId, String username, String sessionId, String type, long expiresAtMillis,
                         String refreshId) {
    }

    private final CracktraderConfig config;
    private final UserStore users;
    private volatile SecretKey key;
    private volatile JwtConsumer consumer;

    public TokenService(CracktraderConfig config, UserStore users) {
        this.config = config;
        this.users = users;
    }

    void init(@Observes @Priority(11) StartupEvent event) {
        String encoded = config.auth().jwtSecret().orElseGet(() -> users.settingOrInit("jwt_secret", randomSecret()));
        byte[] bytes = Base64.getDecoder().decode(encoded.trim());
        if (bytes.length < 32) {
            throw new IllegalStateException("cracktrader.auth.jwt-secret must be at least 32 bytes (base64)");
        }
        key = new SecretKeySpec(bytes, "HmacSHA256");
        consumer = new JwtConsumerBuilder()
                .setRequireExpirationTime()
                .setRequireSubject()
                .setRequireJwtId()
                .setExpectedIssuer(ISSUER)
                .setAllowedClockSkewInSeconds(5)
                .setVerificationKey(key)
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.HMAC_SHA256)
                .build();
    }

    public String issue(UserStore.User user, String sessionId, String type, Duration lifetime) {
        return issue(user, sessionId, type, lifetime, null);
    }

    /** {@code refreshId} names one refresh token of the session (rotation; see {@code AuthService.refresh}). */
    public String issue(UserStore.User user, String sessionId, String type, Duration lifetime, String refreshId) {
        var builder = Jwt.issuer(ISSUER)
                .subject(user.id())
                .upn(user.username())
                .groups(user.role().code())
                .claim("sid", sessionId)
                .claim("typ", type)
                .expiresIn(lifetime);
        if (refreshId != null) {
            builder = builder.claim("rid", refreshId);
        }
        return builder.jws().algorithm(SignatureAlgorithm.HS256).sign(key);
    }

    /** The claims of a well-signed, unexpired token of the given type; empty for anything else. */
    public Optional<Claims> verify(String token, String type) {
        try {
            JwtClaims claims = consumer.processToClaims(token);
            if (!type.equals(claims.getStringClaimValue("typ"))) {
                return Optional.empty();
            }
            return Optional.of(new Claims(claims.getSubject(), claims.getStringClaimValue("upn"),
                    claims.getStringClaimValue("sid"), type, claims.getExpirationTime().getValueInMillis(),
                    claims.hasClaim("rid") ? claims.getStringClaimValue("rid") : null));
        } catch (InvalidJwtException | MalformedClaimException e) {
            return Optional.empty();
        }
    }

    /** Cheap test of the token's shape: three base64url parts. */
    public static boolean looksLikeJwt(String token) {
        return token.chars().filter(ch -> ch == '.').count() == 2 && token.startsWith("eyJ");
    }

    private static String randomSecret() {
        byte[] bytes = new byte[48];
        new SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }
}
