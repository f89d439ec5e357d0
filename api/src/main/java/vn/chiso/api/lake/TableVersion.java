package vn.chiso.api.lake;

/** A lake table (path under the lake root, e.g. {@code gold/rankings}) and the Delta version read. */
public record TableVersion(String table, long version) {}
