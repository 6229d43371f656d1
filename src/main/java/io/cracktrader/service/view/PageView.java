package io.cracktrader.service.view;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/** One page of a list: {@code items} and where they sit in the whole. */
@RegisterForReflection
public record PageView<T>(List<T> items, Pagination pagination) {

    @RegisterForReflection
    public record Pagination(int page, int size, long total, int pages) {
    }

    /**
     * The first row of a page (pages count from 1). Done in long arithmetic: a page far past the end
     * (?page=577578892) is an empty page, never an overflowed, negative offset the database refuses.
     */
    public static int offset(int page, int size) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(0L, ((long) page - 1) * size));
    }

    public static <T> PageView<T> of(List<T> items, int page, int size, long total) {
        return new PageView<>(items, new Pagination(page, size, total, (int) ((total + size - 1) / size)));
    }
}
