import type { CreateNodeRequest } from '@strato/contracts';
import { IsInt, IsNumber, IsString, Matches, Max, Min } from 'class-validator';

export class CreateNodeDto implements CreateNodeRequest {
  @IsString()
  @Matches(/^[a-z0-9][a-z0-9-]{0,40}$/, { message: 'nodeId must be lower-case letters, digits and dashes' })
  nodeId!: string;

  @IsInt()
  @Min(1)
  incarnation!: number;

  @IsString()
  @Matches(/^[a-z][a-z0-9-]{0,30}$/, { message: 'pod must be lower-case letters, digits and dashes' })
  pod!: string;

  @IsNumber()
  @Min(0.01)
  @Max(64)
  cpus!: number;

  @IsNumber()
  @Min(16)
  @Max(1_048_576)
  memoryMiB!: number;
}
