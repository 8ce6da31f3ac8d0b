package io.github.ssgan.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ssgan.check.Fixtures;
import java.io.File;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipFile;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;
import org.apache.maven.project.MavenProjectHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AttachResultsMojoTest {
    @TempDir
    Path project;
    final List<Object[]> attached = new ArrayList<>();

    private AttachResultsMojo mojo() {
        AttachResultsMojo mojo = new AttachResultsMojo();
        mojo.outputDirectory = project.resolve("target/ssgan").toFile();
        mojo.buildDirectory = project.resolve("target").toFile();
        mojo.finalName = "mnist-results-1.2.0";
        mojo.project = new MavenProject();
        mojo.projectHelper = (MavenProjectHelper) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {MavenProjectHelper.class}, (proxy, method, args) -> {
                    if (method.getName().equals("attachArtifact") && args.length == 4) {
                        attached.add(args);
                        return null;
                    }
                    throw new UnsupportedOperationException(method.toString());
                });
        return mojo;
    }

    @Test
    void attachesTheResultsZipWithItsClassifier() throws Exception {
        new Fixtures(project.resolve("target/ssgan")).gan("labels-100", 600, 0.9, 0.91);

        AttachResultsMojo mojo = mojo();
        mojo.execute();

        File zip = project.resolve("target/mnist-results-1.2.0-ssgan-results.zip").toFile();
        assertThat(attached).singleElement().satisfies(a -> {
            assertThat(a[0]).isSameAs(mojo.project);
            assertThat(a[1]).isEqualTo("zip");
            assertThat(a[2]).isEqualTo("ssgan-results");
            assertThat(a[3]).isEqualTo(zip);
        });
        try (ZipFile z = new ZipFile(zip)) {
            assertThat(z.stream().map(e -> e.getName()).toList()).containsExactly("suite.json",
                    "labels-100/seed-1/result.json", "labels-100/seed-2/result.json");
        }
    }

    @Test
    void nothingToAttachFailsTheBuild() {
        assertThatThrownBy(() -> mojo().execute()).isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("No finished run in").hasMessageContaining("run ssgan:train first");
        assertThat(attached).isEmpty();
    }
}
