package vn.chiso.api.lake;

import io.delta.kernel.DataWriteContext;
import io.delta.kernel.Operation;
import io.delta.kernel.Table;
import io.delta.kernel.Transaction;
import io.delta.kernel.TransactionBuilder;
import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.defaults.internal.data.DefaultColumnarBatch;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.exceptions.ConcurrentWriteException;
import io.delta.kernel.exceptions.TableNotFoundException;
import io.delta.kernel.internal.util.Utils;
import io.delta.kernel.types.BooleanType;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.DecimalType;
import io.delta.kernel.types.IntegerType;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructType;
import io.delta.kernel.types.TimestampType;
import io.delta.kernel.utils.CloseableIterable;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.DataFileStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import vn.chiso.contract.Column;
import vn.chiso.contract.LakeTable;

/**
 * Appends rows to an unpartitioned lake table the API owns (ops/releases) with Delta Kernel: the
 * first append creates the table with the contract's schema; each append is one Delta version.
 * Concurrent writers (several API instances) retry on a conflict: appends never conflict in content.
 */
@Component
public class LakeWriter {

    private static final int ATTEMPTS = 5;

    private final DeltaLake lake;

    public LakeWriter(DeltaLake lake) {
        this.lake = lake;
    }

    /** Appends {@code rows} (column name → String, Boolean, Integer, Long, BigDecimal, Instant or null); returns the new version. */
    public synchronized long append(LakeTable table, List<Map<String, Object>> rows) {
        if (!table.partitionColumns().isEmpty()) {
            throw new IllegalArgumentException(
                    table.relativePath() + " is partitioned; the API writes unpartitioned tables only");
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return tryAppend(table, rows);
            } catch (ConcurrentWriteException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private long tryAppend(LakeTable table, List<Map<String, Object>> rows) {
        Engine engine = lake.engine();
        String location = table.location(lake.root());
        Table delta = Table.forPath(engine, location);
        StructType schema;
        boolean exists;
        try {
            schema = delta.getLatestSnapshot(engine).getSchema();
            exists = true;
        } catch (TableNotFoundException e) {
            schema = schema(table);
            exists = false;
        }
        TransactionBuilder builder =
                delta.createTransactionBuilder(engine, "chiso-api", exists ? Operation.WRITE : Operation.CREATE_TABLE);
        if (!exists) {
            builder = builder.withSchema(engine, schema);
        }
        Transaction txn = builder.build(engine);
        Row state = txn.getTransactionState(engine);
        List<Row> actions = new ArrayList<>();
        try {
            CloseableIterator<FilteredColumnarBatch> data =
                    Utils.singletonCloseableIterator(new FilteredColumnarBatch(batch(schema, rows), Optional.empty()));
            CloseableIterator<FilteredColumnarBatch> physical =
                    Transaction.transformLogicalData(engine, state, data, Map.of());
            DataWriteContext context = Transaction.getWriteContext(engine, state, Map.of());
            CloseableIterator<DataFileStatus> files = engine.getParquetHandler()
                    .writeParquetFiles(context.getTargetDirectory(), physical, context.getStatisticsColumns());
            Transaction.generateAppendActions(engine, state, files, context).forEachRemaining(actions::add);
            return txn.commit(engine, CloseableIterable.inMemoryIterable(Utils.toCloseableIterator(actions.iterator())))
                    .getVersion();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static StructType schema(LakeTable table) {
        StructType schema = new StructType();
        for (Column c : table.columns()) {
            schema = schema.add(c.name(), type(c.sqlType()), c.nullable());
        }
        return schema;
    }

    /** The Kernel type of a contract SQL type. */
    static DataType type(String sql) {
        switch (sql) {
            case "STRING":
                return StringType.STRING;
            case "INT":
                return IntegerType.INTEGER;
            case "BIGINT":
                return LongType.LONG;
            case "BOOLEAN":
                return BooleanType.BOOLEAN;
            case "TIMESTAMP":
                return TimestampType.TIMESTAMP;
            default:
                if (sql.startsWith("DECIMAL(")) {
                    String[] ps = sql.substring(8, sql.length() - 1).split(",");
                    return new DecimalType(Integer.parseInt(ps[0].trim()), Integer.parseInt(ps[1].trim()));
                }
                throw new IllegalArgumentException("no Kernel type for " + sql);
        }
    }

    /** Rows (column name → plain Java value) as one Kernel batch of {@code schema}. */
    static DefaultColumnarBatch batch(StructType schema, List<Map<String, Object>> rows) {
        ColumnVector[] vectors = new ColumnVector[schema.length()];
        for (int i = 0; i < schema.length(); i++) {
            String name = schema.at(i).getName();
            vectors[i] = new ListVector(
                    schema.at(i).getDataType(),
                    rows.stream().map(r -> r.get(name)).toList());
        }
        return new DefaultColumnarBatch(rows.size(), schema, vectors);
    }

    /** A column of plain Java values. */
    private record ListVector(DataType type, List<Object> values) implements ColumnVector {

        @Override
        public DataType getDataType() {
            return type;
        }

        @Override
        public int getSize() {
            return values.size();
        }

        @Override
        public void close() {}

        @Override
        public boolean isNullAt(int row) {
            return values.get(row) == null;
        }

        @Override
        public boolean getBoolean(int row) {
            return (Boolean) values.get(row);
        }

        @Override
        public int getInt(int row) {
            return ((Number) values.get(row)).intValue();
        }

        @Override
        public long getLong(int row) {
            Object value = values.get(row);
            if (value instanceof Instant t) {
                return t.getEpochSecond() * 1_000_000L + t.getNano() / 1_000;
            }
            return ((Number) value).longValue();
        }

        @Override
        public String getString(int row) {
            return (String) values.get(row);
        }

        @Override
        public BigDecimal getDecimal(int row) {
            return ((BigDecimal) values.get(row)).setScale(((DecimalType) type).getScale());
        }
    }
}
