package vn.chiso.api.lake;

import java.util.Arrays;
import java.util.List;

/** The {@code lake} object of every response: which tables, at which Delta versions, it came from. */
public record LakeInfo(List<TableVersion> tables) {

    public static LakeInfo of(Versioned<?>... sources) {
        return new LakeInfo(Arrays.stream(sources).map(Versioned::source).toList());
    }

    /** For answers that come from reference data shipped with the contract, not from the lake. */
    public static LakeInfo none() {
        return new LakeInfo(List.of());
    }
}
