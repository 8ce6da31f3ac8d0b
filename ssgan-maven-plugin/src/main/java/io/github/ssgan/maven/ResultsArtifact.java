package io.github.ssgan.maven;

import io.github.ssgan.results.ResultsArchive;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;

/**
 * A results set published as a Maven artifact by {@code ssgan:attach-results}: a zip with classifier
 * {@value #CLASSIFIER}, resolved from the build's repositories (like {@link MavenArtifactSource} resolves MNIST) and
 * unpacked, so that a check compares against a release's results.
 */
final class ResultsArtifact {
    static final String CLASSIFIER = "ssgan-results";
    static final String TYPE = "zip";
    private static final Pattern COORDINATES = Pattern.compile("[^:/\\\\\\s]+:[^:/\\\\\\s]+:[^:/\\\\\\s]+");

    private final RepositorySystem system;
    private final RepositorySystemSession session;
    private final List<RemoteRepository> repositories;

    ResultsArtifact(RepositorySystem system, RepositorySystemSession session, List<RemoteRepository> repositories) {
        this.system = system;
        this.session = session;
        this.repositories = repositories;
    }

    /** groupId:artifactId:version, the way a POM reads; a path has a separator or more or fewer colons. */
    static boolean isCoordinates(String baseline) {
        return COORDINATES.matcher(baseline).matches();
    }

    static DefaultArtifact artifact(String coordinates) {
        String[] p = coordinates.split(":");
        return new DefaultArtifact(p[0], p[1], CLASSIFIER, TYPE, p[2]);
    }

    /**
     * The output directory a baseline names: an existing directory (relative to the project), else the artifact with
     * these coordinates, resolved and unpacked under {@code unpackRoot/<groupId>_<artifactId>_<version>/}.
     *
     * @throws IllegalArgumentException when it is neither, or cannot be resolved (the message says which)
     */
    Path locate(String baseline, Path basedir, Path unpackRoot) {
        Path dir = basedir.resolve(baseline);
        if (Files.isDirectory(dir)) {
            return dir;
        }
        if (!isCoordinates(baseline)) {
            throw new IllegalArgumentException("'" + baseline + "' is neither a directory (" + dir
                    + " does not exist) nor groupId:artifactId:version");
        }
        Path zip;
        try {
            zip = system.resolveArtifact(session, new ArtifactRequest(artifact(baseline), repositories, null))
                    .getArtifact().getFile().toPath();
        } catch (ArtifactResolutionException e) {
            throw new IllegalArgumentException("cannot resolve " + baseline + " (" + artifact(baseline)
                    + ", published by ssgan:attach-results): " + e.getMessage(), e);
        }
        // ':' is not allowed in Windows file names
        Path into = unpackRoot.resolve(baseline.replace(':', '_'));
        ResultsArchive.extract(zip, into);
        return into;
    }
}
