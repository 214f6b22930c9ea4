// Runs a side effect (a send, a bounce, a notice) at most once per delivery across retried
// invocations: the step's name is recorded after the effect succeeds, and a retry skips it.
// Step names must be stable across retries and carry no personal data (they are stored).
export type Once = (step: string, effect: () => Promise<unknown>) => Promise<void>;

/** No record kept: every call runs (tests, and adapters used outside the email door). */
export const always: Once = async (_step, effect) => {
  await effect();
};
