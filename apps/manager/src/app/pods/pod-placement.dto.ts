import { ApiProperty } from '@nestjs/swagger';
import { PLACEMENT_MODES, type PlacementMode, type PodPlacement } from '@strato/contracts';
import { IsIn } from 'class-validator';
import { MayBeOmitted } from '../validation/field-presence';
import { IsLabelMap } from '../validation/label-map';

const MODE_DOC =
  "spread: over every host with room, fewest of the pod's nodes first; one-host: all on the host its first node went to";
const LABELS_DOC = 'only hosts whose agent carries every one of these labels (STRATO_AGENT_LABELS)';

export class PodPlacementDto implements PodPlacement {
  @ApiProperty({ enum: PLACEMENT_MODES, example: 'spread', description: MODE_DOC })
  mode!: PlacementMode;

  @ApiProperty({
    type: Object,
    additionalProperties: { type: 'string' },
    example: { zone: 'a' },
    description: LABELS_DOC,
  })
  labels!: Record<string, string>;
}

/** A placement in a request: what is left out stays as it is (spread, no labels for a new pod). */
export class PodPlacementChangeDto {
  @ApiProperty({ enum: PLACEMENT_MODES, required: false, example: 'one-host', description: MODE_DOC })
  @MayBeOmitted()
  @IsIn(PLACEMENT_MODES)
  mode?: PlacementMode;

  @ApiProperty({
    type: Object,
    required: false,
    additionalProperties: { type: 'string' },
    example: { zone: 'a' },
    description: `${LABELS_DOC}; {} for any host`,
  })
  @MayBeOmitted()
  @IsLabelMap()
  labels?: Record<string, string>;
}

/** The placement after a change: only the fields the change sets. */
export function changedPlacement(
  current: PodPlacement,
  change: PodPlacementChangeDto | undefined,
): PodPlacement {
  return { mode: change?.mode ?? current.mode, labels: change?.labels ?? current.labels };
}

/** "spread" / "on one host", with the labels asked for: for events. */
export function describePlacement(placement: PodPlacement): string {
  const labels = Object.entries(placement.labels).map(([key, value]) => `${key}=${value}`);
  const mode = placement.mode === 'one-host' ? 'on one host' : 'spread over hosts';
  return labels.length > 0 ? `${mode} labelled ${labels.join(',')}` : mode;
}
