package io.keygate.policy.condition;

import io.keygate.policy.match.Glob;
import io.keygate.policy.match.Template;
import java.util.List;

/** {@code StringEquals}, {@code StringEqualsIgnoreCase}, {@code StringLike} and their negations; variables allowed. */
final class StringOperator implements ConditionOperator {

    static final StringOperator INSTANCE = new StringOperator();

    @Override
    public String family() {
        return "String";
    }

    @Override
    public ValueTest compile(String name, List<String> values, boolean variablesEnabled) {
        Template[] templates = new Template[values.size()];
        for (int i = 0; i < templates.length; i++) {
            templates[i] = Template.parse(values.get(i), variablesEnabled);
        }
        boolean dynamic = false;
        for (Template t : templates) {
            dynamic |= t.hasVariables();
        }
        if (name.endsWith("Like")) {
            Glob[] globs = new Glob[templates.length];
            for (int i = 0; i < globs.length; i++) {
                globs[i] = templates[i].hasVariables() ? null : templates[i].staticGlob(false);
            }
            return (cv, i, vars) -> {
                String s = cv.values().get(i);
                for (int j = 0; j < globs.length; j++) {
                    Boolean m = globs[j] != null ? Boolean.valueOf(globs[j].matches(s)) : templates[j].matches(vars, s);
                    if (m == null) {
                        continue; // a variable with no value: nothing is like it
                    }
                    if (m) {
                        return Boolean.TRUE;
                    }
                }
                return Boolean.FALSE;
            };
        }
        boolean ignoreCase = name.endsWith("IgnoreCase");
        String[] fixed = new String[templates.length];
        for (int i = 0; i < fixed.length; i++) {
            fixed[i] = templates[i].hasVariables() ? null : templates[i].resolveText(k -> null);
        }
        boolean anyDynamic = dynamic;
        return (cv, i, vars) -> {
            String s = cv.values().get(i);
            for (int j = 0; j < fixed.length; j++) {
                String p = fixed[j];
                if (p == null && anyDynamic) {
                    p = templates[j].resolveText(vars);
                    if (p == null) {
                        continue; // a variable with no value: nothing equals it
                    }
                }
                if (ignoreCase ? p.equalsIgnoreCase(s) : p.equals(s)) {
                    return Boolean.TRUE;
                }
            }
            return Boolean.FALSE;
        };
    }
}
