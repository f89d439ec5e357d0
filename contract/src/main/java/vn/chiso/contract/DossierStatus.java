package vn.chiso.contract;

import java.util.Arrays;
import java.util.Optional;

/** Processing state of a dossier as one-stop shops report it. */
public enum DossierStatus {
    RESOLVED_EARLY("resolved_early", "Đã giải quyết trước hạn"),
    RESOLVED_ON_TIME("resolved_on_time", "Đã giải quyết đúng hạn"),
    RESOLVED_LATE("resolved_late", "Đã giải quyết quá hạn"),
    PENDING_WITHIN_DEADLINE("pending_within_deadline", "Đang giải quyết trong hạn"),
    PENDING_OVERDUE("pending_overdue", "Đang giải quyết quá hạn"),
    RETURNED("returned", "Trả lại/Từ chối");

    private final String code;
    private final String label;

    DossierStatus(String code, String label) {
        this.code = code;
        this.label = label;
    }

    public String code() {
        return code;
    }

    /** Vietnamese label as it appears in provinces' exports. */
    public String label() {
        return label;
    }

    public boolean isResolved() {
        return this == RESOLVED_EARLY || this == RESOLVED_ON_TIME || this == RESOLVED_LATE;
    }

    public boolean isPending() {
        return this == PENDING_WITHIN_DEADLINE || this == PENDING_OVERDUE;
    }

    public static Optional<DossierStatus> fromCode(String code) {
        return Arrays.stream(values()).filter(s -> s.code.equals(code)).findFirst();
    }
}
