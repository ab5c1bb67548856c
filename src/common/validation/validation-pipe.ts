import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';

/**
 * The REST adapter's one input validation: every controller takes DTO classes (class-validator
 * decorators, Swagger from the same classes), checked here before the handler runs. Unknown
 * fields are refused, not silently dropped, so a typo ("limt=5") is a 400 instead of a default.
 * The answer is one sentence naming each bad field: `limit must be an integer from 1 to 200.`
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    // Types come from explicit @Type/@Transform decorators only: implicit conversion would turn
    // the query string "false" into true.
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new BadRequestException(validationMessage(errors)),
  });
}

/** Each failing field's first problem, joined into one sentence. */
export function validationMessage(errors: ValidationError[]): string {
  const problems = flatten(errors).map(({ path, error }) => describe(path, error));
  return `${problems.join('; ')}.`;
}

function flatten(errors: ValidationError[], prefix = ''): { path: string; error: ValidationError }[] {
  return errors.flatMap((error) => {
    const path = prefix ? `${prefix}.${error.property}` : error.property;
    const own = error.constraints && Object.keys(error.constraints).length ? [{ path, error }] : [];
    return [...own, ...flatten(error.children ?? [], path)];
  });
}

function describe(path: string, error: ValidationError): string {
  const constraints = error.constraints ?? {};
  if (constraints.whitelistValidation) return `'${path}' is not a parameter of this endpoint`;
  const first = Object.values(constraints)[0] ?? `${path} is invalid`;
  // class-validator names the property; for nested fields say where it sits.
  return path === error.property ? first : first.replace(new RegExp(`^${escape(error.property)}\\b`), path);
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
