package vn.chiso.api.lake;

import io.delta.kernel.DataWriteContext;
import io.delta.kernel.Operation;
import io.delta.kernel.Table;
import io.delta.kernel.Transaction;
import io.delta.kernel.TransactionBuilder;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.expressions.Literal;
import io.delta.kernel.internal.util.Utils;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterable;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.DataFileStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import vn.chiso.contract.Column;
import vn.chiso.contract.LakeTable;

/**
 * Writes rows (column name → value) into a lake table with Delta Kernel: the first write creates the
 * table with the contract's schema and partitioning, later ones append, each a new Delta version.
 */
public final class DeltaTestWriter {

    private static final Engine ENGINE = DefaultEngine.create(new Configuration());

    private DeltaTestWriter() {}

    public static long write(String lakeRoot, LakeTable table, List<Map<String, Object>> rows) {
        return write(lakeRoot, table, rows, Set.of());
    }

    /** As {@link #write(String, LakeTable, List)}; a new table is created without the columns {@code leftOut}. */
    public static long write(String lakeRoot, LakeTable table, List<Map<String, Object>> rows, Set<String> leftOut) {
        String location = table.location(lakeRoot);
        boolean exists = new java.io.File(location, "_delta_log").isDirectory();
        // appends use the table's own schema: columns it lacks are dropped, those beyond the contract get nulls
        StructType schema = exists
                ? Table.forPath(ENGINE, location).getLatestSnapshot(ENGINE).getSchema()
                : schema(table, leftOut);
        TransactionBuilder builder = Table.forPath(ENGINE, location)
                .createTransactionBuilder(ENGINE, "chiso-api-test", exists ? Operation.WRITE : Operation.CREATE_TABLE);
        if (!exists) {
            builder = builder.withSchema(ENGINE, schema).withPartitionColumns(ENGINE, table.partitionColumns());
        }
        Transaction txn = builder.build(ENGINE);
        Row state = txn.getTransactionState(ENGINE);
        Map<List<Object>, List<Map<String, Object>>> byPartition = rows.stream()
                .collect(Collectors.groupingBy(
                        r -> table.partitionColumns().stream().map(r::get).toList(),
                        LinkedHashMap::new,
                        Collectors.toList()));
        List<Row> actions = new ArrayList<>();
        try {
            for (List<Map<String, Object>> part : byPartition.values()) {
                Map<String, Literal> partitionValues = new LinkedHashMap<>();
                for (String column : table.partitionColumns()) {
                    partitionValues.put(
                            column, Literal.ofString((String) part.get(0).get(column)));
                }
                CloseableIterator<FilteredColumnarBatch> data = Utils.singletonCloseableIterator(
                        new FilteredColumnarBatch(LakeWriter.batch(schema, part), Optional.empty()));
                CloseableIterator<FilteredColumnarBatch> physical =
                        Transaction.transformLogicalData(ENGINE, state, data, partitionValues);
                DataWriteContext context = Transaction.getWriteContext(ENGINE, state, partitionValues);
                CloseableIterator<DataFileStatus> files = ENGINE.getParquetHandler()
                        .writeParquetFiles(context.getTargetDirectory(), physical, context.getStatisticsColumns());
                Transaction.generateAppendActions(ENGINE, state, files, context).forEachRemaining(actions::add);
            }
            return txn.commit(ENGINE, CloseableIterable.inMemoryIterable(Utils.toCloseableIterator(actions.iterator())))
                    .getVersion();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The contract's schema in Kernel types (gold tables use only these). */
    static StructType schema(LakeTable table, Set<String> leftOut) {
        StructType schema = new StructType();
        for (Column c : table.columns()) {
            if (!leftOut.contains(c.name())) {
                schema = schema.add(c.name(), LakeWriter.type(c.sqlType()), c.nullable());
            }
        }
        return schema;
    }
}
