import { ArrayMaxSize, ArrayMinSize, IsArray, IsISO8601, IsOptional, IsString, MaxLength } from 'class-validator';

/** Shape checks only; the domain decides the rules (lengths after trimming, scope syntax, expiry window). */
export class CreateKeyRequestDto {
  @IsString()
  @MaxLength(1000)
  name!: string;

  @IsOptional()
  @IsString()
  @MaxLength(5000)
  description?: string | null;

  @IsArray()
  @ArrayMinSize(1, { message: 'scopes must name at least one scope' })
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  scopes!: string[];

  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'expiresAt must be an ISO-8601 date-time, e.g. 2026-12-31T00:00:00Z' })
  expiresAt?: string | null;
}
