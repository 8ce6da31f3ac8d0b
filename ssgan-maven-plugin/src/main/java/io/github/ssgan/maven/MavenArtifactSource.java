package io.github.ssgan.maven;

import io.github.ssgan.data.Archives;
import io.github.ssgan.data.Mnist;
import io.github.ssgan.data.MnistSource;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;

/**
 * MNIST published as a Maven artifact (a zip, jar or tar.gz holding the four IDX files), resolved from the build's
 * repositories: how a team pins the data in its own repository manager.
 */
final class MavenArtifactSource implements MnistSource {
    private final String coordinates;
    private final RepositorySystem system;
    private final RepositorySystemSession session;
    private final List<RemoteRepository> repositories;

    MavenArtifactSource(String coordinates, RepositorySystem system, RepositorySystemSession session,
                        List<RemoteRepository> repositories) {
        this.coordinates = coordinates;
        this.system = system;
        this.session = session;
        this.repositories = repositories;
    }

    /**
     * groupId:artifactId:version[:extension[:classifier]], the order users write in a POM; the extension defaults to
     * zip. (Aether's own string form puts the version last.)
     */
    static DefaultArtifact artifact(String coordinates) {
        String[] p = coordinates.split(":", -1);
        if (p.length < 3 || p.length > 5 || Arrays.stream(p).anyMatch(String::isBlank)) {
            throw new IllegalArgumentException("'" + coordinates + "' is not groupId:artifactId:version[:extension[:classifier]]");
        }
        return new DefaultArtifact(p[0], p[1], p.length > 4 ? p[4] : "", p.length > 3 ? p[3] : "zip", p[2]);
    }

    @Override
    public String description() {
        return "Maven artifact " + coordinates;
    }

    @Override
    public void fetchInto(Path target) throws IOException {
        Path archive;
        try {
            ArtifactRequest request = new ArtifactRequest(artifact(coordinates), repositories, null);
            archive = system.resolveArtifact(session, request).getArtifact().getFile().toPath();
        } catch (ArtifactResolutionException | IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
        int found = Archives.extractMnist(archive, target);
        if (found < Mnist.File.values().length) {
            throw new IOException(archive + " holds only " + found + " of the four MNIST files");
        }
    }
}
