package io.github.ssgan.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One of {@code count} shares of a suite's runs, 1-based ({@code 1/4} … {@code 4/4}), so that a grid can be trained
 * on several machines at once. Which runs a shard trains is {@link ShardAssignment}'s; {@code 1/1} is every run.
 * Written into suite.json as {@code "2/4"}, as it is typed.
 */
public record Shard(int index, int count) {
    /** Every run: the unsharded suite. */
    public static final Shard ALL = new Shard(1, 1);

    private static final Pattern FORM = Pattern.compile("\\s*(-?\\d{1,9})\\s*/\\s*(-?\\d{1,9})\\s*");

    /**
     * Parses {@code i/n}.
     *
     * @param parameter named in the error, e.g. {@code shard} or {@code ssgan.shard}
     * @throws SpecException if malformed, n < 1 or i outside 1..n
     */
    public static Shard parse(String value, String parameter) {
        Matcher m = value == null ? null : FORM.matcher(value);
        if (m == null || !m.matches()) {
            throw new SpecException(parameter, "'" + value + "' is not of the form i/n (e.g. 2/4: the second of four"
                    + " shares)");
        }
        Shard shard = new Shard(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
        shard.validate(parameter);
        return shard;
    }

    @JsonCreator
    static Shard fromJson(String value) {
        return parse(value, "shard");
    }

    /** Throws {@link SpecException} naming {@code parameter} unless n ≥ 1 and 1 ≤ i ≤ n. */
    public void validate(String parameter) {
        if (count < 1) {
            throw new SpecException(parameter, "'" + this + "': the number of shards must be at least 1");
        }
        if (index < 1 || index > count) {
            throw new SpecException(parameter, "'" + this + "': the shard number must be between 1 and " + count
                    + " (shards count from 1)");
        }
    }

    /** Whether this is one share of several rather than the whole suite. */
    public boolean isPartial() {
        return count > 1;
    }

    @JsonValue
    @Override
    public String toString() {
        return index + "/" + count;
    }
}
