package io.github.ssgan.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugin.MojoFailureException;
import org.eclipse.aether.DefaultRepositorySystemSession;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.transfer.ArtifactNotFoundException;
import org.junit.jupiter.api.Test;

class NativeBinariesTest {
    static final Map<String, String> VERSIONS = Map.of(
            "org.nd4j:nd4j-native", "1.0.0-M2.1",
            "org.bytedeco:openblas", "0.3.19-1.5.7",
            "org.bytedeco:javacpp", "1.5.7");
    static final List<RemoteRepository> CENTRAL = List.of(
            new RemoteRepository.Builder("central", "default", "https://repo.maven.apache.org/maven2").build());

    @Test
    void theHostIsNamedAsJavaCppNamesItUnlessConfigured() {
        String host = NativeBinaries.platform(null, null);
        assertThat(host).matches("(linux|macosx|windows)-(x86_64|arm64|x86|armhf|ppc64le)");
        if (System.getProperty("os.name").equals("Linux") && System.getProperty("os.arch").equals("amd64")) {
            assertThat(host).isEqualTo("linux-x86_64");
        }
        assertThat(NativeBinaries.platform(" ", "")).isEqualTo(host);
        assertThat(NativeBinaries.platform(null, "-avx2")).isEqualTo(host + "-avx2");
        assertThat(NativeBinaries.platform("linux-x86_64-avx2", null)).isEqualTo("linux-x86_64-avx2");
        assertThat(NativeBinaries.platform("macosx-arm64", null)).isEqualTo("macosx-arm64");
        assertThat(NativeBinaries.platform("linux-x86_64", "-avx512")).isEqualTo("linux-x86_64-avx512");
    }

    @Test
    void theBackendBinariesTakeTheExtensionOpenBlasAndJavaCppTheBarePlatform() {
        assertThat(NativeBinaries.artifacts("linux-x86_64-avx2", VERSIONS)).map(Artifact::toString).containsExactly(
                "org.nd4j:nd4j-native:jar:linux-x86_64-avx2:1.0.0-M2.1",
                "org.bytedeco:openblas:jar:linux-x86_64:0.3.19-1.5.7",
                "org.bytedeco:javacpp:jar:linux-x86_64:1.5.7");
        assertThat(NativeBinaries.artifacts("macosx-arm64", VERSIONS)).map(Artifact::getClassifier)
                .containsOnly("macosx-arm64");
    }

    @Test
    void aPartMissingFromThePluginsClasspathIsNamed() {
        assertThatThrownBy(() -> NativeBinaries.artifacts("linux-x86_64", Map.of("org.nd4j:nd4j-native", "1")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("org.bytedeco:openblas");
    }

    @Test
    void resolvedBinariesAreReturnedInOrder() throws Exception {
        List<ArtifactRequest> asked = new ArrayList<>();
        RepositorySystem system = system(r -> {
            asked.add(r);
            return found(r);
        });
        List<Path> files = NativeBinaries.resolve("linux-x86_64", NativeBinaries.artifacts("linux-x86_64", VERSIONS),
                system, new DefaultRepositorySystemSession(), CENTRAL);
        assertThat(files).containsExactly(Path.of("/repo/nd4j-native.jar"), Path.of("/repo/openblas.jar"),
                Path.of("/repo/javacpp.jar"));
        assertThat(asked).allSatisfy(r -> assertThat(r.getRepositories()).isEqualTo(CENTRAL));
    }

    @Test
    void aPlatformWithoutPublishedBinariesFailsNamingItAndTheArtifactsAndDownloadsNoMore() {
        // ND4J 1.0.0-M2.1 publishes no linux-ppc64le build, OpenBLAS and JavaCPP do
        List<Artifact> artifacts = NativeBinaries.artifacts("linux-ppc64le", VERSIONS);
        List<String> asked = new ArrayList<>();
        RepositorySystem system = system(r -> {
            asked.add(r.getArtifact().getArtifactId());
            if (r.getArtifact().getArtifactId().equals("nd4j-native")) {
                throw notFound(r, "Could not find artifact " + r.getArtifact() + " in central");
            }
            return found(r);
        });
        assertThatThrownBy(() -> NativeBinaries.resolve("linux-ppc64le", artifacts, system,
                new DefaultRepositorySystemSession(), CENTRAL))
                .isInstanceOf(MojoFailureException.class)
                .hasMessageStartingWith("Cannot get ND4J's native binaries for platform linux-ppc64le: looked for "
                        + "org.nd4j:nd4j-native:jar:linux-ppc64le:1.0.0-M2.1, "
                        + "org.bytedeco:openblas:jar:linux-ppc64le:0.3.19-1.5.7, "
                        + "org.bytedeco:javacpp:jar:linux-ppc64le:1.5.7; could not resolve:\n"
                        + "  org.nd4j:nd4j-native:jar:linux-ppc64le:1.0.0-M2.1: Could not find artifact")
                .hasMessageContaining("ND4J publishes none for this platform")
                .hasMessageContaining("-Djavacpp.platform");
        assertThat(asked).containsExactly("nd4j-native");
    }

    @Test
    void offlineTheFailureSaysSo() {
        DefaultRepositorySystemSession session = new DefaultRepositorySystemSession();
        session.setOffline(true);
        RepositorySystem system = system(r -> {
            throw notFound(r, "Cannot access central in offline mode");
        });
        assertThatThrownBy(() -> NativeBinaries.resolve("linux-x86_64",
                NativeBinaries.artifacts("linux-x86_64", VERSIONS), system, session, CENTRAL))
                .isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("platform linux-x86_64")
                .hasMessageContaining("The build is offline")
                .hasMessageNotContaining("ND4J publishes none");
    }

    interface Resolver {
        ArtifactResult resolve(ArtifactRequest request) throws ArtifactResolutionException;
    }

    /** A RepositorySystem that answers resolveArtifact only. */
    static RepositorySystem system(Resolver resolver) {
        return (RepositorySystem) Proxy.newProxyInstance(NativeBinariesTest.class.getClassLoader(),
                new Class<?>[] {RepositorySystem.class}, (proxy, method, args) -> {
                    if (method.getName().equals("resolveArtifact")) {
                        return resolver.resolve((ArtifactRequest) args[1]);
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    static ArtifactResult found(ArtifactRequest r) {
        ArtifactResult result = new ArtifactResult(r);
        result.setArtifact(r.getArtifact().setFile(new File("/repo/" + r.getArtifact().getArtifactId() + ".jar")));
        return result;
    }

    static ArtifactResolutionException notFound(ArtifactRequest r, String message) {
        ArtifactResult result = new ArtifactResult(r);
        result.addException(new ArtifactNotFoundException(r.getArtifact(), CENTRAL.get(0), message));
        return new ArtifactResolutionException(List.of(result));
    }
}
