import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length, Matches } from 'class-validator';

export class PasswordLoginInput {
  @ApiProperty({ example: 'admin' })
  @IsString()
  @Length(1, 64)
  username!: string;

  @ApiProperty({ example: 'correct horse battery staple' })
  @IsString()
  @Length(1, 200)
  password!: string;
}

export class PinLoginInput {
  @ApiProperty({ format: 'uuid', description: 'From GET /staff' })
  @IsString()
  @Length(1, 64)
  userId!: string;

  @ApiProperty({ example: '4821', description: '4 to 8 digits' })
  @IsString()
  @Matches(/^\d{4,8}$/, { message: 'must be 4 to 8 digits' })
  pin!: string;
}

export class RefreshInput {
  @ApiProperty()
  @IsString()
  @Length(1, 200)
  refreshToken!: string;
}
