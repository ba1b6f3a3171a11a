import { ArrayMaxSize, IsArray, IsOptional, IsString, MaxLength } from 'class-validator';

export class VerifyKeyRequestDto {
  /** The presented key; or send it as `Authorization: Bearer <key>`. */
  @IsOptional()
  @IsString()
  @MaxLength(512)
  key?: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  requiredScopes?: string[];
}
