import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { OWNER_MAX_LENGTH, OWNER_PATTERN } from '@pxxl/contracts';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';

/** What the owner handle looks like to a caller (docs/api.md#owners); the one pattern lives in @pxxl/contracts. */
export const OWNER_SYNTAX = '<kind>:<name>: kind team, user or service; name 1–63 of a-z, 0-9, ".", "_", "-", starting with a letter or digit';

/** Shared by create, update and the owner routes: an owner handle, shape-checked with the contracts' pattern. */
export const OwnerProperty = (description: string) =>
  applyDecorators(
    ApiPropertyOptional({ type: String, nullable: true, maxLength: OWNER_MAX_LENGTH, pattern: OWNER_PATTERN.source, example: 'team:payments', description: `${OWNER_SYNTAX}; ${description}` }),
    IsOptional(),
    IsString(),
    MaxLength(OWNER_MAX_LENGTH),
    Matches(OWNER_PATTERN, { message: `owner must be ${OWNER_SYNTAX}` }),
  );
