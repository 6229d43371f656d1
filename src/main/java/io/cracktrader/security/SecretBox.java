package io.cracktrader.security;

import io.cracktrader.config.CracktraderConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.jboss.logging.Logger;

/**
 * Seals secrets at rest (exchange credentials) with AES-256-GCM. The key comes from
 * {@code CRACKTRADER_SECRETS_KEY} (Kubernetes: a Secret), or is generated once into
 * {@code <data-dir>/secrets.key} with owner-only permissions. Sealed text carries its random nonce;
 * tampering fails the tag check. The JDK's own cipher: nothing else is needed.
 */
@ApplicationScoped
public class SecretBox {
    private static final Logger LOG = Logger.getLogger(SecretBox.class);
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final CracktraderConfig config;
    private final SecureRandom random = new SecureRandom();
    private volatile SecretKeySpec key;

    public SecretBox(CracktraderConfig config) {
        this.config = config;
    }

    public String seal(String plain) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key(), new GCMParameterSpec(TAG_BITS, nonce));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(nonce.length + sealed.length).put(nonce)
                    .put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not seal a secret", e);
        }
    }

    /** The plain text, or throws when the key changed or the text was altered. */
    public String open(String sealedText) {
        byte[] all = Base64.getDecoder().decode(sealedText);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key(), new GCMParameterSpec(TAG_BITS, all, 0, NONCE_BYTES));
            return new String(cipher.doFinal(all, NONCE_BYTES, all.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("A stored secret cannot be opened with the current key "
                    + "(was CRACKTRADER_SECRETS_KEY changed?)");
        }
    }

    private SecretKeySpec key() {
        SecretKeySpec k = key;
        if (k == null) {
            synchronized (this) {
                if (key == null) {
                    key = new SecretKeySpec(loadKey(), "AES");
                }
                k = key;
            }
        }
        return k;
    }

    private byte[] loadKey() {
        if (config.secrets().key().isPresent()) {
            byte[] bytes = Base64.getDecoder().decode(config.secrets().key().get().trim());
            if (bytes.length != 32) {
                throw new IllegalStateException("CRACKTRADER_SECRETS_KEY must be 32 bytes, base64-encoded");
            }
            return bytes;
        }
        Path file = Path.of(config.dataDir(), "secrets.key");
        try {
            if (Files.exists(file)) {
                return Base64.getDecoder().decode(Files.readString(file).trim());
            }
            byte[] bytes = new byte[32];
            random.nextBytes(bytes);
            Files.createDirectories(file.getParent());
            Files.writeString(file, Base64.getEncoder().encodeToString(bytes));
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                LOG.warn("Could not restrict the permissions of the secrets key file");
            }
            LOG.infof("Generated the key that encrypts stored exchange credentials: %s (set CRACKTRADER_SECRETS_KEY "
                    + "to manage it yourself)", file.toAbsolutePath().normalize());
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read or create " + file, e);
        }
    }
}
