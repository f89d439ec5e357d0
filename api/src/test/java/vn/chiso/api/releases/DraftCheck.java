package vn.chiso.api.releases;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

/**
 * What a reviewer's answer must show: the latest figures (the drafts) of the releases the test
 * recomputed, and at least one figure the public does not get — a draft figure, an unpublished
 * period, index or release.
 */
final class DraftCheck {

    private final ReleaseFacts facts;
    private final Map<ReleaseFacts.Key, ReleaseFacts.Figures> drafts;

    DraftCheck(ReleaseFacts facts, Map<ReleaseFacts.Key, ReleaseFacts.Figures> drafts) {
        this.facts = facts;
        this.drafts = drafts;
    }

    boolean sawDrafts(Extracted seen, String where) {
        boolean draft = false;
        for (Entry e : seen.lines) {
            draft |= line(e, where);
        }
        for (Entry e : seen.kpis) {
            ReleaseFacts.Key key = new ReleaseFacts.Key(LakeView.KPI_INDEX, e.period());
            String unit = ReleaseFacts.unitKey(e.level(), e.unit());
            draft |= !facts.isPublished(key.index(), key.period());
            if (drafts.containsKey(key) && drafts.get(key).kpis().containsKey(unit)) {
                assertThat(e.agreesWith(drafts.get(key).kpis().get(unit), ReleaseFacts.KPI))
                        .as("%s: a reviewer gets the latest KPIs of %s %s", where, unit, e.period())
                        .isTrue();
                draft |= !facts.isPublished(key.index(), key.period())
                        || !e.agreesWith(facts.current(key).kpis().get(unit), ReleaseFacts.KPI);
            }
        }
        for (Extracted.Explained x : seen.explanations) {
            String unit = ReleaseFacts.unitKey("province", x.unit());
            Entry latest = drafts.containsKey(x.key())
                    ? drafts.get(x.key()).explanations().get(unit)
                    : null;
            if (latest != null) {
                assertThat(x.head().agreesWith(latest, ReleaseFacts.EXPLANATION))
                        .as("%s: a reviewer gets the latest rank change of %s in %s", where, unit, x.key())
                        .isTrue();
            }
            Entry shown = facts.isPublished(x.key().index(), x.key().period())
                    ? facts.current(x.key()).explanations().get(unit)
                    : null;
            draft |= shown == null || !x.head().agreesWith(shown, ReleaseFacts.EXPLANATION);
        }
        for (Extracted.Method m : seen.methodologies) {
            draft |= m.periods().stream()
                    .anyMatch(p -> !facts.isPublished(m.index(), p)
                            || !m.version()
                                    .equals(facts.current(new ReleaseFacts.Key(m.index(), p))
                                            .methodology()));
        }
        draft |= seen.periods.entrySet().stream()
                .anyMatch(ps -> ps.getValue().stream().anyMatch(p -> !facts.isPublished(ps.getKey(), p)));
        draft |= seen.correlated.entrySet().stream()
                .anyMatch(c -> c.getValue().stream().anyMatch(i -> !facts.isPublished(i, c.getKey())));
        draft |= seen.releases.stream().anyMatch(r -> !"published".equals(r.get("status")));
        return draft;
    }

    /** A reviewer's line of a recomputed release is its latest; true when the public does not get it. */
    private boolean line(Entry e, String where) {
        ReleaseFacts.Key key = new ReleaseFacts.Key(e.index(), e.period());
        if (!facts.isPublished(key.index(), key.period())) {
            return true;
        }
        String unit = ReleaseFacts.unitKey(e.level(), e.unit());
        if (!drafts.containsKey(key) || !drafts.get(key).lines().containsKey(unit)) {
            return false;
        }
        assertThat(e.agreesWith(drafts.get(key).lines().get(unit), ReleaseFacts.LINE))
                .as(
                        "%s: a reviewer gets the latest figures of %s: %s",
                        where, e.about(), e.differences(drafts.get(key).lines().get(unit), ReleaseFacts.LINE))
                .isTrue();
        return !e.agreesWith(facts.current(key).lines().get(unit), ReleaseFacts.LINE);
    }
}
