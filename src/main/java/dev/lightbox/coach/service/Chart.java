package dev.lightbox.coach.service;

import java.util.List;

/**
 * A small chart of an answer: a line over time ({@link Kind#LINE}, x is an ISO date or month) or bars per group
 * ({@link Kind#BAR}, x is the group's name). One or more series of points.
 */
public record Chart(Kind kind, String title, String unit, List<Series> series) {

    public enum Kind { LINE, BAR }

    public record Series(String name, List<Point> points) {
        public Series {
            points = List.copyOf(points);
        }
    }

    public record Point(String x, double y) {
    }

    public Chart {
        series = List.copyOf(series);
    }
}
