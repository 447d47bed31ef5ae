package dev.sluice.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Usage errors of command-line options, in one style: each names the option and the value as given,
 * then the fix. They are picocli {@link ParameterException}s, so {@link Main} reports them like
 * picocli's own parse errors ("Invalid value for option '--workers': 'x' is not an int"), with exit
 * code {@value Main#USAGE}, before any node runs.
 */
final class OptionErrors {
    private OptionErrors() {}

    /** {@code Invalid value for option '--save-retries': '-1' <problem>}. */
    static ParameterException invalid(CommandSpec spec, String option, Object value, String problem) {
        return new ParameterException(
                spec.commandLine(), "Invalid value for option '" + option + "': '" + value + "' " + problem);
    }

    /** {@code Options '--io tee' and '--async' conflict: <why>}; each option as given, with its value. */
    static ParameterException conflict(CommandSpec spec, String first, String second, String why) {
        return new ParameterException(
                spec.commandLine(), "Options '" + first + "' and '" + second + "' conflict: " + why);
    }

    /**
     * The option as typed on the command line: its name, and its values if the command line gave them
     * ({@code --io tee}, {@code --async}, and {@code --resume} for an option whose value is optional).
     */
    static String given(ParseResult given, String name) {
        OptionSpec option = given.matchedOption(name);
        if (option == null || option.arity().max() == 0) {
            return name;
        }
        List<String> args = given.originalArgs();
        List<String> typed = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.startsWith(name + "=")) {
                typed.add(arg.substring(name.length() + 1));
            } else if (option.names().length > 0 && List.of(option.names()).contains(arg) && i + 1 < args.size()) {
                String next = args.get(i + 1);
                if (option.originalStringValues().contains(next)) {
                    typed.add(next);
                }
            }
        }
        return typed.isEmpty() ? name : name + " " + String.join(" ", typed);
    }
}
