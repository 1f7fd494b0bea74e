// The exec pool worker that can die (./dying-workers.ts).
import { dyingExecBatch } from './dying-workers.js';

export default dyingExecBatch;
