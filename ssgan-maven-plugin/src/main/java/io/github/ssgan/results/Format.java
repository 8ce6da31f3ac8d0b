package io.github.ssgan.results;

import java.util.Locale;

/**
 * The one rounding rule of every renderer (log, report, Markdown): accuracies as percentages with two decimals,
 * spreads and differences as percentage points with two decimals. Renderers format with it and compute nothing.
 */
public final class Format {
    private Format() {
    }

    /** 0.99237 → "99.24 %". */
    public static String percent(double fraction) {
        return Double.isNaN(fraction) ? "–" : String.format(Locale.ROOT, "%.2f %%", 100 * fraction);
    }

    /** 0.0012 → "0.12" (percentage points, no unit: beside a percentage). */
    public static String points(double fraction) {
        return Double.isNaN(fraction) ? "–" : String.format(Locale.ROOT, "%.2f", 100 * fraction);
    }

    /** 0.0012 → "+0.12 pp". */
    public static String signedPoints(double fraction) {
        return Double.isNaN(fraction) ? "–" : String.format(Locale.ROOT, "%+.2f pp", 100 * fraction);
    }

    /** A confidence level: 0.95 → "95 %", 0.975 → "97.5 %" (no trailing zeros: it is a setting, not a measurement). */
    public static String level(double level) {
        return new java.math.BigDecimal(String.format(Locale.ROOT, "%.2f", 100 * level)).stripTrailingZeros()
                .toPlainString() + " %";
    }

    /** mean ± std: "99.24 % ± 0.05"; one seed has no spread to state, so "99.24 % (1 seed)". */
    public static String meanStd(Statistics s) {
        if (s.count() == 1) {
            return percent(s.mean()) + " (1 seed)";
        }
        return s.count() == 0 ? "–" : percent(s.mean()) + " ± " + points(s.std());
    }

    /**
     * The interval of a mean accuracy: "[99.10, 99.38] %", or "–" without one (a single seed). Cut at 0 and 100 %: an
     * accuracy cannot leave them, and the part of a confidence interval outside what the mean can be covers nothing
     * (a wide Student-t interval over few seeds, one of them collapsed, would otherwise read "100.23 %").
     */
    public static String interval(double mean, double halfWidth) {
        return Double.isNaN(halfWidth) ? "–" : String.format(Locale.ROOT, "[%.2f, %.2f] %%",
                100 * Math.max(0, mean - halfWidth), 100 * Math.min(1, mean + halfWidth));
    }

    /** The interval of a difference: "[+0.02, +0.14] pp", or "–". */
    public static String differenceInterval(Statistics.Difference d) {
        return Double.isNaN(d.halfWidth()) ? "–" : String.format(Locale.ROOT, "[%+.2f, %+.2f] pp",
                100 * (d.value() - d.halfWidth()), 100 * (d.value() + d.halfWidth()));
    }

    /** min–max: "99.18–99.31 %". */
    public static String range(Statistics s) {
        return s.count() == 0 ? "–" : String.format(Locale.ROOT, "%.2f–%.2f %%", 100 * s.min(), 100 * s.max());
    }

    /** 41.26 → "41.3 s", or "–" for none (NaN). */
    public static String seconds(double seconds) {
        return Double.isNaN(seconds) ? "–" : String.format(Locale.ROOT, "%.1f s", seconds);
    }

    /** 3725 s → "1h02m", 95 s → "1m35s". */
    public static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60)
                : String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }

    /** The first 12 hex digits of a configHash: enough to tell runs apart on a page. */
    public static String shortHash(String hash) {
        return hash == null ? "–" : hash.substring(0, Math.min(12, hash.length()));
    }

    /** A cell background whose darkness shows a share in [0, 1]: a heat-map shade, white text from half on. */
    public static String shade(double share) {
        int level = (int) Math.round(255 * (1 - Math.max(0, Math.min(1, share))));
        return String.format(Locale.ROOT, "background-color: rgb(%d, %d, 255); color: %s", level, level,
                share >= 0.5 ? "white" : "black");
    }
}
