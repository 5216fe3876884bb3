import { SingleBar, Presets } from 'cli-progress';
import { type ProgressListener } from '../index/model';

/** Below this many questions a build takes well under a second and a bar would only flicker. */
const MIN_QUESTIONS_FOR_BAR = 2000;

/** A progress listener that draws a bar on stderr for large builds, and the call that removes it. */
export function buildProgressBar(): { onProgress: ProgressListener; stop: () => void } {
  let bar: SingleBar | undefined;
  return {
    onProgress(done, total) {
      if (total < MIN_QUESTIONS_FOR_BAR || !process.stderr.isTTY) return;
      if (bar === undefined) {
        bar = new SingleBar({ format: 'indexing [{bar}] {value}/{total} questions', stream: process.stderr }, Presets.shades_classic);
        bar.start(total, 0);
      }
      bar.update(done);
    },
    stop() {
      bar?.stop();
    },
  };
}
