package dev.lightbox.skin.service;

/**
 * The five metrics of one area (a region or the whole skin mask): {@code redness} mean CIELAB a* after
 * lighting normalisation (higher = redder), {@code blemishes} a count of small dark or red spots,
 * {@code evenness} 0..1 (higher = more even), {@code texture} fine-scale energy normalised by face size
 * (higher = rougher), {@code shine} 0..1 share of specular skin.
 */
public record SkinValues(double redness, double blemishes, double evenness, double texture, double shine) {

    public double get(SkinMetric metric) {
        return switch (metric) {
            case REDNESS -> redness;
            case BLEMISHES -> blemishes;
            case EVENNESS -> evenness;
            case TEXTURE -> texture;
            case SHINE -> shine;
        };
    }
}
