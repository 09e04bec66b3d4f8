package io.keygate.protocol.model;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One shape of a service model: its type and the constraints AWS validates ({@code min}/{@code max} as length for
 * strings and lists and as value for numbers, {@code pattern}, {@code enum}), the members of a structure (in model
 * order), the element of a list, the key and value of a map.
 *
 * @param name      the shape's name in the model
 * @param type      {@code structure}, {@code list}, {@code map}, {@code string}, {@code integer}, {@code long},
 *                  {@code boolean}, {@code timestamp}, {@code blob}, …
 * @param members   member name → target shape name (structures), in model order
 * @param required  required member names (structures)
 * @param member    the list element's shape name, or null
 * @param key       the map key's shape name, or null
 * @param value     the map value's shape name, or null
 * @param min       the minimum length or value, or null
 * @param max       the maximum length or value, or null
 * @param pattern   the regular expression exactly as the model writes it, or null
 * @param enums     the allowed values, empty when unrestricted
 * @param sensitive whether AWS keeps the value out of messages
 */
public record Shape(String name, String type, Map<String, String> members, List<String> required, String member,
                    String key, String value, Long min, Long max, String pattern, List<String> enums,
                    boolean sensitive, Pattern compiled) {

    public Shape {
        members = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(members));
        required = List.copyOf(required);
        enums = List.copyOf(enums);
    }

    public boolean isStructure() {
        return type.equals("structure");
    }

    public boolean isList() {
        return type.equals("list");
    }

    public boolean isMap() {
        return type.equals("map");
    }

    /** Numbers: integer, long, float, double. */
    public boolean isNumber() {
        return type.equals("integer") || type.equals("long") || type.equals("float") || type.equals("double");
    }
}
