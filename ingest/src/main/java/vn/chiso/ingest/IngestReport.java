package vn.chiso.ingest;

import java.util.List;

/** What one ingest run did, per file: the same rows it records in the reconciliation table. */
public record IngestReport(String batchId, List<FileResult> files) {

    public record FileResult(
            String sourceFile, String status, long rowsRead, long rowsAccepted, long rowsQuarantined, String message) {}

    public long rowsRead() {
        return files.stream().mapToLong(FileResult::rowsRead).sum();
    }

    public long rowsAccepted() {
        return files.stream().mapToLong(FileResult::rowsAccepted).sum();
    }

    public long rowsQuarantined() {
        return files.stream().mapToLong(FileResult::rowsQuarantined).sum();
    }

    public long count(String status) {
        return files.stream().filter(f -> f.status().equals(status)).count();
    }
}
