package kr.codeb.control.project;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A project name that is valid once normalised ({@link ProjectNames}). Null and blank pass, so that
 * {@code @NotBlank} alone reports a missing name.
 */
@Documented
@Constraint(validatedBy = ValidProjectName.Validator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface ValidProjectName {

    String message() default ProjectNames.RULE;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Checks the normalised value against {@link ProjectNames#isValid}. */
    class Validator implements ConstraintValidator<ValidProjectName, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || value.isBlank() || ProjectNames.isValid(ProjectNames.normalise(value));
        }
    }
}
