package vn.chiso.api.lake;

import java.util.Arrays;
import java.util.List;

/** The {@code lake} object of every response: which tables, at which Delta versions, it came from. */
public record LakeInfo(List<TableVersion> tables) {

    /** The response header naming the same versions (CSV bodies have no room for the lake object). */
    public static final String HEADER = "X-Chiso-Lake-Versions";

    /** {@code gold/rankings@3,ops/releases@1}: also a valid {@code asOf} value. */
    public String header() {
        StringBuilder b = new StringBuilder();
        for (TableVersion t : tables) {
            b.append(b.isEmpty() ? "" : ",").append(t.table()).append('@').append(t.version());
        }
        return b.toString();
    }

    public static LakeInfo of(Versioned<?>... sources) {
        return new LakeInfo(Arrays.stream(sources).map(Versioned::source).toList());
    }

    /** For answers that come from reference data shipped with the contract, not from the lake. */
    public static LakeInfo none() {
        return new LakeInfo(List.of());
    }
}
