package vn.chiso.ingest.sample;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The fixed vocabulary of the sample: fields (lĩnh vực) with how late their dossiers tend to run,
 * procedures per level with their legal processing time, and the provincial departments.
 * Procedure codes imitate the national procedure database (1.00xxxx / 2.00xxxx); in the CSV they carry
 * the province suffix, e.g. {@code 1.004227.000.00.00.H01}.
 */
final class Catalog {

    private Catalog() {}

    /** A field with its lateness multiplier, mean days late when late, and how often dossiers get stuck. */
    record Field(String label, double lateFactor, double meanDaysLate, double stuckFactor) {}

    static final Field DAT_DAI = new Field("đất đai", 2.0, 12, 4.0);
    static final Field XAY_DUNG = new Field("xây dựng", 1.4, 7, 2.0);
    static final Field HO_TICH = new Field("hộ tịch", 0.4, 1.5, 0.3);
    static final Field TU_PHAP = new Field("tư pháp", 0.35, 1.5, 0.3);
    static final Field KINH_DOANH = new Field("kinh doanh", 0.6, 2, 0.5);
    static final Field GIAO_THONG = new Field("giao thông", 0.7, 3, 0.5);
    static final Field LAO_DONG = new Field("lao động - thương binh và xã hội", 0.9, 5, 1.0);
    static final Field DAU_TU = new Field("đầu tư", 1.2, 10, 2.0);
    static final Field MOI_TRUONG = new Field("môi trường", 1.3, 10, 2.0);
    static final Field Y_TE = new Field("y tế", 1.0, 7, 1.0);

    /**
     * A procedure: national code, field, legal processing time in working days (at least 1), its weight
     * in the mix of its level or department, and how much more (or less) often than the province's
     * average it is filed online.
     */
    record Procedure(int index, String code, Field field, int legalDays, double weight, double onlineFactor) {}

    /** A provincial department (Sở / Ban): its fixed code suffix {@code Sxx}, share of provincial dossiers and procedures. */
    record Department(int number, String name, double weight, List<Procedure> procedures) {
        String codeSuffix() {
            return String.format("S%02d", number);
        }
    }

    private static final List<Procedure> ALL = new ArrayList<>();

    private static Procedure p(String code, Field field, int days, double weight, double online) {
        Procedure proc = new Procedure(ALL.size(), code, field, days, weight, online);
        ALL.add(proc);
        return proc;
    }

    static final List<Procedure> COMMUNE = List.of(
            p("1.001193", HO_TICH, 1, 16, 0.9), // đăng ký khai sinh
            p("1.000894", HO_TICH, 3, 5, 0.8), // đăng ký kết hôn
            p("1.000656", HO_TICH, 1, 4, 0.7), // đăng ký khai tử
            p("1.004873", HO_TICH, 3, 8, 1.2), // xác nhận tình trạng hôn nhân
            p("1.001022", HO_TICH, 1, 5, 1.3), // cấp bản sao trích lục hộ tịch
            p("1.004859", HO_TICH, 3, 1.5, 0.7), // nhận cha, mẹ, con
            p("2.000815", TU_PHAP, 1, 26, 0.25), // chứng thực bản sao từ bản chính
            p("2.000884", TU_PHAP, 1, 9, 0.25), // chứng thực chữ ký
            p("2.001019", TU_PHAP, 2, 3, 0.2), // chứng thực hợp đồng, giao dịch
            p("1.003583", LAO_DONG, 7, 3, 0.5), // trợ cấp xã hội hằng tháng
            p("1.001776", DAT_DAI, 30, 1.2, 0.3), // hòa giải tranh chấp đất đai
            p("1.003005", DAT_DAI, 10, 1, 0.3), // xác nhận nguồn gốc đất
            p("1.003155", XAY_DUNG, 15, 0.3, 0.5), // thông báo khởi công
            p("2.001711", MOI_TRUONG, 10, 0.3, 0.5));

