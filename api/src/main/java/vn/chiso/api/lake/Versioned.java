package vn.chiso.api.lake;

/** Data loaded from one version of one table. */
public record Versioned<V>(TableVersion source, V data) {
}
