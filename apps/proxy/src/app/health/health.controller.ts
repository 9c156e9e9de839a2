import { Controller, Get, SetMetadata } from '@nestjs/common';
import { IS_PUBLIC } from '../auth/agent-token.guard';

@Controller('agent')
export class HealthController {
  @Get('health')
  @SetMetadata(IS_PUBLIC, true)
  health(): { status: 'ok' } {
    return { status: 'ok' };
  }
}
