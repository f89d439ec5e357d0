package vn.chiso.api.system;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class OpenApiConfig {

    @Bean
    OpenAPI chisoOpenApi() {
        return new OpenAPI()
                .components(new Components()
                        .addSecuritySchemes(
                                "bearer",
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .description(
                                                "Reviewers (see draft releases) and admins (publish): a token from "
                                                        + "POST /api/v1/auth/token (accounts from chiso.security.users.* in the "
                                                        + "environment), sent as 'Authorization: Bearer …'")))
                .info(new Info()
                        .title("chiso API")
                        .version("v1")
                        .description(
                                "Rankings and KPIs of Vietnam's provinces' one-stop shops, read from the lake's gold "
                                        + "Delta tables. Every JSON body has a 'lake' object naming the tables and Delta versions "
                                        + "it came from; errors are RFC 7807 problem+json."));
    }
}
