package vn.chiso.api.lake;

/** A response body naming the lake versions it was computed from (its ETag is keyed on them). */
public interface HasLake {

    LakeInfo lake();
}
