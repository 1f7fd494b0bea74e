// The fuzz pool worker that can die (./dying-workers.ts).
import { dyingFuzzBatch } from './dying-workers.js';

export default dyingFuzzBatch;
