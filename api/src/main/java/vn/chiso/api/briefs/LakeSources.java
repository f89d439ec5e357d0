package vn.chiso.api.briefs;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import vn.chiso.api.lake.LakeInfo;
import vn.chiso.api.lake.TableVersion;

/**
 * The table versions a brief read, over every answer it was assembled from: one version per table
 * (the latest read when answers differ), written as an {@code asOf} value that rebuilds the brief.
 */
final class LakeSources {

    private final Map<String, Long> versions = new TreeMap<>();

    void add(LakeInfo lake) {
        for (TableVersion t : lake.tables()) {
            versions.merge(t.table(), t.version(), Math::max);
        }
    }

    LakeInfo lake() {
        return new LakeInfo(versions.entrySet().stream()
                .map(e -> new TableVersion(e.getKey(), e.getValue()))
                .toList());
    }

    String asOf() {
        return versions.entrySet().stream()
                .map(e -> e.getKey() + "@" + e.getValue())
                .collect(Collectors.joining(","));
    }
}
