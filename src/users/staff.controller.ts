import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../common/access/access.decorators';
import { StaffMemberView } from './dto/user.view';
import { UsersService } from './users.service';

@ApiTags('auth')
@Controller('staff')
export class StaffController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'The PIN pad: active staff who have a PIN' })
  @ApiOkResponse({ type: [StaffMemberView] })
  pinPad(): Promise<StaffMemberView[]> {
    return this.users.pinPad();
  }
}
