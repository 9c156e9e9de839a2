import { Body, Controller, HttpCode, Put } from '@nestjs/common';
import type { AgentCredentialChange } from '@strato/contracts';
import { IsInt, IsString, Length, Max, Min } from 'class-validator';
import { AgentCredential } from './agent-credential';

export class CredentialChangeDto implements AgentCredentialChange {
  @IsString()
  @Length(16, 200)
  credential!: string;

  @IsInt()
  @Min(0)
  @Max(3_600_000)
  previousValidForMs!: number;
}

/** The manager rotates this agent's credential (called with the current one). */
@Controller('agent/v1')
export class CredentialController {
  constructor(private readonly credential: AgentCredential) {}

  @Put('credential')
  @HttpCode(204)
  replace(@Body() body: CredentialChangeDto): void {
    this.credential.rotate(body.credential, body.previousValidForMs);
  }
}
