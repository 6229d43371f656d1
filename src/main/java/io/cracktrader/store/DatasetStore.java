package io.cracktrader.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cracktrader.config.CracktraderConfig;
import io.cracktrader.engine.data.BarSeries;
import io.cracktrader.engine.data.Timeframe;
import io.cracktrader.error.UnavailableException;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ref.SoftReference;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Imported datasets, one file each under {@code <data dir>/datasets}: an 8-byte magic, a JSON
 * header ({@link DatasetInfo}), then the columns time, open, high, low, close, volume as
 * little-endian 8-byte values (48 bytes a bar). Files are written to a temporary name and moved into
 * place, so a crash never leaves half a dataset. Runs read a dataset through a memory mapping into
 * one shared, read-only series: N runs over the same dataset hold it in memory once.
 */
@ApplicationScoped
public class DatasetStore {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    private static final byte[] MAGIC = {'C', 'T', 'B', 'A', 'R', 'S', 0, 1};
    private static final String SUFFIX = ".bars";
    private static final String TMP = ".tmp";
    private static final long LEFTOVER_AGE_MILLIS = 10 * 60_000;
    private static final Logger LOG = Logger.getLogger(DatasetStore.class);

    /** A dataset's description, stored in its file's header (as JSON). Times are epoch milliseconds. */
    @RegisterForReflection
    /** {@code owner} is the username that imported it; null for datasets imported before datasets had owners. */
    public record DatasetInfo(String name, String symbol, String timeframe, int bars, long start, long end,
                              int gapCount, List<Gap> gaps, long createdAt, long sizeBytes, String owner) {

        /** The importer and the administrator read it; a dataset from before owners, everyone. */
        public boolean readableBy(String username, boolean admin) {
            return admin || owner == null || owner.equals(username);
        }

        /** The importer and the administrator replace or delete it. */
        public boolean changeableBy(String username, boolean admin) {
            return admin || (owner != null && owner.equals(username));
        }
    }

    @RegisterForReflection
    public record Gap(long after, long before, long missingBars) {
    }

    private final ObjectMapper json;
    private final CracktraderConfig config;
    private final Map<String, SoftReference<BarSeries>> loaded = new ConcurrentHashMap<>();

    private final Database database;

    public DatasetStore(ObjectMapper json, CracktraderConfig config, Database database) {
        this.json = json;
        this.config = config;
        this.database = database;
    }

