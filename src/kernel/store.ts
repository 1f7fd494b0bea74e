// What survives a restart (DESIGN §4, diembft-v4 §12). The host keeps a replica's store across crash
// and restart; the replica writes to it and reads it back on restart. Opaque to the host.

export interface Store { readonly data: Map<string, unknown> }

export function emptyStore(): Store {
  return { data: new Map<string, unknown>() };
}
