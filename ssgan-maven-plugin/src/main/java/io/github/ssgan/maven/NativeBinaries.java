package io.github.ssgan.maven;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.bytedeco.javacpp.Loader;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.transfer.ArtifactNotFoundException;

/**
 * The native binaries of ND4J's CPU backend for one platform, resolved when the training JVM is forked. The plugin
 * depends on the Java parts only: {@code nd4j-native-platform} would make every user download the binaries of every
 * platform (~720 MB) unless they pass {@code -Djavacpp.platform}, since a property of the plugin's own build does not
 * apply where a user's build resolves the plugin. Resolved here, from the build's repositories and session, mirrors,
 * proxies, offline mode and the local repository behave as for any dependency, and only the host's (~105 MB) come.
 */
final class NativeBinaries {
    /**
     * The Java parts whose platform jars the backend loads (checked with JavaCPP's debug log): libnd4jcpu and
     * libjnind4jcpu, OpenBLAS, and JavaCPP's own JNI library. {@code nd4j-native-platform} also brings MKL's JNI
     * bindings and an empty {@code nd4j-native-preset} platform jar; neither is loaded.
     */
    static final List<String> PARTS = List.of("org.nd4j:nd4j-native", "org.bytedeco:openblas", "org.bytedeco:javacpp");

    private NativeBinaries() {
    }

    /**
     * The platform as JavaCPP names it ({@code linux-x86_64}, {@code macosx-arm64}, {@code windows-x86_64}, ...),
     * followed by an extension ({@code -avx2}) if any: the configured one (the property {@code javacpp.platform},
     * which users of ND4J know, e.g. {@code linux-x86_64-avx2}), else the host's by JavaCPP's own mapping of
     * os.name and os.arch. {@link Loader.Detector} is used because {@link Loader} itself loads a native library when
     * initialized, and this runs in Maven's JVM, which has none.
     */
    static String platform(String configured, String extension) {
        String platform = configured == null || configured.isBlank() ? Loader.Detector.getPlatform() : configured.trim();
        return extension == null || extension.isBlank() ? platform : platform + extension.trim();
    }

    /**
     * The platform jars for {@code platform}, each in the version of its Java part on the plugin's classpath
     * ({@code versions}: groupId:artifactId to version), so they match even where a user overrides one. Only
     * ND4J's own binaries come in extensions such as {@code -avx2}; OpenBLAS and JavaCPP take the bare os-arch.
     *
     * @throws IllegalStateException if a part is not among {@code versions}
     */
    static List<Artifact> artifacts(String platform, Map<String, String> versions) {
        String[] parts = platform.split("-", 3);
        String bare = parts.length < 2 ? platform : parts[0] + "-" + parts[1];
        List<Artifact> artifacts = new ArrayList<>();
        for (String part : PARTS) {
            String version = versions.get(part);
            if (version == null) {
                throw new IllegalStateException("the plugin's classpath lacks " + part);
            }
            String[] ga = part.split(":");
            artifacts.add(new DefaultArtifact(ga[0], ga[1], part.equals(PARTS.get(0)) ? platform : bare, "jar", version));
        }
        return artifacts;
    }

    /**
     * Resolves {@code artifacts} one by one, ND4J's (the largest, and the one a platform most likely lacks) first, so
     * that a platform without it downloads nothing, and returns their files.
     *
     * @throws MojoFailureException naming the platform and every artifact looked for, if one cannot be resolved:
     *     a platform without published binaries, or one the repositories (or offline mode) cannot supply
     */
    static List<Path> resolve(String platform, List<Artifact> artifacts, RepositorySystem system,
                              RepositorySystemSession session, List<RemoteRepository> repositories)
            throws MojoFailureException {
        List<Path> files = new ArrayList<>();
        for (Artifact artifact : artifacts) {
            try {
                ArtifactRequest request = new ArtifactRequest(artifact, repositories, "ssgan native binaries");
                files.add(system.resolveArtifact(session, request).getArtifact().getFile().toPath());
            } catch (ArtifactResolutionException e) {
                // without the cause, which Maven would print again after the message that already holds it
                throw new MojoFailureException(failure(platform, artifacts, e.getResults(), session.isOffline()));
            }
        }
        return files;
    }

    static String failure(String platform, List<Artifact> artifacts, List<ArtifactResult> results, boolean offline) {
        List<String> missing = new ArrayList<>();
        boolean notFound = !results.isEmpty();
        for (ArtifactResult result : results) {
            if (!result.isResolved()) {
                missing.add(result.getRequest().getArtifact() + ": " + result.getExceptions().stream()
                        .map(Throwable::getMessage).collect(Collectors.joining("; ")));
                notFound &= result.getExceptions().stream().allMatch(ArtifactNotFoundException.class::isInstance);
            }
        }
        StringBuilder message = new StringBuilder("Cannot get ND4J's native binaries for platform ").append(platform)
                .append(": looked for ")
                .append(artifacts.stream().map(Artifact::toString).collect(Collectors.joining(", ")))
                .append("; could not resolve:");
        missing.forEach(m -> message.append("\n  ").append(m));
        if (offline) {
            message.append("\nThe build is offline: run it once online to download them.");
        } else if (notFound) {
            message.append("\nND4J publishes none for this platform. Where the detected platform is wrong, name one"
                    + " with -Djavacpp.platform (linux-x86_64, linux-arm64, macosx-x86_64, macosx-arm64,"
                    + " windows-x86_64; linux-x86_64-avx2 for ND4J's AVX2 build).");
        }
        return message.toString();
    }
}
