package dev.sam.api.rest;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.ws.rs.NameBinding;

/**
 * Binds {@link AdminKeyFilter} to operator resources by annotation rather than by path prefix, so no spelling of a
 * path (double slashes, dot segments, encodings) can reach an operator endpoint around the check.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface AdminOnly {
}
