package io.keygate.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QueryRoutesBodyTest {

    @Test
    void initialCapacityWhenDeclaredThenThatLengthWithinTheLimit() {
        assertThat(QueryRoutes.initialCapacity("11520", 65_536)).isEqualTo(11_520);
        assertThat(QueryRoutes.initialCapacity(" 300 ", 65_536)).isEqualTo(300);
        assertThat(QueryRoutes.initialCapacity("10000000", 65_536)).isEqualTo(65_536);
    }

    @Test
    void initialCapacityWhenAbsentOrUnreadableThenTheDefault() {
        assertThat(QueryRoutes.initialCapacity(null, 65_536)).isZero();
        assertThat(QueryRoutes.initialCapacity("abc", 65_536)).isZero();
        assertThat(QueryRoutes.initialCapacity("-5", 65_536)).isZero();
        assertThat(QueryRoutes.initialCapacity("0", 65_536)).isZero();
    }
}
