import { ApiProperty } from '@nestjs/swagger';
import { BATCH_WORKLOADS } from '@strato/contracts';

export class WorkloadParamDto {
  @ApiProperty({ example: 'scale' }) name!: string;
  @ApiProperty({ example: "work size relative to the kind's standard job" }) description!: string;
  @ApiProperty({ example: 0.01 }) min!: number;
  @ApiProperty({ example: 10 }) max!: number;
  @ApiProperty({ example: 1, description: 'what a submit that leaves it out gets' }) default!: number;
  @ApiProperty({ example: false }) integer!: boolean;
}

export class WorkloadDto {
  @ApiProperty({ example: 'heavy' }) name!: string;
  @ApiProperty({ example: 'the heavy request job, once (seconds of CPU)' }) description!: string;
  @ApiProperty({ type: [WorkloadParamDto] }) params!: WorkloadParamDto[];
}

export const workloadCatalogue = (): WorkloadDto[] =>
  Object.entries(BATCH_WORKLOADS).map(([name, workload]) => ({
    name,
    description: workload.description,
    params: Object.entries(workload.params).map(([param, spec]) => ({ name: param, ...spec })),
  }));
