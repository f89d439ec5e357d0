package vn.chiso.api.lake;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * A test that reads what only the real pipeline writes (rank changes, index bands, the published
 * indices). Tagged {@code integration}: {@code ./chiso test} runs it on the pipeline lake, the fast
 * tier ({@code ./chiso test --fast}) leaves it out and runs the other API tests on {@link SyntheticLake}.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Tag("integration")
public @interface NeedsPipelineLake {}
