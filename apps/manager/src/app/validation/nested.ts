import { applyDecorators } from '@nestjs/common';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsObject, ValidateNested } from 'class-validator';

type DtoClass = new () => object;

/**
 * One object validated as `dto`. @ValidateNested() alone lets an array through (it validates each
 * element instead), and class-transformer then fills the defaults in: `job: [{}]` would register a pod.
 */
export const NestedObject = (dto: () => DtoClass): PropertyDecorator =>
  applyDecorators(IsObject(), ValidateNested(), Type(dto));

/** An array of at most `max` objects, each validated as `dto`. */
export const NestedObjects = (dto: () => DtoClass, max: number): PropertyDecorator =>
  applyDecorators(
    IsArray(),
    ArrayMaxSize(max),
    IsObject({ each: true }),
    ValidateNested({ each: true }),
    Type(dto),
  );
