export * from './lib/types';
export { decide } from './lib/decide';
export { validatePolicy, REQUIRED_GAP } from './lib/validate';
export { InvalidPolicyError } from './lib/invalid-policy.error';
export { defaultThresholdPolicy, defaultTargetTrackingPolicy } from './lib/defaults';
export { initialScalingState, directionChanges } from './lib/state';
