import { ApiProperty } from '@nestjs/swagger';
import { KeyResponse } from '../../http/key.response';

export class KeyPageResponse {
  @ApiProperty({ type: [KeyResponse] }) items!: KeyResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}
