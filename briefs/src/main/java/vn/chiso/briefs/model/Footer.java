package vn.chiso.briefs.model;

import java.util.List;

/**
 * What a brief was built from: the lake's table versions (an {@code asOf} value that rebuilds it),
 * each index's methodology versions, and who it was built for (the public sees published rankings only).
 */
public record Footer(String lakeVersions, List<String> methodologies, String audience) {}
