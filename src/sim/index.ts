export { World, type WorldOptions, type WorldObserver, type WorldReplicaSpec, type RunEnd, type EndReason, type DropReason } from './world.js';
export { TwinsPolicy, type RoundRules } from './twins-policy.js';
export { EventQueue } from './event-queue.js';
export { TraceHash } from './trace-hash.js';
export { stream, type Stream } from './rng.js';
export { SimConfigError } from './errors.js';
