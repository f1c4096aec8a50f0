package dev.lightbox.bench;

import java.util.Arrays;

/** The median wall time of a piece of work run a few times, for benches that compare two ways of doing it. */
public final class MedianTime {

    private MedianTime() {
    }

    public interface Work {
        void run() throws Exception;
    }

    /** Runs {@code work} {@code rounds} times and answers the median time of one run, in ms. */
    public static double ofRuns(int rounds, Work work) throws Exception {
        double[] times = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            long start = System.nanoTime();
            work.run();
            times[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(times);
        return times[rounds / 2];
    }
}
