package io.github.ssgan.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.eclipse.aether.artifact.Artifact;
import org.junit.jupiter.api.Test;

class MavenArtifactSourceTest {
    @Test
    void readsCoordinatesInPomOrderWithZipAsDefaultExtension() {
        Artifact a = MavenArtifactSource.artifact("org.example:mnist:1.0");
        assertThat(a.getGroupId()).isEqualTo("org.example");
        assertThat(a.getArtifactId()).isEqualTo("mnist");
        assertThat(a.getVersion()).isEqualTo("1.0");
        assertThat(a.getExtension()).isEqualTo("zip");
        assertThat(a.getClassifier()).isEmpty();

        Artifact b = MavenArtifactSource.artifact("org.example:mnist:2.1:tar.gz:idx");
        assertThat(b.getVersion()).isEqualTo("2.1");
        assertThat(b.getExtension()).isEqualTo("tar.gz");
        assertThat(b.getClassifier()).isEqualTo("idx");
    }

    @Test
    void rejectsMalformedCoordinates() {
        assertThatThrownBy(() -> MavenArtifactSource.artifact("org.example:mnist"))
                .hasMessageContaining("'org.example:mnist'").hasMessageContaining("groupId:artifactId:version");
        assertThatThrownBy(() -> MavenArtifactSource.artifact("org.example::1.0")).hasMessageContaining("groupId:artifactId");
    }
}
