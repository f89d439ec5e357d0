package vn.chiso.api;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Read-only HTTP API over the lake's gold tables (Delta Kernel, no Spark). */
// accounts and password checks are the API's own (security.Accounts): no generated default user
@SpringBootApplication(exclude = UserDetailsServiceAutoConfiguration.class)
@ConfigurationPropertiesScan
public class ChisoApiApplication {

    public static void main(String[] args) {
        SpringApplication.run(ChisoApiApplication.class, args);
    }
}
