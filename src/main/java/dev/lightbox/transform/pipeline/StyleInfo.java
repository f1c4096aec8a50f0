package dev.lightbox.transform.pipeline;

import java.util.List;

/** A style the caller may run: built-in ({@code portrait-blur}, …) or an installed model ({@code onnx:<name>}). */
public record StyleInfo(String id, String title, String description, boolean builtIn, List<ParamSpec> params) {}
