package dev.lightbox.telegram.service;

import dev.lightbox.skin.service.SkinTrend;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/** A small line chart of one metric over time, as a PNG for {@code /trend}: points in order, first and last dates, range. */
final class TrendChart {

    static final int WIDTH = 640;
    static final int HEIGHT = 320;
    private static final int PAD = 48;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH);

    private TrendChart() {
    }

    static byte[] png(SkinTrend trend) {
        List<SkinTrend.Point> points = trend.points();
        var image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            double min = points.stream().mapToDouble(SkinTrend.Point::value).min().orElse(0);
            double max = points.stream().mapToDouble(SkinTrend.Point::value).max().orElse(1);
            if (max - min < 1e-9) {
                min -= 0.5;
                max += 0.5;
            }
            g.setColor(new Color(0xDDDDDD));
            g.drawRect(PAD, PAD / 2, WIDTH - 2 * PAD + PAD / 2, HEIGHT - PAD - PAD / 2);
            g.setColor(new Color(0x333333));
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
            g.drawString(trend.metric().title(), PAD, PAD / 2 - 6);
            g.drawString(format(max), 4, PAD / 2 + 12);
            g.drawString(format(min), 4, HEIGHT - PAD);
            g.drawString(points.getFirst().takenAt().format(DAY), PAD, HEIGHT - PAD / 2 + 4);
            String last = points.getLast().takenAt().format(DAY);
            g.drawString(last, WIDTH - PAD / 2 - g.getFontMetrics().stringWidth(last), HEIGHT - PAD / 2 + 4);
            var line = new Path2D.Double();
            g.setColor(new Color(0x1676F3));
            for (int i = 0; i < points.size(); i++) {
                double x = points.size() == 1 ? WIDTH / 2.0 : PAD + i * (WIDTH - 1.5 * PAD) / (points.size() - 1);
                double y = PAD / 2.0 + (max - points.get(i).value()) / (max - min) * (HEIGHT - 1.5 * PAD);
                if (i == 0) line.moveTo(x, y);
                else line.lineTo(x, y);
                g.fillOval((int) x - 4, (int) y - 4, 8, 8);
            }
            g.setStroke(new BasicStroke(2f));
            g.draw(line);
        } finally {
            g.dispose();
        }
        var out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
