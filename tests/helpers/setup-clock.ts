// Runs before every test file (vitest setupFiles): the app's clock starts at the run's pinned instant.
import { pinTestClock } from './clock.ts';

pinTestClock();
