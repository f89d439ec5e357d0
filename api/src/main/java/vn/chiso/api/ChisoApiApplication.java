package vn.chiso.api;

import java.util.Arrays;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import vn.chiso.api.briefs.BriefOptions;
import vn.chiso.contract.CommandLine;

/**
 * Read-only HTTP API over the lake's gold tables (Delta Kernel, no Spark); with the first argument
 * {@code brief}, writes a briefing to a file instead ({@code ./chiso brief}, {@link BriefOptions}).
 */
// accounts and password checks are the API's own (security.Accounts): no generated default user
@SpringBootApplication(exclude = UserDetailsServiceAutoConfiguration.class)
@ConfigurationPropertiesScan
public class ChisoApiApplication {

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("brief")) {
            brief(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        SpringApplication.run(ChisoApiApplication.class, args);
    }

    private static void brief(String[] args) {
        if (CommandLine.asksForHelp(args)) {
            System.out.print(BriefOptions.HELP);
            return;
        }
        BriefOptions options;
        try {
            options = BriefOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("[chiso] error: " + e.getMessage() + " (./chiso brief --help)");
            System.exit(2);
            return;
        }
        SpringApplication.run(
                ChisoApiApplication.class, options.springArguments().toArray(String[]::new));
    }
}
