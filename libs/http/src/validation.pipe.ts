import { type ArgumentMetadata, type ValidationError, ValidationPipe } from '@nestjs/common';
import { ValidateIf } from 'class-validator';
import { ApiErrors } from './api-error';

function flatten(errors: ValidationError[], parent = ''): Array<{ field: string; problems: string[] }> {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, problems: Object.values(error.constraints) }] : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/**
 * A field that may be left out but is never null: class-validator's `@IsOptional()` skips the
 * other checks for null too, which let `"scopes": null` through to the domain (a 500). Use
 * `@IsOptional()` only where null means something (the contract says `nullable`).
 */
export const IsOmittable = () => ValidateIf((_object: unknown, value: unknown) => value !== undefined);

const BODY_REQUIRED = Symbol('pxxl:body-required');

/** On a request DTO: a request without a body is refused (BODY_REQUIRED) instead of read as `{}`. */
export const BodyRequired = (): ClassDecorator => (target) => Reflect.defineMetadata(BODY_REQUIRED, true, target);

const isRequestClass = (metatype: ArgumentMetadata['metatype']): boolean =>
  typeof metatype === 'function' && ![Object, String, Number, Boolean, Array].includes(metatype as never);

/**
 * Nest's ValidationPipe reads a missing or null body as `{}`, so an empty PUT replaced the
 * workspace policy with its defaults; and a body that is an array or a scalar is not an object
 * to validate. Here a DTO body must be a JSON object, and `@BodyRequired()` DTOs must have one.
 */
class RequestValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' && isRequestClass(metadata.metatype)) {
      if (value === undefined) {
        if (Reflect.getMetadata(BODY_REQUIRED, metadata.metatype as object)) throw ApiErrors.bodyRequired();
      } else if (value === null || typeof value !== 'object' || Array.isArray(value)) {
        throw ApiErrors.invalidBody();
      }
    }
    return super.transform(value, metadata);
  }
}

/** Unknown fields are refused, not stripped: a typo in a field name must not pass silently. */
export function createValidationPipe(): ValidationPipe {
  return new RequestValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => ApiErrors.validation(flatten(errors)),
  });
}
