package io.github.ssgan.data;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

/** A public MNIST mirror serving the four files gzip-compressed under one base URL. */
public final class MirrorSource implements MnistSource {
    /** The usual public mirrors, tried in order. */
    public static final String[] PUBLIC_MIRRORS = {
        "https://ossci-datasets.s3.amazonaws.com/mnist/",
        "https://storage.googleapis.com/cvdf-datasets/mnist/",
    };

    private final String baseUrl;

    public MirrorSource(String baseUrl) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl : baseUrl + "/";
    }

    @Override
    public String description() {
        return "public mirror " + baseUrl;
    }

    @Override
    public void fetchInto(Path target) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        for (Mnist.File f : Mnist.File.values()) {
            URI uri = URI.create(baseUrl + f.fileName + ".gz");
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(5)).build();
            HttpResponse<Path> response = client.send(request, HttpResponse.BodyHandlers.ofFile(target.resolve(f.fileName + ".gz")));
            if (response.statusCode() != 200) {
                throw new IOException("HTTP " + response.statusCode() + " for " + uri);
            }
        }
    }
}
