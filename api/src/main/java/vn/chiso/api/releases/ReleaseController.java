package vn.chiso.api.releases;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class ReleaseController {

    /** The body of publish and withdraw: why (required, audited in ops/releases). */
    record ReleaseRequest(
            @Schema(
                    description = "why the ranking is published or withdrawn (1–2000 characters)",
                    requiredMode = Schema.RequiredMode.REQUIRED,
                    example = "reviewed by the leadership")
            String reason) {}

    private final ReleaseService service;

    ReleaseController(ReleaseService service) {
        this.service = service;
    }

    @Operation(
            summary = "Ranking releases (index, period) and their state",
            description =
                    "The public sees published releases only; reviewers and admins (bearer token) see drafts too.")
    @GetMapping("/api/v1/releases")
    ReleaseService.ReleaseList releases(
            @RequestParam(required = false) String index,
            @Parameter(description = "published or draft") @RequestParam(required = false) String status) {
        return service.list(index, status);
    }

    @Operation(
            summary = "Publish a ranking: the public sees it from now on (admin; audited)",
            description =
                    "JSON body {\"reason\": …} required: who, when, which lake versions and why land in ops/releases.",
            security = @SecurityRequirement(name = "bearer"))
    @PostMapping("/api/v1/admin/releases/{index}/{period}/publish")
    ReleaseService.Release publish(
            @PathVariable String index, @PathVariable String period, @RequestBody ReleaseRequest body) {
        return service.publish(index, period, body.reason());
    }

    @Operation(
            summary = "Withdraw a published ranking back to draft (admin; audited)",
            description = "JSON body {\"reason\": …} required, audited like a publication.",
            security = @SecurityRequirement(name = "bearer"))
    @PostMapping("/api/v1/admin/releases/{index}/{period}/withdraw")
    ReleaseService.Release withdraw(
            @PathVariable String index, @PathVariable String period, @RequestBody ReleaseRequest body) {
        return service.withdraw(index, period, body.reason());
    }

    @Operation(
            summary = "The audit log: every publish and withdraw with who, when, which lake versions and why (admin)",
            security = @SecurityRequirement(name = "bearer"))
    @GetMapping("/api/v1/admin/releases/audit")
    ReleaseService.AuditLog audit() {
        return service.audit();
    }
}
