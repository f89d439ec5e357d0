package vn.chiso.api;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Read-only HTTP API over the lake's gold tables (Delta Kernel, no Spark). */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ChisoApiApplication {

    public static void main(String[] args) {
        SpringApplication.run(ChisoApiApplication.class, args);
    }
}
