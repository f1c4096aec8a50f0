package dev.lightbox.training.service;

import ai.djl.basicmodelzoo.cv.classification.ResNetV1;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;

/** The architectures a user can train, from scratch (no pretrained weights are reachable offline). */
final class Networks {

    private Networks() {
    }

    static Block build(String architecture, int classes, int imageSize) {
        return switch (architecture) {
            case "small-cnn" -> smallCnn(classes);
            case "resnet18" -> ResNetV1.builder().setImageShape(new Shape(3, imageSize, imageSize)).setNumLayers(18).setOutSize(classes).build();
            default -> throw new IllegalArgumentException("architecture: " + architecture);
        };
    }

    /** Three conv–batch-norm–ReLU–max-pool stages (16, 32, 64 filters), global average pooling, a linear classifier. */
    static Block smallCnn(int classes) {
        return smallCnn(classes, new int[] {16, 32, 64});
    }

    static Block smallCnn(int classes, int[] stages) {
        var net = new SequentialBlock();
        for (int filters : stages) {
            net.add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).setFilters(filters).build())
                    .add(BatchNorm.builder().build())
                    .add(Activation::relu)
                    .add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)));
        }
        return net.add(Pool.globalAvgPool2dBlock()).add(Blocks.batchFlattenBlock()).add(Linear.builder().setUnits(classes).build());
    }
}
