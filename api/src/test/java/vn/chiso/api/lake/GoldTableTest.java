package vn.chiso.api.lake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.chiso.api.kpis.UnitKpiRepository;
import vn.chiso.api.model.Period;
import vn.chiso.api.rankings.RankingRepository;
import vn.chiso.api.rankings.Rankings;
import vn.chiso.contract.LakeTable;

class GoldTableTest {

    @TempDir
    Path dir;

    private DeltaLake lake(Duration refresh) {
        return new DeltaLake(new LakeProperties(dir.toString(), refresh));
    }

    @Test
    void anEmptyLakeIsUnavailableUntilTheTablesAppear() {
        RankingRepository rankings = new RankingRepository(lake(Duration.ZERO));

        assertThatThrownBy(rankings::current)
                .isInstanceOf(LakeUnavailableException.class)
                .hasMessage("lake has no gold tables yet; run ./chiso transform");

        SyntheticLake.write(dir.toString());
        assertThat(rankings.current().source()).isEqualTo(new TableVersion("gold/rankings", 0));
    }

    @Test
    void readsEveryRowWithPartitionColumnsAndDecimals() {
        SyntheticLake.write(dir.toString());
        DeltaLake lake = lake(Duration.ZERO);

        Versioned<Rankings> rankings = new RankingRepository(lake).current();
        var list = rankings.data().list("progress", "province", Period.of("2024"));
        assertThat(list).hasSize(63);
        assertThat(list.get(0).indexCode()).isEqualTo("progress"); // a partition column
        assertThat(list.get(0).score().scale()).isEqualTo(2);
        assertThat(rankings.data().indexCodes()).containsExactly("progress", "satisfaction");

        var kpis = new UnitKpiRepository(lake).current();
        assertThat(kpis.source()).isEqualTo(new TableVersion("gold/unit_kpis", 0));
        assertThat(kpis.data().districts("01", Period.of("2024")))
                .extracting(k -> k.unitCode())
                .containsExactly("001", "002", "003");
    }

    @Test
    void picksUpANewVersionAfterTheRefreshInterval() {
        SyntheticLake.write(dir.toString());
        RankingRepository everyRequest = new RankingRepository(lake(Duration.ZERO));
        RankingRepository hourly = new RankingRepository(lake(Duration.ofHours(1)));
        assertThat(everyRequest.current().source().version()).isZero();
        assertThat(hourly.current().source().version()).isZero();

        long version =
                DeltaTestWriter.write(dir.toString(), LakeTable.GOLD_RANKINGS, SyntheticLake.rankingsFor("2025"));

        assertThat(version).isEqualTo(1);
        Versioned<Rankings> reloaded = everyRequest.current();
        assertThat(reloaded.source().version()).isEqualTo(1);
        assertThat(reloaded.data().latestPeriod("progress", "province")).contains(Period.of("2025"));
        assertThat(hourly.current().source().version())
                .as("checked at most once per interval")
                .isZero();
    }

    @Test
    void anOwnWriteIsSeenAtOnceEvenWithALongInterval() {
        SyntheticLake.write(dir.toString());
        GoldTable<Integer> hourly = lake(Duration.ofHours(1)).table(LakeTable.GOLD_RANKINGS, row -> 1, List::size);
        assertThat(hourly.current().source().version()).isZero();

        long version =
                DeltaTestWriter.write(dir.toString(), LakeTable.GOLD_RANKINGS, SyntheticLake.rankingsFor("2025"));
        assertThat(hourly.current().source().version())
                .as("not checked within the hour")
                .isZero();
        hourly.catchUpTo(version);

        assertThat(hourly.current().source().version()).isEqualTo(version);
        hourly.catchUpTo(0);
        assertThat(hourly.versionInMemory())
                .as("never back to an older version")
                .contains(version);
    }

    @Test
    void anEarlierVersionIsReadAsItWasAndOneTheLakeDoesNotHaveIsRefused() {
        SyntheticLake.write(dir.toString());
        DeltaTestWriter.write(dir.toString(), LakeTable.GOLD_RANKINGS, SyntheticLake.rankingsFor("2025"));
        RankingRepository rankings = new RankingRepository(lake(Duration.ZERO));
        Versioned<Rankings> latest = rankings.current();

        Versioned<Rankings> pinned = rankings.read(AsOf.parse("gold/rankings@0"));
        assertThat(pinned.source().version()).isZero();
        assertThat(pinned.data().latestPeriod("progress", "province")).contains(Period.of("2024"));
        assertThat(rankings.read(AsOf.latest())).isSameAs(latest);
        assertThatThrownBy(() -> rankings.read(AsOf.parse("gold/rankings@9")))
                .as("vacuumed or never written")
                .isInstanceOf(TimeTravelException.class);
    }

