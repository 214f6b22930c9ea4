// The progress bar of `gateway scan --summary` over many files, drawn on a terminal only: a pipe or
// a log file gets the final counts and rate, never the bar's control characters.
import cliProgress from 'cli-progress';

export interface Progress {
  tick(): void;
  stop(): void;
}

export const NO_PROGRESS: Progress = { tick: () => undefined, stop: () => undefined };

/**
 * A bar over `total` inputs on `terminal`, `done` of them done already, or nothing when there is no
 * terminal to draw on.
 */
export function progressBar(total: number, terminal: NodeJS.WritableStream | undefined, done = 0): Progress {
  if (!terminal) return NO_PROGRESS;
  const bar = new cliProgress.SingleBar(
    {
      stream: terminal,
      format: 'Scanning [{bar}] {value}/{total} inputs, {percentage}% | {eta_formatted} left',
      // Redraw at most ten times a second, however fast the inputs come.
      fps: 10,
      hideCursor: true,
      clearOnComplete: true,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, done);
  return { tick: () => bar.increment(), stop: () => bar.stop() };
}
