package vn.chiso.ingest.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Receiving units written as names, read into a level and a key within their province. */
class UnitNamesTest {

    @ParameterizedTest(name = "''{0}'' in {1} = {3} ({2})")
    @CsvSource(
            delimiter = '|',
            nullValues = "null",
            value = {
                // one district, every spelling
                "UBND huyện Tuy An|54|district|54:district:huyen-tuy-an",
                "UBND huyen Tuy An|54|district|54:district:huyen-tuy-an",
                "Huyện Tuy An|54|district|54:district:huyen-tuy-an",
                "Ủy ban nhân dân huyện Tuy An|54|district|54:district:huyen-tuy-an",
                "UỶ BAN NHÂN DÂN HUYỆN TUY AN|54|district|54:district:huyen-tuy-an",
                "  UBND  huyện   Tuy An. |54|district|54:district:huyen-tuy-an",
                // the type stays: two districts of Hậu Giang
                "UBND huyện Long Mỹ|93|district|93:district:huyen-long-my",
                "UBND thị xã Long Mỹ|93|district|93:district:thi-xa-long-my",
                "TX. Long Mỹ|93|district|93:district:thi-xa-long-my",
                "UBND Thành phố Tuy Hòa|54|district|54:district:thanh-pho-tuy-hoa",
                "TP. Tuy Hòa|54|district|54:district:thanh-pho-tuy-hoa",
                "UBND quận Hoàn Kiếm|01|district|01:district:quan-hoan-kiem",
                // a city naming its own province is the province's own unit
                "UBND Thành phố Hồ Chí Minh|79|province|79:province:thanh-pho-ho-chi-minh",
                "UBND tỉnh Phú Yên|54|province|54:province:tinh-phu-yen",
                // province departments
                "Sở Tư pháp|25|province|25:department:so-tu-phap",
                "SỞ TƯ PHÁP|25|province|25:department:so-tu-phap",
                "So Tu phap|25|province|25:department:so-tu-phap",
                "Ban Quản lý các khu công nghiệp|25|province|25:department:ban-quan-ly-cac-khu-cong-nghiep",
                "Công an tỉnh|25|province|25:department:cong-an-tinh",
                // communes; numbers lose their leading zeros, abbreviations are written out
                "UBND phường 7|79|commune|79:commune:phuong-7",
                "Phường 07|79|commune|79:commune:phuong-7",
                "P.7|79|commune|79:commune:phuong-7",
                "UBND xã An Mỹ|54|commune|54:commune:xa-an-my",
                "UBND xa An My|54|commune|54:commune:xa-an-my",
                "UBND thị trấn Chí Thạnh|54|commune|54:commune:thi-tran-chi-thanh",
                "TT Chí Thạnh|54|commune|54:commune:thi-tran-chi-thanh",
                // no prefix tells the level: a key all the same, and no level
                "Bệnh viện Đa khoa|54|null|54:unit:benh-vien-da-khoa",
                "UBND Tuy An|54|null|54:unit:tuy-an",
                // whole words only: Sơn is not Sở, Phường is not P
                "Sơn Hòa|54|null|54:unit:son-hoa",
            })
    void readsLevelAndKey(String name, String province, String level, String key) {
        UnitNames.Named n = UnitNames.get().read(name, province);
        assertEquals(level, n.level(), name);
        assertEquals(key, n.key(province), name);
        assertEquals(key, UnitNames.get().key(name, province));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", " - "})
    void blankNameHasNoKey(String name) {
        assertNull(UnitNames.get().read(name, "54"));
        assertNull(UnitNames.get().key(name, "54"));
    }
}
