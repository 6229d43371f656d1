package io.cracktrader.service.view;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/** One page of a list: {@code items} and where they sit in the whole. */
@RegisterForReflection
public record PageView<T>(List<T> items, Pagination pagination) {

    @RegisterForReflection
    public record Pagination(int page, int size, long total, int pages) {
    }

    public static <T> PageView<T> of(List<T> items, int page, int size, long total) {
        return new PageView<>(items, new Pagination(page, size, total, (int) ((total + size - 1) / size)));
    }
}
