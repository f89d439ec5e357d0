package vn.chiso.api.briefs;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.stereotype.Component;
import vn.chiso.api.kpis.UnitKpi;
import vn.chiso.api.kpis.UnitKpis;
import vn.chiso.api.lake.AsOf;
import vn.chiso.api.lake.LakeInfo;
import vn.chiso.api.lake.Versioned;
import vn.chiso.api.model.Period;
import vn.chiso.api.releases.LakeViews;
import vn.chiso.briefs.model.DossierSection;
import vn.chiso.briefs.model.KpiRow;
import vn.chiso.contract.AdminUnits;
import vn.chiso.contract.LakeTable;
import vn.chiso.contract.Province;
import vn.chiso.contract.UnitLevel;

/** A province's dossier figures of one year from gold/unit_kpis, beside the national median and the regional best. */
@Component
class DossierFigures {

    private record Figure(String label, String unit, Function<UnitKpi, BigDecimal> value, boolean higherIsBetter) {}

    private static final List<Figure> FIGURES = List.of(
            new Figure("Tỷ lệ hồ sơ đúng hạn", "%", UnitKpi::onTimeRatio, true),
            new Figure("Hồ sơ tồn đọng quá hạn", "hồ sơ", k -> BigDecimal.valueOf(k.pendingOverdue()), false),
            new Figure("Tỷ lệ hồ sơ nộp trực tuyến", "%", UnitKpi::onlineShare, true),
            new Figure("Tỷ lệ hồ sơ qua bưu chính", "%", UnitKpi::postalShare, true),
            new Figure("Số ngày giải quyết trung bình", "ngày", UnitKpi::avgProcessingDays, false));

    private final LakeViews views;

    DossierFigures(LakeViews views) {
        this.views = views;
    }

    /**
     * Empty when the lake has no KPIs of the province for the year, or the asker may not see them: they
     * are the input of index {@code progress}, read as the embargo reads that index's release.
     */
    Optional<DossierSection> section(Province province, String year, AsOf asOf, LakeSources sources) {
        Period period = Period.of(year);
        Optional<Versioned<UnitKpis>> visible =
                views.open(asOf, LakeTable.GOLD_RANKINGS).kpis(period);
        if (visible.isEmpty()) {
            return Optional.empty();
        }
        Versioned<UnitKpis> read = visible.get();
        String level = UnitLevel.PROVINCE.code();
        Optional<UnitKpi> own = read.data().forUnit(level, province.code(), period);
        if (own.isEmpty()) {
            return Optional.empty();
        }
        sources.add(LakeInfo.of(read));
        List<UnitKpi> all = AdminUnits.get().provinces().stream()
                .flatMap(p -> read.data().forUnit(level, p.code(), period).stream())
                .toList();
        List<KpiRow> rows = new ArrayList<>();
        for (Figure f : FIGURES) {
            rows.add(row(f, own.get(), all, province.region()));
        }
        return Optional.of(new DossierSection(year, all.size(), rows));
    }

    private static KpiRow row(Figure f, UnitKpi own, List<UnitKpi> all, String region) {
        List<BigDecimal> values =
                all.stream().map(f.value()).filter(v -> v != null).sorted().toList();
        Comparator<UnitKpi> best = Comparator.comparing(k -> f.value().apply(k));
        Optional<UnitKpi> regionBest = all.stream()
                .filter(k -> region.equals(k.region()) && f.value().apply(k) != null)
                .max(f.higherIsBetter() ? best : best.reversed());
        return new KpiRow(
                f.label(),
                f.unit(),
                f.value().apply(own),
                median(values),
                regionBest.map(f.value()).orElse(null),
                regionBest.map(UnitKpi::provinceName).orElse(null),
                f.higherIsBetter());
    }

    static BigDecimal median(List<BigDecimal> sorted) {
        if (sorted.isEmpty()) {
            return null;
        }
        int n = sorted.size();
        return n % 2 == 1
                ? sorted.get(n / 2)
                : sorted.get(n / 2 - 1).add(sorted.get(n / 2)).divide(BigDecimal.valueOf(2), 4, RoundingMode.HALF_UP);
    }
}
