// One held message, one outcome. When a councillor sends a held message again with an override
// tag, the held copy must not stay in the queue: IG could release it and the recipient would get
// it twice. The held copies of the same message (found by their resend key) are marked
// 'overridden' with the councillor's reason *before* the re-send is delivered, by the same
// conditional change a release makes, so an override and a release racing each other give one
// delivery: whichever changes the status first wins, and the other finds it already decided.
import type { HeldItems, HeldRecord, ReviewRecord } from '../ports/held-items.ts';

export interface OverrideResolution {
  /** Held copies now (or by an earlier attempt of this re-send) marked overridden. */
  overridden: string[];
  /** Copies IG has already released: the message has gone, so the re-send must not go again. */
  released: string[];
  /** Copies IG rejected: the rules let the councillor override, so it goes, and IG is told. */
  rejected: string[];
}

export const NOTHING_RESOLVED: OverrideResolution = Object.freeze({ overridden: [], released: [], rejected: [] });

/** Marks every held copy of the message overridden; says which copies were already decided and how. */
export async function resolveOverride(held: HeldItems, resendKey: string, review: ReviewRecord): Promise<OverrideResolution> {
  const resolution: OverrideResolution = { overridden: [], released: [], rejected: [] };
  for (const copy of await held.findByResendKey(resendKey)) {
    const status = await settle(held, copy, review);
    if (status === 'overridden') resolution.overridden.push(copy.ref);
    else if (status === 'released') resolution.released.push(copy.ref);
    else if (status === 'rejected') resolution.rejected.push(copy.ref);
  }
  return resolution;
}

/** The copy's status once this override has had its say. */
async function settle(held: HeldItems, copy: HeldRecord, review: ReviewRecord): Promise<HeldRecord['status'] | undefined> {
  if (copy.status !== 'held') return copy.status;
  if (await held.updateStatus(copy.ref, { from: 'held', to: 'overridden', review })) return 'overridden';
  // Someone decided it between the read and the change: their decision stands.
  return (await held.get(copy.ref))?.status;
}
