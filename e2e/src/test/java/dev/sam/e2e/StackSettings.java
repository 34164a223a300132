package dev.sam.e2e;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** How {@link LocalStackExtension} starts the stack for one test class. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface StackSettings {
    /** Installation-token lifetime at the emulator. */
    long tokenLifetimeSeconds() default 3600;

    /** Extra agent settings as {@code NAME=value} env entries, e.g. {@code SAM_AGENT_REFRESH_MARGIN=40s}. */
    String[] agent() default {};

    /** Extra API settings as {@code NAME=value} env entries. */
    String[] api() default {};

    /** Run this class against PostgreSQL when {@code SAM_TEST_POSTGRES} is set (CI), else embedded H2. */
    boolean postgresWhenAvailable() default false;
}
