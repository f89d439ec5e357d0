package vn.chiso.contract;

/** One column of a lake table: name, Spark SQL type (DDL spelling) and whether it may be null. */
public record Column(String name, String sqlType, boolean nullable) {

    public static Column required(String name, String sqlType) {
        return new Column(name, sqlType, false);
    }

    public static Column optional(String name, String sqlType) {
        return new Column(name, sqlType, true);
    }

    /** {@code name TYPE [NOT NULL]} as Spark's DDL parser reads it. */
    public String ddl() {
        return "`" + name + "` " + sqlType + (nullable ? "" : " NOT NULL");
    }
}
