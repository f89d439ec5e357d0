package vn.chiso.api.releases;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code chiso.releases.unreleased}: what a ranking (index, period) nobody has published or withdrawn
 * yet is: {@code draft} (the default: embargoed until an admin publishes it) or {@code published}
 * (for a demo lake, or a lake that only holds already public figures).
 */
@ConfigurationProperties("chiso.releases")
public record ReleaseProperties(@DefaultValue("draft") String unreleased) {

    public ReleaseProperties {
        if (!unreleased.equals(ReleaseEvent.DRAFT) && !unreleased.equals(ReleaseEvent.PUBLISHED)) {
            throw new IllegalArgumentException(
                    "chiso.releases.unreleased must be draft or published; got '" + unreleased + "'");
        }
    }
}