    static final List<Procedure> DISTRICT = List.of(
            p("1.004227", DAT_DAI, 10, 12, 0.5), // đăng ký biến động đất đai
            p("1.004203", DAT_DAI, 30, 5, 0.4), // cấp giấy chứng nhận lần đầu
            p("1.003010", DAT_DAI, 15, 4, 0.4), // chuyển mục đích sử dụng đất
            p("1.000984", DAT_DAI, 7, 5, 0.5), // cấp đổi giấy chứng nhận
            p("1.003003", DAT_DAI, 3, 3, 0.6), // xóa đăng ký thế chấp
            p("1.009994", XAY_DUNG, 15, 7, 0.6), // giấy phép xây dựng nhà ở riêng lẻ
            p("1.009997", XAY_DUNG, 15, 1.5, 0.6), // giấy phép sửa chữa, cải tạo
            p("2.000720", KINH_DOANH, 3, 8, 1.4), // đăng ký thành lập hộ kinh doanh
            p("2.000575", KINH_DOANH, 3, 3, 1.4), // thay đổi nội dung đăng ký hộ kinh doanh
            p("1.001612", KINH_DOANH, 10, 1, 1.0), // giấy phép bán lẻ rượu
            p("1.001766", HO_TICH, 3, 3, 0.8), // thay đổi, cải chính hộ tịch
            p("1.000893", HO_TICH, 5, 1, 0.6), // khai sinh có yếu tố nước ngoài
            p("2.000908", TU_PHAP, 1, 7, 0.3), // chứng thực bản sao (Phòng Tư pháp)
            p("2.000927", TU_PHAP, 1, 2, 0.3), // chứng thực chữ ký người dịch
            p("1.005462", LAO_DONG, 15, 2.5, 0.7), // hỗ trợ, trợ cấp
            p("1.001758", LAO_DONG, 7, 1.5, 0.7), // người có công
            p("1.004946", MOI_TRUONG, 10, 1, 0.6), // đăng ký môi trường
            p("1.003346", Y_TE, 10, 1, 0.7), // an toàn thực phẩm
            p("1.001920", GIAO_THONG, 10, 0.5, 0.6)); // cấp phép thi công trên đường

    private static final List<Department> DEPTS = new ArrayList<>();

    private static Department d(int number, String name, double weight, Procedure... procedures) {
        Department dept = new Department(number, name, weight, List.of(procedures));
        DEPTS.add(dept);
        return dept;
    }

