package vn.chiso.contract;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The launcher's arguments: {@code --name value} options, {@code --flag} switches and positional
 * arguments. Unknown options are an error, so a typo never silently does something else.
 */
public final class CommandLine {

    /** Default lake root, relative to where ./chiso runs. */
    public static final String DEFAULT_LAKE = "./lakehouse";

    private final Map<String, String> options = new LinkedHashMap<>();
    private final List<String> positional = new ArrayList<>();

    private CommandLine() {}

    /**
     * @param valued options that take a value (e.g. "lake")
     * @param flags  switches without a value (e.g. "csv")
     */
    public static CommandLine parse(String[] args, Set<String> valued, Set<String> flags) {
        CommandLine cl = new CommandLine();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.startsWith("--") && a.length() > 2) {
                String name = a.substring(2);
                String value = null;
                int eq = name.indexOf('=');
                if (eq >= 0) {
                    value = name.substring(eq + 1);
                    name = name.substring(0, eq);
                }
                if (flags.contains(name) && value == null) {
                    cl.options.put(name, "true");
                } else if (valued.contains(name)) {
                    if (value == null) {
                        if (i + 1 >= args.length) {
                            throw new IllegalArgumentException("option --" + name + " needs a value");
                        }
                        value = args[++i];
                    }
                    cl.options.put(name, value);
                } else {
                    throw new IllegalArgumentException("unknown option --" + name);
                }
            } else {
                cl.positional.add(a);
            }
        }
        return cl;
    }

    /** True when the arguments ask for the command's help ({@code --help} or {@code -h}). */
    public static boolean asksForHelp(String[] args) {
        for (String a : args) {
            if (a.equals("--help") || a.equals("-h")) {
                return true;
            }
        }
        return false;
    }

    public String get(String name, String defaultValue) {
        return options.getOrDefault(name, defaultValue);
    }

    public boolean flag(String name) {
        return options.containsKey(name);
    }

    /**
     * The lake root ({@code --lake}, default {@link #DEFAULT_LAKE}): a local path made absolute against
     * the working directory (Spark reads a relative path in {@code delta.`…`} as a table name); a URI
     * such as {@code s3a://bucket/lake} as given.
     */
    public String lake() {
        String lake = get("lake", DEFAULT_LAKE);
        return lake.contains("://")
                ? lake
                : Path.of(lake).toAbsolutePath().normalize().toString();
    }

    public List<String> positional() {
        return List.copyOf(positional);
    }
}
