package io.cracktrader.health;

import io.cracktrader.config.CracktraderConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Whether the data directory can take writes: its volume has at least
 * {@code cracktrader.data-min-free-mb} free, and a small file can be written and removed there. Asked
 * by readiness and {@code /api/v1/health}, so a full or read-only volume takes the replica out of
 * service and it comes back by itself once space is freed (README, "Operations").
 */
@ApplicationScoped
public class DataDirectory {
    private final Path dir;
    private final long minFreeBytes;

    public DataDirectory(CracktraderConfig config) {
        this.dir = Path.of(config.dataDir());
        this.minFreeBytes = config.dataMinFreeMb() * 1024 * 1024;
    }

    /** What keeps the directory from taking writes, or null when nothing does. */
    public String problem() {
        try {
            long free = Files.getFileStore(dir).getUsableSpace();
            if (free < minFreeBytes) {
                return String.format("%d MB free on the data volume, below the %d MB minimum", free / (1024 * 1024),
                        minFreeBytes / (1024 * 1024));
            }
            Path probe = dir.resolve(".write-probe");
            Files.write(probe, new byte[] {1}, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE);
            Files.delete(probe);
            return null;
        } catch (IOException e) {
            return "the data directory cannot be written";
        }
    }
}
