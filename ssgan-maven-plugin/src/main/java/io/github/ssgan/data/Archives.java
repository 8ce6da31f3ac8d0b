package io.github.ssgan.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.Set;
import org.apache.commons.compress.archivers.ArchiveEntry;
import org.apache.commons.compress.archivers.ArchiveException;
import org.apache.commons.compress.archivers.ArchiveInputStream;
import org.apache.commons.compress.archivers.ArchiveStreamFactory;
import org.apache.commons.compress.compressors.CompressorException;
import org.apache.commons.compress.compressors.CompressorStreamFactory;

/** Pulls the MNIST files out of an archive (zip, jar, tar, tar.gz, tgz), wherever they sit inside it. */
public final class Archives {
    private Archives() {
    }

    /** Extracts every entry whose file name is one of the four MNIST names (or name.gz); returns how many of the four. */
    public static int extractMnist(Path archive, Path target) throws IOException {
        Set<String> wanted = new HashSet<>();
        for (Mnist.File f : Mnist.File.values()) {
            wanted.add(f.fileName);
            wanted.add(f.fileName + ".gz");
        }
        Set<String> found = new HashSet<>();
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(archive));
             InputStream decompressed = decompress(raw);
             ArchiveInputStream<? extends ArchiveEntry> entries =
                     ArchiveStreamFactory.DEFAULT.createArchiveInputStream(new BufferedInputStream(decompressed))) {
            ArchiveEntry e;
            while ((e = entries.getNextEntry()) != null) {
                String name = e.getName().substring(e.getName().lastIndexOf('/') + 1);
                if (!e.isDirectory() && wanted.contains(name)) {
                    Files.copy(entries, target.resolve(name), StandardCopyOption.REPLACE_EXISTING);
                    found.add(name.replace(".gz", ""));
                }
            }
        } catch (ArchiveException e) {
            throw new IOException(archive + " is not a zip or tar archive: " + e.getMessage(), e);
        }
        return found.size();
    }

    private static InputStream decompress(InputStream in) throws IOException {
        try {
            String type = CompressorStreamFactory.detect(in);
            return CompressorStreamFactory.getSingleton().createCompressorInputStream(type, in);
        } catch (CompressorException notCompressed) {
            return in;
        }
    }
}