    @Test
    void keepsTheLastGoodVersionWhenANewOneCannotBeRead() throws Exception {
        SyntheticLake.write(dir.toString());
        RankingRepository rankings = new RankingRepository(lake(Duration.ZERO));
        assertThat(rankings.current().source().version()).isZero();

        java.nio.file.Files.writeString(
                Path.of(LakeTable.GOLD_RANKINGS.location(dir.toString()), "_delta_log", "00000000000000000001.json"),
                "this is not a Delta commit\n");

        assertThat(rankings.current().source().version()).isZero();
        assertThat(new RankingRepository(lake(Duration.ZERO)))
                .satisfies(fresh -> assertThatThrownBy(fresh::current)
                        .isInstanceOf(LakeUnavailableException.class)
                        .hasMessageStartingWith("gold/rankings cannot be read"));
    }

    @Test
    void readsTablesWrittenBeforeANullableColumnWasAdded() {
        List<Map<String, Object>> rows = SyntheticLake.rankingsFor("2024");
        DeltaTestWriter.write(dir.toString(), LakeTable.GOLD_RANKINGS, rows, Set.of("rank_low", "within_noise"));

        var list = new RankingRepository(lake(Duration.ZERO))
                .current()
                .data()
                .list("progress", "province", Period.of("2024"));
        assertThat(list).hasSize(63).allSatisfy(r -> {
            assertThat(r.rankLow()).isNull();
            assertThat(r.withinNoise()).isNull();
        });
    }

    @Test
    void rejectsColumnsTheContractDoesNotDefine() {
        SyntheticLake.write(dir.toString());
        GoldTable<List<String>> table =
                lake(Duration.ZERO).table(LakeTable.GOLD_RANKINGS, row -> row.string("no_such_column"), rows -> rows);

        assertThatThrownBy(table::current)
                .isInstanceOf(LakeUnavailableException.class)
                .hasMessageContaining("no_such_column is not a column of gold/rankings");
    }

    @Test
    void theRefresherLoadsANewCommitWithoutARequestAskingAndStopsWithTheLake() throws Exception {
        SyntheticLake.write(dir.toString());
        DeltaLake lake = lake(Duration.ofMillis(200));
        GoldTable<Integer> rankings = lake.table(LakeTable.GOLD_RANKINGS, row -> 1, List::size);
        int before = rankings.current().data();
        assertThat(rankings.versionInMemory()).contains(0L);
        lake.startRefresher();
        try {
            DeltaTestWriter.write(dir.toString(), LakeTable.GOLD_RANKINGS, SyntheticLake.rankingsFor("2025"));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (!rankings.versionInMemory().equals(java.util.Optional.of(1L)) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(rankings.versionInMemory())
                    .as("version 1 loaded by the refresher alone")
                    .contains(1L);
            Versioned<Integer> now = rankings.current();
            assertThat(now.source()).isEqualTo(new TableVersion("gold/rankings", 1));
            assertThat(now.data()).isGreaterThan(before);
        } finally {
            lake.stopRefresher();
        }
        DeltaTestWriter.write(dir.toString(), LakeTable.GOLD_RANKINGS, SyntheticLake.rankingsFor("2026"));
        Thread.sleep(600);
        assertThat(rankings.versionInMemory())
                .as("no refresher: nothing checks")
                .contains(1L);
    }

    @Test
    void withoutAnIntervalThereIsNoRefresherAndEveryRequestChecks() {
        SyntheticLake.write(dir.toString());
        DeltaLake lake = lake(Duration.ZERO);
        GoldTable<Integer> rankings = lake.table(LakeTable.GOLD_RANKINGS, row -> 1, List::size);
        lake.startRefresher();
        assertThat(rankings.current().source().version()).isZero();
        DeltaTestWriter.write(dir.toString(), LakeTable.GOLD_RANKINGS, SyntheticLake.rankingsFor("2025"));
        assertThat(rankings.versionInMemory()).contains(0L);
        assertThat(rankings.current().source().version()).isEqualTo(1);
    }
}