    static final Department TU_PHAP_DEPT = d(
            1,
            "Sở Tư pháp",
            9,
            p("2.001417", TU_PHAP, 10, 6, 1.0), // lý lịch tư pháp
            p("1.008889", TU_PHAP, 5, 1, 0.6),
            p("2.000488", TU_PHAP, 7, 0.5, 0.6));
    static final Department KHDT = d(
            2,
            "Sở Kế hoạch và Đầu tư",
            14,
            p("2.001610", KINH_DOANH, 3, 10, 2.0), // đăng ký thành lập doanh nghiệp
            p("2.002064", KINH_DOANH, 3, 8, 2.0), // thay đổi đăng ký doanh nghiệp
            p("1.009645", DAU_TU, 35, 0.6, 0.7), // chấp thuận chủ trương đầu tư
            p("1.009649", DAU_TU, 15, 0.8, 0.8), // giấy chứng nhận đăng ký đầu tư
            p("1.009650", DAU_TU, 10, 0.6, 0.8));
    static final Department XAY_DUNG_DEPT = d(
            3,
            "Sở Xây dựng",
            6,
            p("1.009972", XAY_DUNG, 20, 3, 0.8),
            p("1.009975", XAY_DUNG, 20, 2, 0.8),
            p("1.009984", XAY_DUNG, 20, 1, 1.0),
            p("1.009993", XAY_DUNG, 15, 0.6, 0.9));
    static final Department TNMT = d(
            4,
            "Sở Tài nguyên và Môi trường",
            18,
            p("1.001045", DAT_DAI, 20, 5, 0.5),
            p("1.001990", DAT_DAI, 10, 6, 0.6),
            p("1.004232", DAT_DAI, 30, 2, 0.4),
            p("1.010727", MOI_TRUONG, 30, 1, 0.7),
            p("1.004249", MOI_TRUONG, 20, 0.8, 0.7),
            p("1.000824", MOI_TRUONG, 15, 0.5, 0.7));
    static final Department GTVT = d(
            5,
            "Sở Giao thông vận tải",
            17,
            p("1.002809", GIAO_THONG, 5, 12, 1.2), // đổi giấy phép lái xe
            p("1.002835", GIAO_THONG, 2, 3, 1.0),
            p("1.001777", GIAO_THONG, 10, 1, 0.8),
            p("1.000028", GIAO_THONG, 7, 1, 0.9));
    static final Department Y_TE_DEPT = d(
            6,
            "Sở Y tế",
            7,
            p("1.003615", Y_TE, 20, 2, 0.8),
            p("1.004561", Y_TE, 30, 1, 0.7),
            p("1.000416", Y_TE, 10, 2, 0.9),
            p("1.003001", Y_TE, 15, 1, 0.7));
    static final Department LDTBXH = d(
            7,
            "Sở Lao động - Thương binh và Xã hội",
            6,
            p("1.000105", LAO_DONG, 5, 3, 1.4), // giấy phép lao động
            p("1.001823", LAO_DONG, 15, 1.5, 0.6),
            p("2.001955", LAO_DONG, 10, 1, 0.8),
            p("1.009811", LAO_DONG, 7, 1, 1.0));
    static final Department CONG_THUONG = d(
            8,
            "Sở Công Thương",
            4,
            p("2.000633", KINH_DOANH, 15, 1.5, 0.9),
            p("2.000620", KINH_DOANH, 10, 1.5, 1.0),
            p("2.001283", KINH_DOANH, 7, 1, 1.2));
    static final Department NONG_NGHIEP = d(
            9,
            "Sở Nông nghiệp và Phát triển nông thôn",
            3,
            p("1.003984", MOI_TRUONG, 20, 1, 0.6),
            p("1.008004", KINH_DOANH, 15, 1, 0.7));
    static final Department TAI_CHINH =
            d(10, "Sở Tài chính", 1.5, p("1.005424", DAU_TU, 20, 1, 0.6), p("2.001160", DAU_TU, 15, 0.5, 0.6));
    static final Department VHTTDL = d(
            11,
            "Sở Văn hóa, Thể thao và Du lịch",
            2,
            p("1.001029", KINH_DOANH, 5, 1, 1.0),
            p("1.004580", KINH_DOANH, 10, 1, 1.0),
            p("1.003622", KINH_DOANH, 7, 0.5, 0.8));
    static final Department TTTT = d(
            12,
            "Sở Thông tin và Truyền thông",
            1,
            p("1.004471", KINH_DOANH, 10, 1, 1.2),
            p("1.003930", KINH_DOANH, 7, 0.5, 1.2));
    static final Department KHCN = d(
            13,
            "Sở Khoa học và Công nghệ",
            1,
            p("1.000997", DAU_TU, 15, 1, 1.0),
            p("2.001257", KINH_DOANH, 10, 0.5, 1.0));
    static final Department NOI_VU =
            d(14, "Sở Nội vụ", 1.5, p("1.005384", LAO_DONG, 15, 1, 0.6), p("1.001078", LAO_DONG, 20, 0.5, 0.6));
    static final Department GDDT = d(
            15,
            "Sở Giáo dục và Đào tạo",
            2,
            p("1.005087", KINH_DOANH, 10, 1, 0.8),
            p("1.001622", KINH_DOANH, 15, 0.5, 0.8));
    static final Department BQL_KCN = d(
            16,
            "Ban Quản lý các khu công nghiệp",
            3,
            p("1.009743", DAU_TU, 15, 2, 1.0),
            p("1.000459", LAO_DONG, 5, 1.5, 1.2),
            p("1.009978", XAY_DUNG, 20, 0.7, 0.8));
    static final Department NGOAI_VU = d(17, "Sở Ngoại vụ", 0.5, p("1.000880", TU_PHAP, 5, 1, 0.8));
    static final Department DAN_TOC = d(18, "Ban Dân tộc", 0.4, p("1.004551", LAO_DONG, 10, 1, 0.5));
    static final Department DU_LICH =
            d(19, "Sở Du lịch", 1, p("1.004623", KINH_DOANH, 10, 1, 1.2), p("1.001440", KINH_DOANH, 5, 1, 1.2));

    /** Departments every province has (numbers 1-15). */
    static final List<Department> CORE_DEPARTMENTS = List.copyOf(DEPTS.subList(0, 15));
    /** Name of department 11 where tourism has a department of its own. */
    static final String VHTT_WITHOUT_TOURISM = "Sở Văn hóa và Thể thao";
    /** Provinces with a separate Sở Du lịch. */
    static final Set<String> TOURISM_PROVINCES = Set.of("01", "22", "44", "46", "48", "49", "56", "79", "91");

    /** All procedures, indexed by {@link Procedure#index()}. */
    static final List<Procedure> PROCEDURES = List.copyOf(ALL);

    static {
        Set<String> codes = new HashSet<>();
        for (Procedure proc : PROCEDURES) {
            if (!codes.add(proc.code()) || proc.legalDays() < 1) {
                throw new IllegalStateException("bad procedure " + proc);
            }
        }
    }
}
