// The entry of one replica process of `twins exec --network` (src/net/twin-replica.ts), started by
// the run with child_process.fork and driven over its IPC channel.
import type { ToReplica } from '../net/twin-replica.js';

// Ctrl-C at a terminal signals the whole process group; the run stops its replica processes itself.
// Ignored before the replica's modules load (a static import would load them first).
process.on('SIGINT', () => undefined);
const { serveReplica } = await import('../net/twin-replica.js');
serveReplica({
  onMessage: (listener) => { process.on('message', (msg) => listener(msg as ToReplica)); },
  onDisconnect: (listener) => { process.on('disconnect', listener); },
  send: (msg, sent) => { process.send!(msg, undefined, {}, () => sent?.()); },
  exit: (code) => process.exit(code),
});
