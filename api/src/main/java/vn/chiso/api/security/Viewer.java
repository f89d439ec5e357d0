package vn.chiso.api.security;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/** Who is asking: anonymous (the public), a reviewer (sees draft releases) or an admin (also publishes). */
public record Viewer(String name, boolean authenticated, boolean reviewer, boolean admin) {

    public static final String REVIEWER = "REVIEWER";
    public static final String ADMIN = "ADMIN";
    private static final Viewer PUBLIC = new Viewer("anonymous", false, false, false);

    public static Viewer current() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !auth.isAuthenticated() || auth instanceof AnonymousAuthenticationToken) {
            return PUBLIC;
        }
        boolean admin = has(auth, ADMIN);
        return new Viewer(auth.getName(), true, admin || has(auth, REVIEWER), admin);
    }

    private static boolean has(Authentication auth, String role) {
        for (GrantedAuthority a : auth.getAuthorities()) {
            if (("ROLE_" + role).equals(a.getAuthority())) {
                return true;
            }
        }
        return false;
    }

    /** For ETags: answers differ between the public and those who see drafts. */
    public String audience() {
        return reviewer ? "reviewer" : "public";
    }
}
