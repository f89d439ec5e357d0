package vn.chiso.api.kpis;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;
import vn.chiso.api.model.Period;
import vn.chiso.contract.UnitLevel;

/** All of gold/unit_kpis, indexed by unit and by province; immutable. */
public final class UnitKpis {

    private final Map<String, List<UnitKpi>> byUnit;
    private final Map<String, List<UnitKpi>> districtsByProvince;
    private final SortedSet<Period> periods = new TreeSet<>();

    public UnitKpis(List<UnitKpi> rows) {
        Map<String, Period> parsed = new HashMap<>();
        rows.forEach(k -> parsed.computeIfAbsent(k.period(), Period::of));
        periods.addAll(parsed.values());
        Comparator<UnitKpi> order =
                Comparator.comparing((UnitKpi k) -> parsed.get(k.period())).thenComparing(UnitKpi::unitCode);
        this.byUnit = rows.stream()
                .collect(Collectors.groupingBy(
                        UnitKpi::unitCode,
                        Collectors.collectingAndThen(
                                Collectors.toList(),
                                l -> l.stream().sorted(order).toList())));
        this.districtsByProvince = rows.stream()
                .filter(k -> UnitLevel.DISTRICT.code().equals(k.level()))
                .collect(Collectors.groupingBy(
                        UnitKpi::provinceCode,
                        Collectors.collectingAndThen(
                                Collectors.toList(),
                                l -> l.stream().sorted(order).toList())));
    }

    public boolean hasPeriod(Period period) {
        return periods.contains(period);
    }

    /** Every period of one unit at one level, oldest first. */
    public List<UnitKpi> forUnit(String level, String unitCode) {
        return byUnit.getOrDefault(unitCode, List.of()).stream()
                .filter(k -> k.level().equals(level))
                .toList();
    }

    public Optional<UnitKpi> forUnit(String level, String unitCode, Period period) {
        return forUnit(level, unitCode).stream()
                .filter(k -> k.period().equals(period.code()))
                .findFirst();
    }

    public SortedSet<Period> periods() {
        return java.util.Collections.unmodifiableSortedSet(periods);
    }

    /** The periods with district KPIs for this province, oldest first. */
    public SortedSet<Period> districtPeriods(String provinceCode) {
        SortedSet<Period> found = new TreeSet<>();
        districtsByProvince.getOrDefault(provinceCode, List.of()).forEach(k -> found.add(Period.of(k.period())));
        return found;
    }

    /** The latest period with district KPIs for this province. */
    public Optional<Period> latestDistrictPeriod(String provinceCode) {
        List<UnitKpi> districts = districtsByProvince.getOrDefault(provinceCode, List.of());
        return districts.isEmpty()
                ? Optional.empty()
                : Optional.of(Period.of(districts.get(districts.size() - 1).period()));
    }

    /** The districts of one province in one period, by district code. */
    public List<UnitKpi> districts(String provinceCode, Period period) {
        return districtsByProvince.getOrDefault(provinceCode, List.of()).stream()
                .filter(k -> k.period().equals(period.code()))
                .toList();
    }
}
