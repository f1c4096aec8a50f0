package dev.lightbox.transform.service;

import dev.lightbox.analysis.service.FaceFinder;
import dev.lightbox.transform.pipeline.InstalledModels;
import dev.lightbox.transform.pipeline.PersonSegmenter;
import dev.lightbox.transform.pipeline.Restyler;
import dev.lightbox.transform.pipeline.RestylePipeline;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The restyle pipeline, with the analysis's face finder, the bundled person model and the installed ONNX models (none until a registry exists). */
@Configuration(proxyBeanMethods = false)
class PipelineConfiguration {

    @Bean
    Restyler restyler(FaceFinder faceFinder, ObjectProvider<InstalledModels> installedModels,
                      @Value("${lightbox.upload.max-pixels:100000000}") long maxPixels) {
        return new RestylePipeline(faceFinder, PersonSegmenter.bundled(), installedModels.getIfAvailable(() -> InstalledModels.NONE),
                maxPixels);
    }
}
