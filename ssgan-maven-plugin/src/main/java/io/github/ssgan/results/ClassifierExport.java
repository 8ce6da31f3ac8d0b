package io.github.ssgan.results;

import io.github.ssgan.spec.Architecture;
import io.github.ssgan.model.Discriminator;
import io.github.ssgan.storage.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * model.zip: the trained classifier as a plain DL4J {@link MultiLayerNetwork}. Without training noise the weight-normed
 * layers are ordinary dense layers with W = V·g/‖V‖, so anyone with DL4J can load it
 * ({@code ModelSerializer.restoreMultiLayerNetwork}) and call {@code output(x)} on rows of 784 pixels in [0,1] to get
 * the probabilities of the 10 digits.
 */
public final class ClassifierExport {

    private ClassifierExport() {
    }

    public static MultiLayerNetwork toNetwork(Discriminator classifier) {
        Architecture arch = classifier.architecture();
        NeuralNetConfiguration.ListBuilder layers = new NeuralNetConfiguration.Builder().dataType(DataType.FLOAT).list();
        int in = arch.inputSize();
        int index = 0;
        for (int size : arch.discriminatorHidden()) {
            layers.layer(index++, new DenseLayer.Builder().nIn(in).nOut(size).activation(Activation.RELU).build());
            in = size;
        }
        layers.layer(index, new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                .nIn(in).nOut(arch.classes()).activation(Activation.SOFTMAX).build());
        MultiLayerConfiguration conf = layers.build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        var weights = classifier.effectiveWeights();
        for (int i = 0; i < weights.length; i++) {
            net.setParam(i + "_W", weights[i][0].castTo(DataType.FLOAT));
            net.setParam(i + "_b", weights[i][1].castTo(DataType.FLOAT));
        }
        return net;
    }

    public static void write(Path file, Discriminator classifier) {
        MultiLayerNetwork net = toNetwork(classifier);
        AtomicFiles.write(file, out -> ModelSerializer.writeModel(net, out, false));
    }

    public static MultiLayerNetwork read(Path file) {
        try {
            return ModelSerializer.restoreMultiLayerNetwork(file.toFile(), false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
