package io.github.ssgan.results;

import io.github.ssgan.storage.AtomicFiles;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Paint;
import java.nio.file.Path;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.DefaultDrawingSupplier;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * The report's charts, drawn with JFreeChart from the curves of a {@link ResultsSet}: each line is the mean over
 * seeds, its shaded band the min–max over seeds. Only draws; the numbers come from the model.
 */
public final class ReportFigures {
    public static final int WIDTH = 760;
    public static final int HEIGHT = 420;

    private ReportFigures() {
    }

    /** Test accuracy per epoch, every experiment on one chart. */
    public static void writeAccuracy(Path file, ResultsSet results) {
        YIntervalSeriesCollection data = new YIntervalSeriesCollection();
        for (ResultsSet.ExperimentResults e : results.experiments()) {
            if (!e.runs().isEmpty()) {
                data.addSeries(series(e.experiment() + " (" + e.runs().size() + " seed" + (e.runs().size() == 1 ? "" : "s") + ")",
                        e.accuracyCurve(), 100));
            }
        }
        write(file, chart(data, "test accuracy (%)"));
    }

    /** The three training losses of one experiment per epoch. */
    public static void writeLosses(Path file, ResultsSet.ExperimentResults experiment) {
        YIntervalSeriesCollection data = new YIntervalSeriesCollection();
        add(data, "loss_labeled (L_sup)", experiment, EpochMetrics::lossLabeled);
        add(data, "loss_unlabeled (L_unsup)", experiment, EpochMetrics::lossUnlabeled);
        add(data, "loss_generator", experiment, EpochMetrics::lossGenerator);
        write(file, chart(data, "loss (mean over the epoch)"));
    }

    private static void add(YIntervalSeriesCollection data, String name, ResultsSet.ExperimentResults e,
                            ToDoubleFunction<EpochMetrics> metric) {
        data.addSeries(series(name, e.curve(metric), 1));
    }

    private static YIntervalSeries series(String name, List<ResultsSet.CurvePoint> curve, double scale) {
        YIntervalSeries s = new YIntervalSeries(name);
        for (ResultsSet.CurvePoint p : curve) {
            s.add(p.epoch(), scale * p.over().mean(), scale * p.over().min(), scale * p.over().max());
        }
        return s;
    }

    private static JFreeChart chart(YIntervalSeriesCollection data, String yLabel) {
        JFreeChart chart = ChartFactory.createXYLineChart(null, "epoch", yLabel, data, PlotOrientation.VERTICAL,
                true, false, false);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false);
        ((NumberAxis) plot.getDomainAxis()).setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        DeviationRenderer renderer = new DeviationRenderer(true, data.getSeriesCount() > 0 && data.getItemCount(0) <= 30);
        Paint[] colours = DefaultDrawingSupplier.DEFAULT_PAINT_SEQUENCE;
        for (int i = 0; i < data.getSeriesCount(); i++) {
            renderer.setSeriesStroke(i, new BasicStroke(2f));
            renderer.setSeriesPaint(i, colours[i % colours.length]);
            renderer.setSeriesFillPaint(i, colours[i % colours.length]);
        }
        renderer.setAlpha(0.2f);
        plot.setRenderer(renderer);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    private static void write(Path file, JFreeChart chart) {
        AtomicFiles.write(file, out -> ChartUtils.writeChartAsPNG(out, chart, WIDTH, HEIGHT));
    }
}
