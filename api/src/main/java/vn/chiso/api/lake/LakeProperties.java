package vn.chiso.api.lake;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code chiso.lake}: the lake root (a local directory or a Hadoop URI such as s3a://bucket/lake);
 * {@code chiso.refresh-interval}: how often at most a table's latest Delta version is checked.
 */
@ConfigurationProperties("chiso")
public record LakeProperties(
        @DefaultValue("./lakehouse") String lake,
        @DefaultValue("1s") Duration refreshInterval) {

    /** The lake root with local paths made absolute, so the log names the real directory. */
    public String root() {
        boolean hasScheme = lake.matches("[a-zA-Z][a-zA-Z0-9+.-]+:/.*");
        if (hasScheme) {
            return lake;
        }
        return Path.of(lake).toAbsolutePath().normalize().toString();
    }
}
