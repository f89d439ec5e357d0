package vn.chiso.api.provinces;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import java.time.LocalDate;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.chiso.api.lake.AsOf;
import vn.chiso.api.lake.HasLake;
import vn.chiso.api.lake.LakeInfo;
import vn.chiso.api.system.AsOfParameter;
import vn.chiso.contract.AdminUnits;
import vn.chiso.contract.Province;

@RestController
class ProvinceController {

    record ProvinceList(int total, List<ProvinceInfo> items, LakeInfo lake) implements HasLake {}

    /**
     * A province of the 63 (before 1 July 2025): valid until 30 June 2025 unless it is itself the
     * successor (it then continues, with the merged territory), and the province it joined.
     */
    record ProvinceInfo(
            String code,
            String name,
            String region,
            LocalDate validFrom,
            LocalDate validTo,
            String successorCode,
            String successorName) {

        static ProvinceInfo of(Province p) {
            boolean continues = p.code().equals(p.successorCode());
            return new ProvinceInfo(
                    p.code(),
                    p.name(),
                    p.region(),
                    null,
                    continues ? null : AdminUnits.LAST_DAY_OF_63_PROVINCES,
                    p.successorCode(),
                    p.successorName());
        }
    }

    record Region(String name, int provinces, List<String> provinceCodes) {}

    record RegionList(List<Region> items, LakeInfo lake) implements HasLake {}

    private final ProvinceService service;

    ProvinceController(ProvinceService service) {
        this.service = service;
    }

    @Operation(
            summary = "The 63 provinces (official codes) with their region and their province after the 2025 reform",
            description = "Reference data from the contract, not from the lake: lake.tables is empty.")
    @GetMapping("/api/v1/provinces")
    ProvinceList provinces() {
        List<ProvinceInfo> provinces =
                AdminUnits.get().provinces().stream().map(ProvinceInfo::of).toList();
        return new ProvinceList(provinces.size(), provinces, LakeInfo.none());
    }

    @Operation(summary = "The six socio-economic regions and their provinces")
    @GetMapping("/api/v1/regions")
    RegionList regions() {
        List<Region> regions = AdminUnits.get().byRegion().entrySet().stream()
                .map(e -> new Region(
                        e.getKey(),
                        e.getValue().size(),
                        e.getValue().stream().map(Province::code).toList()))
                .toList();
        return new RegionList(regions, LakeInfo.none());
    }

    @Operation(summary = "A province's KPIs and rankings for a period, and its yearly trend")
    @GetMapping("/api/v1/provinces/{code}")
    ProvinceProfile profile(
            @Parameter(example = "01") @PathVariable String code,
            @Parameter(description = "2024, 2024-H1, 2024-Q3 or 2024-08; default the latest")
                    @RequestParam(required = false)
                    String period,
            @Parameter(description = AsOfParameter.DESCRIPTION) @RequestParam(required = false) String asOf) {
        return service.profile(code, period, AsOf.parse(asOf));
    }

    @Operation(summary = "The district KPIs of a province for a period")
    @GetMapping("/api/v1/provinces/{code}/districts")
    DistrictList districts(
            @Parameter(example = "01") @PathVariable String code,
            @Parameter(description = "2024, 2024-H1, 2024-Q3 or 2024-08; default the latest")
                    @RequestParam(required = false)
                    String period,
            @Parameter(description = AsOfParameter.DESCRIPTION) @RequestParam(required = false) String asOf) {
        return service.districts(code, period, AsOf.parse(asOf));
    }
}
