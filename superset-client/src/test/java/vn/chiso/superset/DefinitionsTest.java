package vn.chiso.superset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.chiso.contract.LakeTable;

/** The repository's dashboard definitions: well-formed, and in step with the lake contract. */
class DefinitionsTest {

    /** Surefire runs in the module directory. */
    static final Path DIR = Path.of(System.getProperty("chiso.definitions", "../dashboards/definitions"));

    /** Tables the DuckDB catalog adds besides the lake's (dashboards/serve_sql.py). */
    private static final Set<String> CATALOG_TABLES = Set.of("ref_country_map_vn");

    private static final Set<String> CATALOG_COLUMNS = Set.of("code", "name", "iso_3166_2", "map_name");

    @Test
    void theRepositoryDefinitionsLoad() {
        Definitions d = Definitions.load(DIR);
        assertEquals(6, d.dashboards().size());
        Set<String> slugs = new LinkedHashSet<>();
        d.dashboards().forEach(b -> slugs.add(b.slug()));
        assertEquals(
                Set.of(
                        "xep-hang-quoc-gia",
                        "ban-do-tinh-thanh",
                        "ho-so-tinh-thanh",
                        "chi-so-ho-so",
                        "khoang-xep-hang",
                        "don-vi-766"),
                slugs);
        assertTrue(d.dashboards().stream()
                .flatMap(b -> b.charts().values().stream())
                .anyMatch(c -> c.viz().equals("country_map")));
    }

    @Test
    void datasetsReadOnlyContractTablesAndLabelRealColumns() {
        Definitions d = Definitions.load(DIR);
        List<String> errors = new ArrayList<>();
        d.datasets().forEach((name, ds) -> {
            Set<String> known = new LinkedHashSet<>(ds.optionalColumns());
            for (String table : Definitions.tablesOf(ds.sql())) {
                LakeTable t = gold(table);
                if (t != null) {
                    known.addAll(t.columnNames());
                } else if (CATALOG_TABLES.contains(table)) {
                    known.addAll(CATALOG_COLUMNS);
                } else {
                    errors.add(name + " reads " + table + ", which is neither a gold LakeTable nor a catalog table");
                }
            }
            Matcher alias = Pattern.compile("(?i)\\bAS\\s+([a-z_][a-z0-9_]*)").matcher(ds.sql());
            while (alias.find()) {
                known.add(alias.group(1));
            }
            for (String column : ds.columns().keySet()) {
                if (!known.contains(column)) {
                    errors.add(name + " labels column " + column + ", which its tables do not have"
                            + " (renamed in contract/Schemas.java?)");
                }
            }
        });
        assertTrue(errors.isEmpty(), String.join("\n", errors));
    }

    private static LakeTable gold(String sqlName) {
        for (LakeTable t : LakeTable.values()) {
            if (t.sqlName().equals(sqlName) && t.layer().equals("gold")) {
                return t;
            }
        }
        return null;
    }

    @Test
    void mistakesAreReportedWithFileAndKey(@TempDir Path tmp) throws IOException {
        Files.copy(DIR.resolve("datasets.yaml"), tmp.resolve("datasets.yaml"));
        Files.writeString(tmp.resolve("a.yaml"), """
                slug: a
                title: A
                charts:
                  one:
                    title: Một
                    dataset: xep_hang_tinh
                    viz: table
                    params: {metrics: [no_such_metric], groupby: [no_such_column]}
                  two:
                    title: Một
                    dataset: no_such_dataset
                    viz: table
                layout:
                  - [{chart: one, width: 8}, {chart: ghost, width: 8}]
                """);
        SupersetException e = assertThrows(SupersetException.class, () -> Definitions.load(tmp));
        assertEquals(SupersetException.Kind.DEFINITION, e.kind());
        String m = e.getMessage();
        assertTrue(m.contains("a.yaml: chart one: metric no_such_metric is not defined in dataset xep_hang_tinh"), m);
        assertTrue(m.contains("a.yaml: chart one: column no_such_column has no label"), m);
        assertTrue(m.contains("title 'Một' is already used"), m);
        assertTrue(m.contains("a.yaml: chart two uses unknown dataset no_such_dataset"), m);
        assertTrue(m.contains("unknown chart ghost"), m);
        assertTrue(m.contains("16 columns wide"), m);
        assertTrue(m.contains("chart two is not in the layout"), m);
    }

    @Test
    void unknownKeysAreTypos(@TempDir Path tmp) throws IOException {
        Files.copy(DIR.resolve("datasets.yaml"), tmp.resolve("datasets.yaml"));
        Files.writeString(tmp.resolve("b.yaml"), "slug: b\ntitle: B\nfilterz: {}\n");
        SupersetException e = assertThrows(SupersetException.class, () -> Definitions.load(tmp));
        assertTrue(e.getMessage().startsWith("b.yaml: "), e.getMessage());
        assertTrue(e.getMessage().contains("filterz"), e.getMessage());
    }
}
