package vn.chiso.api.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class RequestLogFilterTest {

    @Test
    void durationsHaveThreeDecimalsAndAPointInEveryLocale() {
        Locale before = Locale.getDefault();
        Locale.setDefault(Locale.forLanguageTag("vi-VN")); // a decimal comma locale
        try {
            assertThat(RequestLogFilter.millis(0)).isEqualTo("0.000");
            assertThat(RequestLogFilter.millis(7)).isEqualTo("0.007");
            assertThat(RequestLogFilter.millis(1230)).isEqualTo("1.230");
            assertThat(RequestLogFilter.millis(12_345_678)).isEqualTo("12345.678");
        } finally {
            Locale.setDefault(before);
        }
    }
}
