package io.github.ssgan.results;

import io.github.ssgan.storage.AtomicFiles;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Learning curves (test accuracy per epoch, one line per run) as a PNG, drawn with JFreeChart.
 * Also a command: {@code LearningCurves <out.png> <label>=<metrics.csv>...}, used for the published reference page.
 */
public final class LearningCurves {
    private LearningCurves() {
    }

    public static JFreeChart chart(Map<String, List<EpochMetrics>> runs) {
        XYSeriesCollection data = new XYSeriesCollection();
        runs.forEach((label, history) -> {
            XYSeries series = new XYSeries(label);
            history.forEach(m -> series.add(m.epoch(), 100 * m.testAccuracy()));
            data.addSeries(series);
        });
        JFreeChart chart = ChartFactory.createXYLineChart(null, "epoch", "test accuracy (%)", data,
                PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false);
        ((NumberAxis) plot.getDomainAxis()).setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        XYLineAndShapeRenderer renderer = (XYLineAndShapeRenderer) plot.getRenderer();
        for (int i = 0; i < data.getSeriesCount(); i++) {
            renderer.setSeriesStroke(i, new BasicStroke(2f));
            renderer.setSeriesShapesVisible(i, data.getItemCount(i) <= 30);
        }
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    public static void write(Path file, Map<String, List<EpochMetrics>> runs) {
        JFreeChart chart = chart(runs);
        AtomicFiles.write(file, out -> ChartUtils.writeChartAsPNG(out, chart, 720, 420));
    }

    public static void main(String[] args) throws IOException {
        System.setProperty("java.awt.headless", "true");
        if (args.length < 2) {
            System.err.println("usage: LearningCurves <out.png> <label>=<metrics.csv>...");
            System.exit(1);
        }
        Map<String, List<EpochMetrics>> runs = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            runs.put(args[i].substring(0, eq), MetricsCsv.read(Path.of(args[i].substring(eq + 1))));
        }
        write(Path.of(args[0]), runs);
    }
}
