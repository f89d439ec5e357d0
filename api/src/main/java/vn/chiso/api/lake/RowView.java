package vn.chiso.api.lake;

import io.delta.kernel.data.Row;
import io.delta.kernel.types.ByteType;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.IntegerType;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.ShortType;
import io.delta.kernel.types.StructType;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import vn.chiso.contract.LakeTable;

/**
 * One row of a gold table, read by contract column name. Asking for a column the contract does not
 * define fails, so mappers cannot drift from {@link LakeTable}; a nullable contract column the table
 * does not have (yet) reads as null. Integral columns are read whatever their width, so a pipeline
 * writing INT as BIGINT still loads.
 */
public final class RowView {

    private static final int ABSENT = -1;

    private final LakeTable table;
    private final Set<String> contractColumns;
    private final Map<String, Integer> ordinals;
    private final StructType schema;
    private final Map<Object, Object> canonical;
    private Row row;

    /**
     * @param canonical values already read in this load, so that equal strings and decimals (codes,
     *                  names, periods, scores repeat across rows) are held once in memory
     */
    RowView(LakeTable table, StructType schema, Map<Object, Object> canonical) {
        this.table = table;
        this.canonical = canonical;
        this.contractColumns = Set.copyOf(table.columnNames());
        this.schema = schema;
        this.ordinals = new HashMap<>();
        for (int i = 0; i < schema.length(); i++) {
            ordinals.put(schema.at(i).getName(), i);
        }
    }

    RowView at(Row row) {
        this.row = row;
        return this;
    }

    public String string(String column) {
        int i = ordinal(column);
        return isNull(i) ? null : canonical(row.getString(i));
    }

    @SuppressWarnings("unchecked")
    private <V> V canonical(V value) {
        Object held = canonical.putIfAbsent(value, value);
        return held == null ? value : (V) held;
    }

    /** Parquet decimals arrive backed by a BigInteger; up to 18 digits a long holds them in a third of the memory. */
    private static BigDecimal compact(BigDecimal d) {
        return d.precision() <= 18 ? BigDecimal.valueOf(d.unscaledValue().longValue(), d.scale()) : d;
    }

    public Boolean bool(String column) {
        int i = ordinal(column);
        return isNull(i) ? null : row.getBoolean(i);
    }

    public String requiredString(String column) {
        return required(column, string(column));
    }

    public Integer integer(String column) {
        Long value = bigint(column);
        return value == null ? null : Math.toIntExact(value);
    }

    public int requiredInt(String column) {
        return required(column, integer(column));
    }

    public Long bigint(String column) {
        int i = ordinal(column);
        if (isNull(i)) {
            return null;
        }
        DataType type = schema.at(i).getDataType();
        if (type instanceof LongType) {
            return row.getLong(i);
        } else if (type instanceof IntegerType) {
            return (long) row.getInt(i);
        } else if (type instanceof ShortType) {
            return (long) row.getShort(i);
        } else if (type instanceof ByteType) {
            return (long) row.getByte(i);
        }
        throw new IllegalStateException(table.relativePath() + "." + column + " is " + type + ", expected an integer");
    }

    public long requiredLong(String column) {
        return required(column, bigint(column));
    }

    /** A TIMESTAMP column (microseconds since the epoch in Delta). */
    public java.time.Instant instant(String column) {
        int i = ordinal(column);
        if (isNull(i)) {
            return null;
        }
        long micros = row.getLong(i);
        return java.time.Instant.ofEpochSecond(
                Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }

    public BigDecimal decimal(String column) {
        int i = ordinal(column);
        return isNull(i) ? null : canonical(compact(row.getDecimal(i)));
    }

    public BigDecimal requiredDecimal(String column) {
        return required(column, decimal(column));
    }

    private boolean isNull(int ordinal) {
        return ordinal == ABSENT || row.isNullAt(ordinal);
    }

    private int ordinal(String column) {
        if (!contractColumns.contains(column)) {
            throw new IllegalArgumentException(
                    column + " is not a column of " + table.relativePath() + " in the contract");
        }
        return ordinals.getOrDefault(column, ABSENT);
    }

    private <T> T required(String column, T value) {
        if (value == null) {
            throw new IllegalStateException(
                    table.relativePath() + "." + column + " is null, but the contract says NOT NULL");
        }
        return value;
    }
}
