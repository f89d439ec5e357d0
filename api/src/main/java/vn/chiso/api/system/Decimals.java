package vn.chiso.api.system;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.BeanPropertyWriter;
import com.fasterxml.jackson.databind.ser.BeanSerializerModifier;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Set;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One rule for the decimals of every answer, JSON and CSV alike. Gold stores an index's nodes with 9
 * decimals (DECIMAL(24,9)) and its ranked total rounded to the methodology's {@code total_rounding},
 * which is 2 for every bundled methodology and is not stored in gold; so every score, point, percent,
 * KPI and change is written with 2 decimals (half up), and the quantities on a 0–1 scale (weights,
 * normalised values, shares of a change, rank correlations) with 4. A value is never shown with more
 * precision on one endpoint than on another.
 */
@Configuration(proxyBeanMethods = false)
public class Decimals {

    static final int SCALE = 2;
    static final int FRACTION_SCALE = 4;
    private static final Set<String> FRACTIONS =
            Set.of("weight", "normalised", "shareOfChange", "spearmanRho", "kendallTauB");

    /** The number of decimals of a property. */
    public static int scale(String property) {
        return FRACTIONS.contains(property) ? FRACTION_SCALE : SCALE;
    }

    public static BigDecimal round(String property, BigDecimal value) {
        return value == null ? null : value.setScale(scale(property), RoundingMode.HALF_UP);
    }

    @Bean
    Jackson2ObjectMapperBuilderCustomizer decimalsRule() {
        SimpleModule module = new SimpleModule("chiso-decimals");
        module.addSerializer(BigDecimal.class, new Serializer(SCALE));
        module.setSerializerModifier(new BeanSerializerModifier() {
            @Override
            public List<BeanPropertyWriter> changeProperties(
                    SerializationConfig config, BeanDescription bean, List<BeanPropertyWriter> properties) {
                for (BeanPropertyWriter p : properties) {
                    if (BigDecimal.class.equals(p.getType().getRawClass())) {
                        @SuppressWarnings("unchecked")
                        var serializer =
                                (JsonSerializer<Object>) (JsonSerializer<?>) new Serializer(scale(p.getName()));
                        p.assignSerializer(serializer);
                    }
                }
                return properties;
            }
        });
        return builder -> builder.modulesToInstall(module);
    }

    private static final class Serializer extends StdSerializer<BigDecimal> {
        private final int scale;

        Serializer(int scale) {
            super(BigDecimal.class);
            this.scale = scale;
        }

        @Override
        public void serialize(BigDecimal value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeNumber(value.setScale(scale, RoundingMode.HALF_UP));
        }
    }
}
