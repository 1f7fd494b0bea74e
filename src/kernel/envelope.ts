// A message in flight (DESIGN §3): who sent it to whom, the message itself, and how its protocol
// classifies it. Fault policies decide a fate per envelope from these fields alone.

export interface Envelope<M> {
  /** Sending replica (an index into the run's replica list). */
  readonly from: number;
  /** Receiving replica (an index into the run's replica list). */
  readonly to: number;
  readonly message: M;
  /** The message's kind, as an index into its protocol's `kinds`. */
  readonly kind: number;
  /** The round (or view) the message is tagged with; Twins partitions by it. */
  readonly tag: number;
}
