package vn.chiso.api.lake;

/** Data loaded from one version of one table, and when that version was committed (epoch ms; 0 if unknown). */
public record Versioned<V>(TableVersion source, V data, long committedAt) {

    public Versioned(TableVersion source, V data) {
        this(source, data, 0L);
    }
}