    /**
     * Temporary files of imports a crash cut off are removed at start: all of them when this process
     * holds the data directory alone, else those nobody has written to for a while (another replica
     * may be importing into a shared volume).
     */
    void removeLeftovers(@Observes StartupEvent event) throws IOException {
        long before = database.exclusive() ? Long.MAX_VALUE : System.currentTimeMillis() - LEFTOVER_AGE_MILLIS;
        try (Stream<Path> files = Files.list(dir())) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(TMP)).toList()) {
                if (Files.getLastModifiedTime(f).toMillis() < before) {
                    Files.deleteIfExists(f);
                    LOG.infof("Removed %s, left by an import that did not finish", f.getFileName());
                }
            }
        }
    }

    private Path dir() throws IOException {
        return Files.createDirectories(Path.of(config.dataDir(), "datasets"));
    }

    public synchronized DatasetInfo save(DatasetInfo info, BarSeries bars) {
        Path tmp = null;
        try {
            byte[] header = json.writeValueAsBytes(info);
            int headerEnd = align(MAGIC.length + 4 + header.length);
            int n = bars.size();
            tmp = Files.createTempFile(dir(), info.name(), TMP);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ByteBuffer head = ByteBuffer.allocate(headerEnd).order(ByteOrder.LITTLE_ENDIAN);
                head.put(MAGIC).putInt(header.length).put(header);
                head.position(headerEnd).flip();
                write(ch, head);
                ByteBuffer column = ByteBuffer.allocate(n * 8).order(ByteOrder.LITTLE_ENDIAN);
                for (int i = 0; i < n; i++) {
                    column.putLong(bars.time(i));
                }
                write(ch, column.flip());
                for (int c = 0; c < 5; c++) {
                    column.clear();
                    for (int i = 0; i < n; i++) {
                        column.putDouble(switch (c) {
                            case 0 -> bars.open(i);
                            case 1 -> bars.high(i);
                            case 2 -> bars.low(i);
                            case 3 -> bars.close(i);
                            default -> bars.volume(i);
                        });
                    }
                    write(ch, column.flip());
                }
                ch.force(true);
            }
            Path target = file(info.name()).orElseThrow(() -> new IllegalArgumentException("not a dataset name"));
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
            loaded.remove(info.name());
            return find(info.name()).orElseThrow();
        } catch (IOException e) {
            throw unwritable(e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException e) {
                    LOG.warnf("Could not remove %s: %s", tmp, e.getMessage());
                }
            }
        }
    }

    /** A full volume says so; the path and the system's wording stay in the log (docs/API-CONTRACT.md, "Errors"). */
    private static RuntimeException unwritable(IOException e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("No space left") || message.contains("Disk quota exceeded")) {
            LOG.errorf("Could not write a dataset: the disk is full (%s)", message);
            return new UnavailableException(Database.DISK_FULL, 30, e);
        }
        LOG.errorf(e, "Could not write a dataset");
        return new UnavailableException("The service's storage cannot be written; an operator has been told in its log", 5, e);
    }

    public Optional<DatasetInfo> find(String name) {
        try {
            Path f = file(name).orElse(null);
            if (f == null || !Files.isRegularFile(f)) {
                return Optional.empty();
            }
            try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
                return Optional.of(readHeader(ch, Files.size(f)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** All datasets, by name. */
    public List<DatasetInfo> list() {
        try (Stream<Path> files = Files.list(dir())) {
            List<DatasetInfo> out = new ArrayList<>();
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(SUFFIX)).sorted().toList()) {
                String name = f.getFileName().toString();
                find(name.substring(0, name.length() - SUFFIX.length())).ifPresent(out::add);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The dataset's bars, shared read-only between the runs that use them. */
    public Optional<BarSeries> load(String name) {
        SoftReference<BarSeries> ref = loaded.get(name);
        BarSeries cached = ref == null ? null : ref.get();
        if (cached != null) {
            return Optional.of(cached);
        }
        Path f = file(name).orElse(null);
        if (f == null || !Files.isRegularFile(f)) {
            return Optional.empty();
        }
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
            DatasetInfo info = readHeader(ch, ch.size());
            int n = info.bars();
            MappedByteBuffer map = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size());
            map.order(ByteOrder.LITTLE_ENDIAN);
            int offset = align(MAGIC.length + 4 + map.getInt(MAGIC.length));
            long[] time = new long[n];
            map.slice(offset, n * 8).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(time);
            double[][] columns = new double[5][n];
            for (int c = 0; c < 5; c++) {
                map.slice(offset + (c + 1) * n * 8, n * 8).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(columns[c]);
            }
            BarSeries bars = BarSeries.wrap(info.symbol(), Timeframe.fromCode(info.timeframe()), time, columns[0],
                    columns[1], columns[2], columns[3], columns[4]);
            loaded.put(name, new SoftReference<>(bars));
            return Optional.of(bars);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public synchronized boolean delete(String name) {
        loaded.remove(name);
        try {
            Path f = file(name).orElse(null);
            return f != null && Files.deleteIfExists(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private DatasetInfo readHeader(FileChannel ch, long size) throws IOException {
        ByteBuffer head = ByteBuffer.allocate(MAGIC.length + 4).order(ByteOrder.LITTLE_ENDIAN);
        ch.read(head, 0);
        head.flip();
        byte[] magic = new byte[MAGIC.length];
        head.get(magic);
        if (!Arrays.equals(magic, MAGIC)) {
            throw new IOException("not a dataset file");
        }
        ByteBuffer text = ByteBuffer.allocate(head.getInt());
        ch.read(text, MAGIC.length + 4);
        DatasetInfo info = json.readValue(new String(text.array(), StandardCharsets.UTF_8), DatasetInfo.class);
        return new DatasetInfo(info.name(), info.symbol(), info.timeframe(), info.bars(), info.start(), info.end(),
                info.gapCount(), info.gaps(), info.createdAt(), size, info.owner());
    }

    /**
     * Whether {@code name} is a dataset name (README, "Datasets"): 1-64 letters, digits, '_', '-' or '.',
     * starting with a letter or digit. The one rule for every path that takes a name.
     */
    public static boolean validName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    /** The dataset's file, only for a valid name and only inside the datasets directory. */
    private Optional<Path> file(String name) {
        if (!validName(name)) {
            return Optional.empty();
        }
        Path dir = Path.of(config.dataDir(), "datasets").toAbsolutePath().normalize();
        Path file = dir.resolve(name + SUFFIX).normalize();
        return file.getParent().equals(dir) ? Optional.of(file) : Optional.empty();
    }

    private static int align(int position) {
        return (position + 7) & ~7;
    }

    private static void write(FileChannel ch, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            ch.write(buffer);
        }
    }
}
