package vn.chiso.briefs;

import java.util.Map;

/** How a brief names each index, in Vietnamese; an unknown code is shown as it is. */
public final class IndexNames {

    private static final Map<String, String> NAMES = Map.of(
            "par_index", "Chỉ số cải cách hành chính (PAR Index)",
            "papi", "Chỉ số hiệu quả quản trị và hành chính công (PAPI)",
            "pci", "Chỉ số năng lực cạnh tranh cấp tỉnh (PCI)",
            "portal_766", "Bộ chỉ số phục vụ người dân, doanh nghiệp (QĐ 766)",
            "sipas", "Chỉ số hài lòng về sự phục vụ hành chính (SIPAS, khảo sát)",
            "sipas_official", "Chỉ số hài lòng về sự phục vụ hành chính (SIPAS)",
            "progress", "Tiến độ giải quyết hồ sơ (từ dữ liệu hồ sơ)");

    private IndexNames() {}

    public static String of(String index) {
        return NAMES.getOrDefault(index, index);
    }
}
