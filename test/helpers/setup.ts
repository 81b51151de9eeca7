/** Runs with every test file: no temporary folder outlives the file that made it. */
import { afterAll } from 'vitest';
import { removeTempDirs } from './temp-dirs.js';

afterAll(() => removeTempDirs());
