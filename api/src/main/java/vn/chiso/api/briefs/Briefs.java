package vn.chiso.api.briefs;

import java.nio.charset.StandardCharsets;
import org.springframework.stereotype.Service;
import vn.chiso.api.lake.AsOf;
import vn.chiso.api.lake.LakeInfo;
import vn.chiso.briefs.BriefRenderer;
import vn.chiso.briefs.model.NationalBrief;
import vn.chiso.briefs.model.ProvinceBrief;

/** Briefs assembled from the lake and rendered: what the endpoints and ./chiso brief answer. */
@Service
public class Briefs {

    /** A rendered brief, the year it is of, and the versions it was read from. */
    public record Rendered(String period, byte[] bytes, LakeInfo lake) {}

    private final ProvinceBriefService provinces;
    private final NationalBriefService national;
    private final BriefRenderer renderer = new BriefRenderer();

    public Briefs(ProvinceBriefService provinces, NationalBriefService national) {
        this.provinces = provinces;
        this.national = national;
    }

    public Rendered province(String code, String year, AsOf asOf, boolean html) {
        ProvinceBrief brief = provinces.brief(code, year, asOf);
        byte[] bytes = html ? renderer.html(brief).getBytes(StandardCharsets.UTF_8) : renderer.pdf(brief);
        return new Rendered(brief.year(), bytes, lake(brief.footer().lakeVersions()));
    }

    public Rendered national(String year, AsOf asOf, boolean html) {
        NationalBrief brief = national.brief(year, asOf);
        byte[] bytes = html ? renderer.html(brief).getBytes(StandardCharsets.UTF_8) : renderer.pdf(brief);
        return new Rendered(brief.year(), bytes, lake(brief.footer().lakeVersions()));
    }

    private static LakeInfo lake(String versions) {
        return versions.isEmpty()
                ? LakeInfo.none()
                : new LakeInfo(AsOf.parse(versions).versions().entrySet().stream()
                        .sorted(java.util.Map.Entry.comparingByKey())
                        .map(e -> new vn.chiso.api.lake.TableVersion(e.getKey(), e.getValue()))
                        .toList());
    }
}
