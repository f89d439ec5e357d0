package vn.chiso.api.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.YearMonth;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PeriodTest {

    @Test
    void parsesTheFourGrains() {
        assertThat(Period.parse("2024")).contains(new Period("2024", PeriodType.YEAR, 2024, YearMonth.of(2024, 12)));
        assertThat(Period.parse("2024-H1"))
                .contains(new Period("2024-H1", PeriodType.HALF, 2024, YearMonth.of(2024, 6)));
        assertThat(Period.parse("2024-Q3"))
                .contains(new Period("2024-Q3", PeriodType.QUARTER, 2024, YearMonth.of(2024, 9)));
        assertThat(Period.parse("2024-08"))
                .contains(new Period("2024-08", PeriodType.MONTH, 2024, YearMonth.of(2024, 8)));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "", "24", "2024-Q0", "2024-Q5", "2024-13", "2024-00", "2024-8", "2024/08", " 2024", "2024-q3", "2024-H3"
            })
    void refusesAnythingElse(String text) {
        assertThat(Period.parse(text)).isEmpty();
    }

    @Test
    void laterEndIsLaterAndAtTheSameEndTheLongerPeriod() {
        List<String> sorted = Stream.of(
                        "2024", "2024-12", "2023", "2024-H2", "2024-Q4", "2024-Q3", "2024-11", "2024-H1")
                .map(Period::of)
                .sorted()
                .map(Period::code)
                .toList();
        assertThat(sorted)
                .containsExactly("2023", "2024-H1", "2024-Q3", "2024-11", "2024-12", "2024-Q4", "2024-H2", "2024");
    }
}
