// A normal-case message of a view the replica has not entered (pbft.md §5.2 C5, §5.5). It waits for
// the NEW-VIEW of that view (replica.ts `admit`): only a NEW-VIEW carries the Q view-changes from which
// a backup recomputes the new primary's pre-prepares O, and so checks that the new view keeps every
// request committed before it. Under the bug `preprepare_enters_view` (rule `laterViewNeedsNewView`
// false) a backup takes a valid pre-prepare of a later view, signed by that view's primary, as proof
// that the view changed, and enters the view on it with no O. An honest primary of a later view went
// through a view change, so following it costs nothing; a primary whose own view was moved ahead (a
// process fault) re-assigns sequence numbers the view before committed.
import type { PbftRules } from './bugs.js';
import type { PrePrepare, Vote } from './types.js';

/** Whether `msg`, of a view above the replica's, moves the replica into that view at once. */
export function entersLaterView(rules: PbftRules, msg: PrePrepare | Vote): msg is PrePrepare {
  return !rules.laterViewNeedsNewView && msg.kind === 'pre-prepare';
}
